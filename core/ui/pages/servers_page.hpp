#pragma once
// The servers' pages (the list, a server, the create form) as one view: filter box and facets,
// sortable columns, a virtualized table that stays fluid at 100,000 rows, keyboard navigation,
// bulk actions; a click (or Enter) opens a server's detail beside the list.

#include <memory>

#include "ui/page_view.hpp"

namespace metal::ui {

std::unique_ptr<PageView> make_servers_view();

}  // namespace metal::ui
