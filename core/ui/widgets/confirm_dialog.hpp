#pragma once
// The one confirmation every destructive action goes through: it names what will be destroyed,
// says what follows, and for a protected server or many servers asks the user to type a word
// (the name, or the count) before the button works.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace metal::ui {

struct Confirmation {
  std::string title;                 // "Terminate web-prod-12?"
  std::string consequence;           // what happens, in a sentence or two
  std::vector<std::string> victims;  // names of what will be destroyed (the first few are shown)
  std::string typed_word;            // to be typed before confirming; empty: a click is enough
  std::string button;                // "Terminate"
  std::function<void()> on_confirm;
};

class ConfirmDialog {
 public:
  /// Opens the dialog (replacing any not yet answered).
  void ask(Confirmation confirmation);
  /// Draws the pending confirmation, if any; the shell calls it once per frame.
  void draw();

 private:
  std::optional<Confirmation> pending_;
  std::string typed_;
};

}  // namespace metal::ui
