#pragma once
// Label/value rows as every detail tab shows them; ids and addresses copy with one click.

#include <string>

namespace metal::state {
class Console;
}

namespace metal::ui {

enum class Copy { no, yes };
enum class Text { plain, mono };

/// A value that copies itself to the clipboard when clicked; the toast says what was copied.
void copyable_text(state::Console& console, const char* id, const std::string& value, Text text);

/// Opens a two-column table of properties; returns false when nothing is to be drawn.
bool begin_properties(const char* id);
void end_properties();
/// One row; an empty value shows as "-".
void property(state::Console& console, const char* label, const std::string& value,
              Text text = Text::plain, Copy copy = Copy::no);

}  // namespace metal::ui
