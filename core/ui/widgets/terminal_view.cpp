#include "ui/widgets/terminal_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

using state::append_utf8;
using state::TerminalCell;
using state::TerminalKey;
using state::TerminalPos;

ImU32 color_of(std::uint32_t rgb) {
  return IM_COL32((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 255);
}

// Box drawing (U+2500-U+257F), as arms from the cell's centre: the light, heavy and double
// forms all drawn light, which is what a serial console's menus need. 0: not handled here.
enum Arm : unsigned { kLeft = 1, kRight = 2, kUp = 4, kDown = 8 };
unsigned box_arms(char32_t c) {
  switch (c) {
    case U'\u2500':
    case U'\u2501':
    case U'\u2550':
      return kLeft | kRight;
    case U'\u2502':
    case U'\u2503':
    case U'\u2551':
      return kUp | kDown;
    case U'\u250C':
    case U'\u250F':
    case U'\u2554':
    case U'\u256D':
      return kRight | kDown;
    case U'\u2510':
    case U'\u2513':
    case U'\u2557':
    case U'\u256E':
      return kLeft | kDown;
    case U'\u2514':
    case U'\u2517':
    case U'\u255A':
    case U'\u2570':
      return kRight | kUp;
    case U'\u2518':
    case U'\u251B':
    case U'\u255D':
    case U'\u256F':
      return kLeft | kUp;
    case U'\u251C':
    case U'\u2523':
    case U'\u2560':
      return kUp | kDown | kRight;
    case U'\u2524':
    case U'\u252B':
    case U'\u2563':
      return kUp | kDown | kLeft;
    case U'\u252C':
    case U'\u2533':
    case U'\u2566':
      return kLeft | kRight | kDown;
    case U'\u2534':
    case U'\u253B':
    case U'\u2569':
      return kLeft | kRight | kUp;
    case U'\u253C':
    case U'\u254B':
    case U'\u256C':
      return kLeft | kRight | kUp | kDown;
    default:
      return 0;
  }
}

void draw_box(ImDrawList* draw, ImVec2 at, ImVec2 cell, unsigned arms, ImU32 color) {
  const float cx = std::floor(at.x + cell.x / 2) + 0.5f, cy = std::floor(at.y + cell.y / 2) + 0.5f;
  if (arms & kLeft) draw->AddLine(ImVec2(at.x, cy), ImVec2(cx + 0.5f, cy), color);
  if (arms & kRight) draw->AddLine(ImVec2(cx - 0.5f, cy), ImVec2(at.x + cell.x, cy), color);
  if (arms & kUp) draw->AddLine(ImVec2(cx, at.y), ImVec2(cx, cy + 0.5f), color);
  if (arms & kDown) draw->AddLine(ImVec2(cx, cy - 0.5f), ImVec2(cx, at.y + cell.y), color);
}

bool in_selection(const TerminalViewState& view, TerminalPos p) {
  if (!view.has_selection) return false;
  TerminalPos a = view.anchor, b = view.head;
  if (b.row < a.row || (b.row == a.row && b.col < a.col)) std::swap(a, b);
  if (p.row < a.row || p.row > b.row) return false;
  if (p.row == a.row && p.col < a.col) return false;
  if (p.row == b.row && p.col > b.col) return false;
  return true;
}

void copy_selection(const TerminalViewState& view, const state::Terminal& terminal) {
  if (!view.has_selection) return;
  ImGui::SetClipboardText(terminal.text(view.anchor, view.head).c_str());
}

void send(TerminalViewState& view, state::SerialSession& session, const std::string& bytes) {
  if (bytes.empty()) return;
  view.scroll = 0;  // typing shows the live screen
  view.has_selection = false;
  session.send_input(bytes);
}

// The clipboard: ImGui's, which the platforms fill (the browser from its paste event).
void paste_clipboard(TerminalViewState& view, state::SerialSession& session) {
  const char* text = ImGui::GetClipboardText();
  if (text && *text) send(view, session, session.terminal().paste(text));
}

// The keyboard, while the terminal has it: named keys through the terminal's encoding (its modes
// decide: application cursor keys...), Ctrl+letter as control characters, typed text as is.
void take_keyboard(TerminalViewState& view, state::SerialSession& session) {
  ImGuiIO& io = ImGui::GetIO();
  state::Terminal& terminal = session.terminal();
  const state::TerminalModifiers mods{io.KeyShift, io.KeyCtrl, io.KeyAlt};
  if (io.KeyCtrl && io.KeyShift && ImGui::IsKeyPressed('C')) return copy_selection(view, terminal);
  if ((io.KeyCtrl && io.KeyShift && ImGui::IsKeyPressed('V')) ||
      (io.KeyShift && key_pressed(ImGuiKey_Insert))) {
    return paste_clipboard(view, session);
  }
  if (io.KeyShift && key_pressed(ImGuiKey_PageUp)) {
    view.scroll = std::min(view.scroll + terminal.rows() - 1, terminal.scrollback_lines());
    return;
  }
  if (io.KeyShift && key_pressed(ImGuiKey_PageDown)) {
    view.scroll = std::max(view.scroll - (terminal.rows() - 1), 0);
    return;
  }
  static constexpr std::pair<ImGuiKey, TerminalKey> kNamed[] = {
      {ImGuiKey_Enter, TerminalKey::enter},
      {ImGuiKey_KeyPadEnter, TerminalKey::enter},
      {ImGuiKey_Tab, TerminalKey::tab},
      {ImGuiKey_Backspace, TerminalKey::backspace},
      {ImGuiKey_Escape, TerminalKey::escape},
      {ImGuiKey_UpArrow, TerminalKey::up},
      {ImGuiKey_DownArrow, TerminalKey::down},
      {ImGuiKey_LeftArrow, TerminalKey::left},
      {ImGuiKey_RightArrow, TerminalKey::right},
      {ImGuiKey_Home, TerminalKey::home},
      {ImGuiKey_End, TerminalKey::end},
      {ImGuiKey_PageUp, TerminalKey::page_up},
      {ImGuiKey_PageDown, TerminalKey::page_down},
      {ImGuiKey_Insert, TerminalKey::insert},
      {ImGuiKey_Delete, TerminalKey::del}};
  for (const auto& [imgui_key, key] : kNamed)
    if (key_pressed(imgui_key)) send(view, session, terminal.key(key, mods));
  // F1-F12: GLFW's key codes 290-301 (the backends index KeysDown by them, native and web).
  for (int f = 0; f < 12; ++f)
    if (ImGui::IsKeyPressed(290 + f))
      send(view, session,
           terminal.key(static_cast<TerminalKey>(static_cast<int>(TerminalKey::f1) + f), mods));
  // Ctrl+letter: no character event comes for it; the letter's key does (ASCII codes). Ctrl+K
  // stays the console's (the command palette, everywhere): one key, one meaning.
  if (io.KeyCtrl && !io.KeyShift)
    for (char letter = 'A'; letter <= 'Z'; ++letter)
      if (letter != 'K' && ImGui::IsKeyPressed(letter))
        send(view, session, terminal.character(static_cast<char32_t>(letter - 'A' + 'a'), mods));
  for (ImWchar c : io.InputQueueCharacters)
    if (c >= 0x20 && c != 0x7f)
      send(view, session, terminal.character(c, {false, false, io.KeyAlt}));
  io.InputQueueCharacters.resize(0);
}

}  // namespace

void terminal_view(state::SerialSession& session, TerminalViewState& view) {
  state::Terminal& terminal = session.terminal();
  if (view.session != &session) {
    view = TerminalViewState{};
    view.session = &session;
  }
  ImFont* font = fonts().mono ? fonts().mono : ImGui::GetFont();
  const float font_size = font->FontSize;
  const ImVec2 cell(font->CalcTextSizeA(font_size, 1e9f, 0.0f, "M").x,
                    std::floor(font_size * 1.15f));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float padding = 6.0f;
  const int columns = std::max(20, static_cast<int>((room.x - 2 * padding) / cell.x));
  const int rows = std::max(4, static_cast<int>((room.y - 2 * padding) / cell.y));
  session.resize(rows, columns);

  // The history grew while scrolled back: keep showing the same lines.
  const int history = terminal.scrollback_lines();
  if (view.scroll > 0)
    view.scroll = std::min(view.scroll + history - view.scrollback_seen, history);
  view.scrollback_seen = history;

  const ImVec2 size(std::max(room.x, 1.0f), std::max(room.y, 1.0f));
  ImGui::InvisibleButton("##terminal", size);
  anchor("serial.terminal");
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 text_origin(origin.x + padding, origin.y + padding);
  auto pos_at = [&](ImVec2 mouse) {
    const int col =
        std::clamp(static_cast<int>((mouse.x - text_origin.x) / cell.x), 0, columns - 1);
    const int row = std::clamp(static_cast<int>((mouse.y - text_origin.y) / cell.y), 0, rows - 1);
    return TerminalPos{row - view.scroll, col};
  };
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) view.focused = hovered;
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    view.selecting = true;
    view.has_selection = false;
    view.anchor = view.head = pos_at(io.MousePos);
  }
  if (view.selecting) {
    view.head = pos_at(io.MousePos);
    if (!(view.head == view.anchor)) view.has_selection = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) view.selecting = false;
  }
  if (hovered && io.MouseWheel != 0.0f)
    view.scroll = std::clamp(view.scroll + static_cast<int>(io.MouseWheel * 3), 0, history);
  if (ImGui::BeginPopupContextItem("##terminal-menu")) {
    if (ImGui::MenuItem("Copy", "Ctrl+Shift+C", false, view.has_selection))
      copy_selection(view, terminal);
    if (ImGui::MenuItem("Paste", "Ctrl+Shift+V")) paste_clipboard(view, session);
    if (ImGui::MenuItem("Clear scrollback", nullptr, false, history > 0)) terminal.reset();
    ImGui::EndPopup();
  }
  view.has_keyboard = view.focused && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
  if (view.has_keyboard) take_keyboard(view, session);

  // ---- drawing ------------------------------------------------------------------------------
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Palette& p = palette();
  const ImU32 background = ImGui::GetColorU32(p.terminal_background);
  const ImU32 text_color = ImGui::GetColorU32(p.terminal_text);
  const ImU32 selection = ImGui::GetColorU32(ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.45f));
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), background, 4.0f);
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  std::string run;
  for (int r = 0; r < rows; ++r) {
    const int row = r - view.scroll;
    const float y = text_origin.y + static_cast<float>(r) * cell.y;
    const float glyph_y = y + (cell.y - font_size) / 2;
    float run_x = 0;
    ImU32 run_color = 0;
    auto flush = [&] {
      if (!run.empty())
        draw->AddText(font, font_size, ImVec2(run_x, glyph_y), run_color, run.c_str());
      run.clear();
    };
    for (int col = 0; col < columns; ++col) {
      const TerminalCell c = terminal.cell({row, col});
      if (c.width == 0) continue;
      const float x = text_origin.x + static_cast<float>(col) * cell.x;
      ImU32 fg = c.default_fg ? text_color : color_of(c.fg);
      ImU32 bg = c.default_bg ? 0 : color_of(c.bg);
      if (c.inverse) {
        const ImU32 swapped = bg ? bg : background;
        bg = fg;
        fg = swapped;
      }
      const float width = cell.x * static_cast<float>(std::max<int>(c.width, 1));
      if (in_selection(view, {row, col})) bg = selection;
      if (bg) draw->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + cell.y), bg);
      if (c.ch == U' ') {
        flush();
        continue;
      }
      if (const unsigned arms = box_arms(c.ch)) {
        flush();
        draw_box(draw, ImVec2(x, y), cell, arms, fg);
        continue;
      }
      if (c.bold || c.ch >= 0x80) {
        // Anything but plain ASCII at its own cell, so a glyph the font lacks or draws wider
        // cannot shift the rest of the line; bold drawn twice, a pixel apart (one font).
        flush();
        std::string glyph;
        append_utf8(glyph, c.ch);
        draw->AddText(font, font_size, ImVec2(x, glyph_y), fg, glyph.c_str());
        if (c.bold) draw->AddText(font, font_size, ImVec2(x + 1, glyph_y), fg, glyph.c_str());
      } else {
        if (fg != run_color || run.empty()) {  // ASCII of one colour goes out in runs
          flush();
          run_x = x;
          run_color = fg;
        }
        append_utf8(run, c.ch);
      }
      if (c.underline)
        draw->AddLine(ImVec2(x, y + cell.y - 1), ImVec2(x + width, y + cell.y - 1), fg);
    }
    flush();
  }
  // The cursor: a block when the terminal has the keyboard, an outline otherwise.
  if (view.scroll == 0 && terminal.cursor_visible()) {
    const TerminalPos at = terminal.cursor();
    const ImVec2 a(text_origin.x + static_cast<float>(at.col) * cell.x,
                   text_origin.y + static_cast<float>(at.row) * cell.y);
    const ImVec2 b(a.x + cell.x, a.y + cell.y);
    const ImU32 cursor = ImGui::GetColorU32(p.accent);
    if (view.has_keyboard)
      draw->AddRectFilled(a, b, (cursor & 0x00FFFFFF) | 0xB0000000);
    else
      draw->AddRect(a, b, cursor);
  }
  if (view.scroll > 0) {
    const std::string note = std::to_string(view.scroll) + " lines up";
    const ImVec2 note_size = ImGui::CalcTextSize(note.c_str());
    const ImVec2 at(origin.x + size.x - note_size.x - 12, origin.y + 6);
    draw->AddRectFilled(ImVec2(at.x - 6, at.y - 2),
                        ImVec2(at.x + note_size.x + 6, at.y + note_size.y + 2),
                        ImGui::GetColorU32(p.surface_raised), 4.0f);
    draw->AddText(at, ImGui::GetColorU32(p.text_muted), note.c_str());
  }
  draw->PopClipRect();
}

}  // namespace metal::ui
