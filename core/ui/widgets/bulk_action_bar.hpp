#pragma once
// Above the servers table: how many servers are ticked, the actions that apply to all of them,
// "select all N matching", and the progress of the bulk action running (or last run) with the
// reasons of its failures and a retry.

#include <string>

#include "ui/widgets/confirm_dialog.hpp"

namespace metal::state {
class Servers;
}

namespace metal::ui {

/// `all_on_screen_ticked`: every row drawn last frame is ticked (offers "all N matching").
/// `tag`: the tag being typed in the tag menu (kept by the page).
void bulk_action_bar(state::Servers& servers, ConfirmDialog& confirm, std::string& tag,
                     bool all_on_screen_ticked);

}  // namespace metal::ui
