#pragma once
// Above the servers table: how many servers are ticked, the actions that apply to all of them,
// "select all N matching", and the progress of the bulk action running (or last run) with the
// reasons of its failures and a retry.

namespace metal::state {
class Console;
}

namespace metal::ui {

/// `all_on_screen_ticked`: every row drawn last frame is ticked (offers "all N matching").
void bulk_action_bar(state::Console& console, bool all_on_screen_ticked);

}  // namespace metal::ui
