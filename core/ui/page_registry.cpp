#include "ui/page_registry.hpp"

#include <array>
#include <vector>

#include "state/monitoring/monitoring.hpp"
#include "state/servers/server_pages.hpp"
#include "state/servers/server_route.hpp"
#include "state/ssh_keys/ssh_keys.hpp"
#include "ui/pages/monitoring_page.hpp"
#include "ui/pages/servers_page.hpp"
#include "ui/pages/ssh_keys_page.hpp"

namespace metal::ui {
namespace {

using state::HistoryRule;

// Patterns are tried in order; the first row is where an empty address leads.
const std::array kRows{
    PageRow{.spec = {.id = state::kServersPage,
                     .pattern = "/servers",
                     .title = "Servers",
                     .nav_section = "COMPUTE",
                     .check = state::check_servers_route,
                     .commands = state::server_commands,
                     .nav_badge = state::servers_nav_badge},
            .make_view = make_servers_view},
    PageRow{.spec = {.id = state::kServerCreatePage,
                     .pattern = "/servers/new",
                     .title = "Create a server",
                     .parent = state::kServersPage,
                     .check = state::check_server_create_route,
                     .need = state::need_server_create,
                     .report = state::report_server_create},
            .make_view = make_servers_view},
    PageRow{.spec = {.id = state::kServerPage,
                     .pattern = "/servers/{zone}/{id}/{tab?}",
                     .title = "Server",
                     .parent = state::kServersPage,
                     .check = state::check_server_route,
                     .need = state::need_server,
                     .report = state::report_server,
                     .item_label = state::server_item_label},
            .make_view = make_servers_view},
    PageRow{.spec = {.id = state::kMonitoringPage,
                     .pattern = "/monitoring",
                     .title = "Monitoring",
                     .nav_section = "COMPUTE",
                     .check = state::check_monitoring_route,
                     .need = state::need_monitoring,
                     .report = state::report_monitoring,
                     .commands = state::monitoring_commands},
            .make_view = make_monitoring_view},
    PageRow{.spec = {.id = state::kSshKeysPage,
                     .pattern = "/ssh-keys",
                     .title = "SSH keys",
                     .nav_section = "IAM",
                     .check = state::check_ssh_keys_route,
                     .need = state::need_ssh_keys,
                     .report = state::report_ssh_keys,
                     .commands = state::ssh_key_commands,
                     .nav_badge = state::ssh_keys_nav_badge},
            .make_view = make_ssh_keys_view},
    PageRow{.spec = {.id = state::kSshKeyNewPage,
                     .pattern = "/ssh-keys/new",
                     .title = "Add an SSH key",
                     .parent = state::kSshKeysPage,
                     .check = state::check_ssh_keys_route,
                     .need = state::need_ssh_keys,
                     .report = state::report_ssh_keys},
            .make_view = make_ssh_keys_view},
};

}  // namespace

std::span<const PageRow> page_rows() {
  return kRows;
}

const state::PageTable& page_table() {
  static const state::PageTable table([] {
    std::vector<const state::PageSpec*> pages;
    for (const PageRow& row : kRows)
      pages.push_back(&row.spec);
    return pages;
  }());
  return table;
}

const PageRow* row_of(const state::PageSpec* page) {
  for (const PageRow& row : kRows)
    if (&row.spec == page) return &row;
  return nullptr;
}

}  // namespace metal::ui
