#pragma once
// The page registry: every page of the console, one row each. A row names the page (id, address
// pattern, title, navigation section, history rule), the state's functions for it (its query,
// the data it needs while shown, its status report, its palette commands) and how it is drawn.
// The shell, the palette, status() and the addresses all read this table; adding a page is
// adding a row here and the page's own files.

#include <memory>
#include <span>

#include "state/page.hpp"
#include "state/route.hpp"
#include "ui/page_view.hpp"

namespace metal::ui {

struct PageRow {
  state::PageSpec spec;
  /// Makes the page's view. Rows with the same function share one view (a list and its item's
  /// panel beside it, say), which keeps its scroll position as the user moves between them.
  std::unique_ptr<PageView> (*make_view)() = nullptr;
};

std::span<const PageRow> page_rows();
/// The rows as the state's route table (same order: the first is home).
const state::PageTable& page_table();
/// The row of a page, or null.
const PageRow* row_of(const state::PageSpec* page);

}  // namespace metal::ui
