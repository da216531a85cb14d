#include "state/terminal.hpp"

#include <algorithm>
#include <utility>

#include <vterm.h>

namespace metal::state {

struct TerminalCallbacks {
  static Terminal& of(void* user) { return *static_cast<Terminal*>(user); }

  static void output(const char* bytes, std::size_t length, void* user) {
    of(user).take(std::string_view(bytes, length));
  }
  static int damage(VTermRect, void* user) {
    ++of(user).version_;
    return 1;
  }
  static int move_cursor(VTermPos pos, VTermPos, int visible, void* user) {
    Terminal& t = of(user);
    t.cursor_ = {pos.row, pos.col};
    t.cursor_visible_ = visible != 0;
    ++t.version_;
    return 1;
  }
  static int set_property(VTermProp property, VTermValue* value, void* user) {
    Terminal& t = of(user);
    if (property == VTERM_PROP_TITLE && value->string) t.title_ = value->string;
    if (property == VTERM_PROP_CURSORVISIBLE) t.cursor_visible_ = value->boolean != 0;
    ++t.version_;
    return 1;
  }
  static int push_line(int columns, const VTermScreenCell* cells, void* user);

  static constexpr VTermScreenCallbacks kScreen = {
      .damage = damage,
      .moverect = nullptr,
      .movecursor = move_cursor,
      .settermprop = set_property,
      .bell = nullptr,
      .resize = nullptr,
      .sb_pushline = push_line,
      .sb_popline = nullptr,
  };
};

namespace {

std::uint32_t rgb_of(const VTermScreen* screen, VTermColor color) {
  vterm_screen_convert_color_to_rgb(screen, &color);
  return (std::uint32_t{color.rgb.red} << 16) | (std::uint32_t{color.rgb.green} << 8) |
         color.rgb.blue;
}

TerminalCell cell_of(const VTermScreen* screen, const VTermScreenCell& c) {
  TerminalCell cell;
  // libvterm marks the right half of a wide character with (uint32_t)-1.
  const bool right_half = c.chars[0] == static_cast<std::uint32_t>(-1);
  cell.ch = c.chars[0] && !right_half ? static_cast<char32_t>(c.chars[0]) : U' ';
  cell.width = right_half ? 0 : static_cast<std::uint8_t>(c.width < 0 ? 0 : c.width);
  cell.bold = c.attrs.bold;
  cell.underline = c.attrs.underline != 0;
  cell.inverse = c.attrs.reverse;
  cell.default_fg = VTERM_COLOR_IS_DEFAULT_FG(&c.fg);
  cell.default_bg = VTERM_COLOR_IS_DEFAULT_BG(&c.bg);
  cell.fg = rgb_of(screen, c.fg);
  cell.bg = rgb_of(screen, c.bg);
  return cell;
}

VTermModifier modifier_of(TerminalModifiers m) {
  int mod = VTERM_MOD_NONE;
  if (m.shift) mod |= VTERM_MOD_SHIFT;
  if (m.ctrl) mod |= VTERM_MOD_CTRL;
  if (m.alt) mod |= VTERM_MOD_ALT;
  return static_cast<VTermModifier>(mod);
}

}  // namespace

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

int TerminalCallbacks::push_line(int columns, const VTermScreenCell* cells, void* user) {
  Terminal& t = of(user);
  if (t.scrollback_limit_ <= 0) return 1;
  std::vector<TerminalCell> line;
  line.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c)
    line.push_back(cell_of(t.screen_, cells[c]));
  // Trailing blanks cost memory and nothing else.
  while (!line.empty() && line.back().ch == U' ' && line.back().default_bg)
    line.pop_back();
  if (static_cast<int>(t.scrollback_.size()) >= t.scrollback_limit_) t.scrollback_.pop_front();
  t.scrollback_.push_back(std::move(line));
  ++t.version_;
  return 1;
}

Terminal::Terminal(int rows, int columns, int scrollback_lines)
    : rows_(std::max(rows, 1)),
      columns_(std::max(columns, 1)),
      scrollback_limit_(std::max(scrollback_lines, 0)) {
  vt_ = vterm_new(rows_, columns_);
  vterm_set_utf8(vt_, 1);
  vterm_output_set_callback(vt_, &TerminalCallbacks::output, this);
  screen_ = vterm_obtain_screen(vt_);
  vterm_screen_set_callbacks(screen_, &TerminalCallbacks::kScreen, this);
  vterm_screen_set_damage_merge(screen_, VTERM_DAMAGE_SCROLL);
  vterm_screen_enable_altscreen(screen_, 1);
  vterm_screen_reset(screen_, 1);
}

Terminal::~Terminal() {
  vterm_free(vt_);
}

void Terminal::feed(std::string_view bytes) {
  if (bytes.empty()) return;
  vterm_input_write(vt_, bytes.data(), bytes.size());
  vterm_screen_flush_damage(screen_);
  ++version_;
}

void Terminal::resize(int rows, int columns) {
  rows = std::clamp(rows, 1, 1000);
  columns = std::clamp(columns, 1, 1000);
  if (rows == rows_ && columns == columns_) return;
  rows_ = rows;
  columns_ = columns;
  vterm_set_size(vt_, rows, columns);
  vterm_screen_flush_damage(screen_);
  ++version_;
}

void Terminal::reset() {
  scrollback_.clear();
  title_.clear();
  vterm_screen_reset(screen_, 1);
  cursor_ = {};
  cursor_visible_ = true;
  ++version_;
}

std::string Terminal::drain_answer() {
  return std::exchange(answer_, {});
}

std::string Terminal::key(TerminalKey key, TerminalModifiers modifiers) {
  VTermKey k = VTERM_KEY_NONE;
  switch (key) {
    case TerminalKey::enter:
      k = VTERM_KEY_ENTER;
      break;
    case TerminalKey::tab:
      k = VTERM_KEY_TAB;
      break;
    case TerminalKey::backspace:
      k = VTERM_KEY_BACKSPACE;
      break;
    case TerminalKey::escape:
      k = VTERM_KEY_ESCAPE;
      break;
    case TerminalKey::up:
      k = VTERM_KEY_UP;
      break;
    case TerminalKey::down:
      k = VTERM_KEY_DOWN;
      break;
    case TerminalKey::left:
      k = VTERM_KEY_LEFT;
      break;
    case TerminalKey::right:
      k = VTERM_KEY_RIGHT;
      break;
    case TerminalKey::home:
      k = VTERM_KEY_HOME;
      break;
    case TerminalKey::end:
      k = VTERM_KEY_END;
      break;
    case TerminalKey::page_up:
      k = VTERM_KEY_PAGEUP;
      break;
    case TerminalKey::page_down:
      k = VTERM_KEY_PAGEDOWN;
      break;
    case TerminalKey::insert:
      k = VTERM_KEY_INS;
      break;
    case TerminalKey::del:
      k = VTERM_KEY_DEL;
      break;
    default:
      k = static_cast<VTermKey>(
          VTERM_KEY_FUNCTION(static_cast<int>(key) - static_cast<int>(TerminalKey::f1) + 1));
  }
  vterm_keyboard_key(vt_, k, modifier_of(modifiers));
  return drain_answer();
}

std::string Terminal::character(char32_t code_point, TerminalModifiers modifiers) {
  if (code_point == 0 || code_point > 0x10FFFF) return {};
  vterm_keyboard_unichar(vt_, code_point, modifier_of(modifiers));
  return drain_answer();
}

std::string Terminal::paste(std::string_view utf8) {
  vterm_keyboard_start_paste(vt_);
  std::string out = drain_answer();
  // A terminal sends Enter as CR; "\r\n" from a clipboard is one Enter, not two.
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8[i] == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;
    out += utf8[i] == '\n' ? '\r' : utf8[i];
  }
  vterm_keyboard_end_paste(vt_);
  return out + drain_answer();
}

TerminalCell Terminal::cell(TerminalPos pos) const {
  if (pos.col < 0 || pos.col >= columns_ || pos.row >= rows_) return {};
  if (pos.row < 0) {
    const int index = static_cast<int>(scrollback_.size()) + pos.row;
    if (index < 0) return {};
    const auto& line = scrollback_[static_cast<std::size_t>(index)];
    return pos.col < static_cast<int>(line.size()) ? line[static_cast<std::size_t>(pos.col)]
                                                   : TerminalCell{};
  }
  VTermScreenCell c;
  if (!vterm_screen_get_cell(screen_, VTermPos{pos.row, pos.col}, &c)) return {};
  return cell_of(screen_, c);
}

std::string Terminal::line_text(int row) const {
  return text({row, 0}, {row, columns_ - 1});
}

std::string Terminal::text(TerminalPos from, TerminalPos to) const {
  if (to.row < from.row || (to.row == from.row && to.col < from.col)) std::swap(from, to);
  std::string out;
  for (int row = from.row; row <= to.row; ++row) {
    const int first = row == from.row ? from.col : 0;
    const int last = row == to.row ? to.col : columns_ - 1;
    std::string line;
    std::size_t kept = 0;
    for (int col = std::max(first, 0); col <= std::min(last, columns_ - 1); ++col) {
      const TerminalCell c = cell({row, col});
      if (c.width == 0) continue;
      append_utf8(line, c.ch);
      if (c.ch != U' ') kept = line.size();
    }
    line.resize(kept);
    out += line;
    if (row != to.row) out += '\n';
  }
  return out;
}

}  // namespace metal::state
