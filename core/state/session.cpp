#include "state/session.hpp"

namespace metal::state {

std::optional<std::string> session_problem(const SessionChoice& choice) {
  if (choice.demo || !choice.profile.empty()) return std::nullopt;
  const std::string& url = choice.api_url;
  if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
    return "the API URL starts with https:// (or is empty for this page's own server)";
  if (url.find_first_of(" \t\n?#") != std::string::npos)
    return "the API URL is a bare address, without spaces, query or fragment";
  const std::string& key = choice.secret_key;
  // 8-4-4-4-12 hexadecimal digits.
  bool uuid = key.size() == 36;
  for (std::size_t i = 0; uuid && i < key.size(); ++i) {
    const char c = key[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    uuid = dash ? c == '-'
                : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
  }
  if (!uuid) return "a secret key is 36 characters: 8-4-4-4-12 hexadecimal digits";
  return std::nullopt;
}

}  // namespace metal::state
