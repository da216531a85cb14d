#pragma once
// The chart range buttons (15 minutes to 30 days), the current one pressed; a click changes the
// route's range, so the address keeps it.

namespace metal::state {
class Console;
}

namespace metal::ui {

void range_picker(state::Console& console);

}  // namespace metal::ui
