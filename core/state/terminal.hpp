#pragma once
// A terminal's screen, kept by libvterm (escape sequences, colours, cursor, wide characters,
// keyboard encoding), plus what libvterm leaves to its host: scrollback, selection and the text
// of a selection. No drawing and no IO: the serial session feeds it bytes and sends what it
// answers; the terminal view draws its cells.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

struct VTerm;
struct VTermScreen;

namespace metal::state {

/// One character cell as drawn: colours resolved to RGB (0xRRGGBB).
struct TerminalCell {
  char32_t ch = U' ';  // first code point; U' ' when empty
  std::uint32_t fg = 0;
  std::uint32_t bg = 0;
  std::uint8_t width = 1;  // 2 for the left half of a wide character, 0 for its right half
  bool bold = false;
  bool underline = false;
  bool inverse = false;
  bool default_fg = true;  // drawn in the view's own text colour
  bool default_bg = true;  // drawn as the view's own background
};

/// A position in the terminal's history: rows below 0 are scrollback (-1 the most recent line).
struct TerminalPos {
  int row = 0;
  int col = 0;
  friend bool operator==(const TerminalPos&, const TerminalPos&) = default;
};

enum class TerminalKey {
  enter,
  tab,
  backspace,
  escape,
  up,
  down,
  left,
  right,
  home,
  end,
  page_up,
  page_down,
  insert,
  del,
  f1,
  f2,
  f3,
  f4,
  f5,
  f6,
  f7,
  f8,
  f9,
  f10,
  f11,
  f12
};

struct TerminalModifiers {
  bool shift = false, ctrl = false, alt = false;
};

/// Appends `code_point` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

class Terminal {
 public:
  static constexpr int kDefaultScrollback = 5000;

  Terminal(int rows, int columns, int scrollback_lines = kDefaultScrollback);
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  /// Bytes from the far end (UTF-8 with escape sequences).
  void feed(std::string_view bytes);
  /// A new size; the screen keeps what fits, lines pushed off the top go to the scrollback.
  void resize(int rows, int columns);
  /// Clears screen and scrollback (a new connection).
  void reset();

  // ---- what to send for the user's keys (the terminal's modes decide the encoding) --------
  std::string key(TerminalKey key, TerminalModifiers modifiers = {});
  std::string character(char32_t code_point, TerminalModifiers modifiers = {});
  /// Pasted text, bracketed when the far end asked for it; line breaks sent as Enter.
  std::string paste(std::string_view utf8);

  // ---- reads ----------------------------------------------------------------------------
  int rows() const { return rows_; }
  int columns() const { return columns_; }
  int scrollback_lines() const { return static_cast<int>(scrollback_.size()); }
  /// The cell at `pos` (scrollback when row < 0); blank outside what exists.
  TerminalCell cell(TerminalPos pos) const;
  TerminalPos cursor() const { return cursor_; }
  bool cursor_visible() const { return cursor_visible_; }
  /// The title the far end set (OSC 0/2), or empty.
  const std::string& title() const { return title_; }
  /// Bumped whenever anything shown changes.
  std::uint64_t version() const { return version_; }
  /// The text between two positions (inclusive, in either order), lines joined by "\n",
  /// trailing blanks of each line dropped.
  std::string text(TerminalPos from, TerminalPos to) const;
  /// One screen line as text, trailing blanks dropped.
  std::string line_text(int row) const;

 private:
  friend struct TerminalCallbacks;
  void take(std::string_view bytes) { answer_.append(bytes); }
  std::string drain_answer();

  VTerm* vt_ = nullptr;
  VTermScreen* screen_ = nullptr;
  int rows_ = 0;
  int columns_ = 0;
  int scrollback_limit_ = 0;
  std::deque<std::vector<TerminalCell>> scrollback_;  // front = oldest
  TerminalPos cursor_;
  bool cursor_visible_ = true;
  std::string title_;
  std::string answer_;  // what libvterm wants sent (keys, replies to queries)
  std::uint64_t version_ = 1;
};

}  // namespace metal::state
