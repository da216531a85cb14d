#pragma once
// The sandbox's --state FILE: read at start, written atomically (a temporary file beside it,
// flushed to disk, then renamed over it), so a kill at any moment leaves the last good file.

#include <optional>
#include <string>

namespace metal::native {

/// The file's text; nullopt when it does not exist. Other failures are errors.
struct StateRead {
  std::optional<std::string> text;
  std::string error;
};
StateRead read_state_file(const std::string& path);

/// Writes `text` to `path` atomically; returns "" or what went wrong.
std::string write_state_file(const std::string& path, const std::string& text);

}  // namespace metal::native
