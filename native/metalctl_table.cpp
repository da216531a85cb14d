#include "metalctl_table.hpp"

#include <algorithm>

namespace metal::native {
namespace {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;  // count code points, not continuation bytes
  return width;
}

// A cell is one line: control characters from the API (a name with a newline...) are shown as
// spaces rather than breaking the table.
std::string one_line(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

}  // namespace

std::string Table::render() const {
  std::vector<std::size_t> widths(headers.size(), 0);
  for (std::size_t i = 0; i < headers.size(); ++i)
    widths[i] = display_width(headers[i]);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(one_line(row[i])));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? one_line(cells[i]) : "";
      text += cell;
      if (i + 1 < widths.size()) text += std::string(widths[i] - display_width(cell) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ')
      text.pop_back();
    out += text + "\n";
  };
  line(headers);
  for (const auto& row : rows)
    line(row);
  return out;
}

std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t width = 0;
  for (const auto& [key, value] : fields)
    width = std::max(width, key.size());
  std::string out;
  for (const auto& [key, value] : fields)
    out += key + std::string(width - key.size() + 2, ' ') + one_line(value) + "\n";
  return out;
}

}  // namespace metal::native
