#pragma once
// Human output of metalctl: aligned columns with a header row, as the scw CLI prints them.

#include <string>
#include <vector>

namespace metal::native {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  /// Columns separated by two spaces; the last column is not padded. Cells are counted in
  /// characters (UTF-8 aware), so names with accents stay aligned.
  std::string render() const;
};

/// "key   value" lines for one resource.
std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace metal::native
