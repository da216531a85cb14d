#pragma once
// What the console talks to: the offline demo, or an API with a secret key. Checked before use,
// so a typo gets a sentence, not a wall of 401s. The key is never shown again once entered.

#include <optional>
#include <string>

namespace metal::state {

struct SessionChoice {
  bool demo = true;
  std::string api_url;     // empty: the page's own origin (a console served beside its API)
  std::string secret_key;  // a UUID, as the API issues them
  bool remember = false;   // kept beyond this tab (web), else forgotten when it closes
  // A profile of the scw config (desktop): its URL and key come from there, never through the UI.
  std::string profile;
};

/// What is wrong with the choice, in words, or nothing.
std::optional<std::string> session_problem(const SessionChoice& choice);

}  // namespace metal::state
