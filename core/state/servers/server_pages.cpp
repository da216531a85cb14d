#include "state/servers/server_pages.hpp"

#include "state/format.hpp"
#include "state/servers/servers.hpp"

namespace metal::state {
namespace {
constexpr std::size_t kPaletteServers = 8;  // "Open <server>" commands for what is typed
}  // namespace

void need_server(Console& console, const Route& route) {
  console.feature<Servers>().show_server(route);
}

void need_server_create(Console& console, const Route&) {
  console.feature<Servers>().show_create();
}

void report_server(const Console& console, const Route& route, model::Json& status) {
  using model::Json;
  const Servers& servers = console.feature<Servers>();
  status["openMs"] = {{"detail", servers.open_times().detail_ms},
                      {"charts", servers.open_times().charts_ms}};
  if (detail_tab_of(route) == DetailTab::metrics && servers.selected()) {
    Json charts = Json::array();
    for (const ChartData& chart : servers.metrics().charts()) {
      std::size_t points = 0;
      for (const ChartLine& line : chart.lines)
        points += line.samples.size();
      charts.push_back({{"title", chart.title},
                        {"lines", chart.lines.size()},
                        {"points", points},
                        {"loading", chart.loading},
                        {"error", chart.error.empty() ? Json(nullptr) : Json(chart.error)}});
    }
    status["charts"] = std::move(charts);
  }
  if (const SerialSession* serial = servers.serial()) {
    // What a test (or a user reading over a shoulder) sees: the link, the title, the screen.
    const Terminal& terminal = serial->terminal();
    Json screen = Json::array();
    for (int row = 0; row < terminal.rows(); ++row)
      screen.push_back(terminal.line_text(row));
    static constexpr const char* kLinks[] = {"connecting", "connected", "disconnected"};
    status["serial"] = {{"link", kLinks[static_cast<int>(serial->link())]},
                        {"title", serial->title()},
                        {"problem", serial->problem()},
                        {"rows", terminal.rows()},
                        {"columns", terminal.columns()},
                        {"screen", std::move(screen)}};
  }
}

void report_server_create(const Console& console, const Route&, model::Json& status) {
  const CreateWizard& wizard = console.feature<Servers>().wizard();
  model::Json problems = model::Json::array();
  for (const std::string& problem : wizard.problems())
    problems.push_back(problem);
  status["create"] = {{"zone", wizard.form().zone},
                      {"type", wizard.form().commercial_type},
                      {"ready", wizard.active() && wizard.offer().ready()},
                      {"submitting", wizard.submitting()},
                      {"problems", std::move(problems)}};
}

void server_commands(Console& console, std::string_view typed, std::vector<PaletteCommand>& out) {
  Servers& servers = console.feature<Servers>();
  // Servers first: what people most often want is to get to one.
  if (typed.size() >= 2) {
    const std::string needle = to_lower(typed);
    std::size_t found = 0;
    for (const ServerRow& row : servers.servers().rows()) {
      if (row.search_text.find(needle) == std::string::npos) continue;
      out.push_back(
          {"Open " + row.name + "  (" + row.zone + ", " + std::string(row.state_text()) + ")",
           [&servers, id = row.id] { servers.select(id); }, true});
      if (++found == kPaletteServers) break;
    }
  }
  out.push_back({"Create a server", [&servers] { servers.open_create(servers.query().zone); }});
  for (model::ServerState s : {model::ServerState::running, model::ServerState::stopped,
                               model::ServerState::starting, model::ServerState::stopping}) {
    out.push_back({"Show " + std::string(model::to_string(s)) + " servers", [&servers, s] {
                     ServerQuery q = servers.query();
                     q.state = s;
                     servers.set_query(q);
                   }});
  }
  out.push_back({"Show all servers", [&servers] { servers.set_query({}); }});
  for (const auto& choice : {std::pair{ServerGrouping::zone, "Group servers by zone"},
                             std::pair{ServerGrouping::state, "Group servers by state"},
                             std::pair{ServerGrouping::tag, "Group servers by tag"},
                             std::pair{ServerGrouping::none, "No grouping of servers"}})
    out.push_back({choice.second, [&servers, grouping = choice.first] {
                     ServerQuery q = servers.query();
                     q.group = grouping;
                     servers.set_query(q);
                   }});
  if (servers.selected())
    for (DetailTab tab : kDetailTabs)
      out.push_back({"Open the " + std::string(tab_label(tab)) + " tab",
                     [&servers, tab] { servers.open_tab(tab); }});
}

std::string server_item_label(const Console& console, const Route& route) {
  if (const ServerRow* row = console.feature<Servers>().selected()) return row->name;
  return std::string(route.param("id"));
}

std::string servers_nav_badge(const Console& console) {
  return format_count(console.feature<Servers>().servers().size());
}

std::string visible_rows_json(const Console& console, std::size_t limit) {
  const Servers& servers = console.feature<Servers>();
  model::Json rows = model::Json::array();
  const auto view = servers.view().rows();
  const auto all = servers.servers().rows();
  for (std::size_t i = 0; i < view.size() && i < limit; ++i) {
    const ServerRow& r = all[view[i]];
    rows.push_back({{"id", r.id},
                    {"name", r.name},
                    {"state", std::string(r.state_text())},
                    {"zone", r.zone},
                    {"ticked", servers.selection().contains(r)}});
  }
  return rows.dump(-1, ' ', false, model::Json::error_handler_t::replace);
}

}  // namespace metal::state
