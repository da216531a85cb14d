// The open server's tabs, through the console's state against the offline demo: what each tab
// loads, the writes it makes, and the forms' checks.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "../support/demo_console.hpp"
#include "state/monitoring/monitoring.hpp"
#include "state/servers/rule_form.hpp"

using namespace metal;
using namespace metal::model;
using state::DetailTab;

namespace {

struct DetailConsole : testing::DemoConsole {
  explicit DetailConsole(int servers) : testing::DemoConsole(servers, 29) {}

  // Opens a running server on `tab` and waits for its full object.
  std::string open(DetailTab tab, ServerState state = ServerState::running) {
    for (const state::ServerRow& row : servers().servers().rows())
      if (row.state == state && !row.is_protected) {
        servers().select(row.id);
        servers().open_tab(tab);
        run_for(0.5);
        return row.id;
      }
    return {};
  }
};

}  // namespace

TEST_CASE("the metrics tab charts CPU, network and disk for the range in the address") {
  DetailConsole t(30);
  t.run_for(0.5);
  const std::string id = t.open(DetailTab::metrics);
  REQUIRE_FALSE(id.empty());
  const auto charts = t.servers().metrics().charts();
  REQUIRE(charts.size() == 3);
  CHECK(charts[0].title == "CPU (cores busy)");
  REQUIRE(charts[0].lines.size() == 1);
  REQUIRE(charts[1].lines.size() == 2);
  CHECK(charts[1].lines[0].label == "rx");
  CHECK(charts[1].lines[1].label == "tx");
  CHECK(charts[2].lines[0].label == "read");
  // An hour at one point per 15 s: 241 points, a running server busy between 0 and its cores.
  const auto& cpu = charts[0].lines[0].samples;
  CHECK(cpu.size() == 241);
  CHECK(charts[0].end - charts[0].start == doctest::Approx(3600));
  for (double v : cpu.values())
    if (!std::isnan(v)) CHECK(v >= 0);

  t.servers().set_metrics_range(state::MetricsRange::last_30d);
  t.run_for(0.5);
  const auto& month = t.servers().metrics().charts()[0];
  CHECK(month.end - month.start == doctest::Approx(30 * 86400.0));
  // A 2,160 s step (1,200 points at most, under Prometheus's 11,000), from the server's creation.
  const auto& times = month.lines.at(0).samples.times();
  REQUIRE(times.size() >= 2);
  CHECK(times.size() <= 1201);
  CHECK(times[1] - times[0] == doctest::Approx(2160));
  CHECK(times.back() == doctest::Approx(month.end));
  CHECK(state::format_route(t.console.route()).find("/metrics?range=30d") != std::string::npos);
}

TEST_CASE("a chart answer that is not a matrix, or out of order, is explained, not drawn") {
  PromResponse refused;
  refused.status = "error";
  refused.error_type = "bad_data";
  refused.error = "parse error at char 5";
  CHECK(state::chart_lines(refused, "").error() ==
        "the metrics endpoint refused the query: parse error at char 5");
  PromResponse vector;
  vector.status = "success";
  vector.data = PromData{"vector", {}, std::nullopt};
  CHECK(state::chart_lines(vector, "").error() ==
        "the metrics endpoint answered vector where a matrix was expected");
  PromResponse scrambled;
  scrambled.status = "success";
  PromSeries series;
  series.values = {{20, 1, "1"}, {10, 2, "2"}};
  scrambled.data = PromData{"matrix", {series}, std::nullopt};
  CHECK(state::chart_lines(scrambled, "").error() ==
        "the metrics endpoint sent samples out of time order");
  CHECK(state::chart_query("instance_server_cpu_seconds_total", "ab\"c", 15) ==
        "rate(instance_server_cpu_seconds_total{resource_id=\"abc\"}[60s])");
}

TEST_CASE("the security tab lists the group's rules; added, edited and deleted rules show") {
  DetailConsole t(20);
  t.run_for(0.5);
  REQUIRE_FALSE(t.open(DetailTab::security).empty());
  const auto& resources = t.servers().resources();
  REQUIRE(resources.rules());
  REQUIRE(resources.security_group());
  const std::size_t fixed = resources.rules()->size();  // the platform's SMTP rules
  CHECK(std::none_of(resources.rules()->begin(), resources.rules()->end(),
                     [](const SecurityGroupRule& r) { return r.editable; }));
  const std::string group = t.servers().selected_detail()->security_group->id;

  state::RuleForm form;
  form.ip_range = "203.0.113.7";
  form.port_from = "22";
  auto rule = state::check_rule_form(form);
  REQUIRE(rule);
  CHECK(rule->ip_range == "203.0.113.7/32");
  t.servers().resources().add_rule(group, *rule);
  t.run_for(0.5);
  REQUIRE(resources.rules()->size() == fixed + 1);
  auto added = std::find_if(resources.rules()->begin(), resources.rules()->end(),
                            [](const SecurityGroupRule& r) { return r.editable; });
  REQUIRE(added != resources.rules()->end());
  CHECK(added->dest_port_from == 22);
  CHECK(t.console.notifications().back().text == "Rule added");

  form = state::form_of(*added);
  form.port_from = "8000";
  form.port_to = "8080";
  t.servers().resources().update_rule(group, added->id, *state::check_rule_form(form));
  t.run_for(0.5);
  added = std::find_if(resources.rules()->begin(), resources.rules()->end(),
                       [](const SecurityGroupRule& r) { return r.editable; });
  CHECK(added->dest_port_to == 8080);

  t.servers().resources().delete_rule(group, added->id);
  t.run_for(0.5);
  CHECK(resources.rules()->size() == fixed);
}

TEST_CASE("a rule form names what is wrong with it") {
  auto problem = [](state::RuleForm form) { return state::check_rule_form(form).error(); };
  state::RuleForm form;
  form.ip_range = "10.0.0.300/8";
  CHECK(problem(form) ==
        "\"10.0.0.300/8\" is not an IP range: write 203.0.113.0/24 or 2001:db8::/32");
  form.ip_range = "10.0.0.0/33";
  CHECK(problem(form) == "the prefix length in \"10.0.0.0/33\" must be 0 to 32");
  form.ip_range = "2001:db8::/48";
  form.port_from = "70000";
  CHECK(problem(form) == "port \"70000\" must be a number from 1 to 65535");
  form.port_from = "443";
  form.port_to = "80";
  CHECK(problem(form) == "the port range ends before it starts");
  form.protocol = "ICMP";
  CHECK(problem(form) == "ICMP has no ports: leave them empty");
  form.port_from = form.port_to = "";
  CHECK(state::check_rule_form(form));
  form.protocol = "SCTP";
  CHECK(problem(form) == "protocol must be TCP, UDP, ICMP or ANY");
}

TEST_CASE("user data: listed with values, saved and deleted through the tab") {
  DetailConsole t(20);
  t.run_for(0.5);
  REQUIRE_FALSE(t.open(DetailTab::user_data).empty());
  const auto& resources = t.servers().resources();
  REQUIRE(resources.user_data_keys());
  const std::string script = "#cloud-config\npackages: [nginx]\n\x01 binary too";
  t.servers().resources().set_user_data("cloud-init", script);
  t.run_for(0.5);
  CHECK(resources.user_data().at("cloud-init") == script);
  CHECK(std::count(resources.user_data_keys()->begin(), resources.user_data_keys()->end(),
                   "cloud-init") == 1);
  // What the API stores is what was typed, byte for byte.
  const std::string zone = t.servers().selected()->zone;
  std::optional<std::string> stored;
  api::InstanceClient client(t.demo.transport(), api::Credentials{t.demo.demo_key().secret_key});
  client.get_user_data(zone, t.servers().selected()->id, "cloud-init",
                       [&](api::ApiResult<std::string> r) { stored = r ? *r : "failed"; });
  t.run_for(0.3);
  CHECK(stored == script);
  t.servers().resources().delete_user_data("cloud-init");
  t.run_for(0.5);
  CHECK(resources.user_data().count("cloud-init") == 0);
  CHECK(std::count(resources.user_data_keys()->begin(), resources.user_data_keys()->end(),
                   "cloud-init") == 0);
}

TEST_CASE("settings: rename and protection apply at once in the list and the detail") {
  DetailConsole t(20);
  t.run_for(0.5);
  const std::string id = t.open(DetailTab::settings);
  REQUIRE_FALSE(id.empty());
  api::ServerUpdate changes;
  changes.name = "renamed-by-test";
  changes.protected_ = true;
  t.servers().resources().update_server(changes, "Saved");
  t.run_for(0.3);
  CHECK(t.servers().servers().find(id)->name == "renamed-by-test");
  CHECK(t.servers().servers().find(id)->is_protected);
  CHECK(t.servers().selected_detail()->name == "renamed-by-test");

  changes = {};
  changes.name = std::string(300, 'x');
  t.servers().resources().update_server(changes, "Saved");
  t.run_for(0.3);
  CHECK(t.console.notifications().back().level == state::Notification::Level::error);
  CHECK(t.console.notifications().back().text.starts_with("Could not save: "));
  CHECK(t.servers().servers().find(id)->name == "renamed-by-test");
}

TEST_CASE("a volume detached from a stopped server becomes attachable, and attaches back") {
  DetailConsole t(40);
  t.run_for(0.5);
  // A stopped server with a block volume beside its root volume, if the demo has one; else make
  // one.
  const std::string id = t.open(DetailTab::volumes, ServerState::stopped);
  REQUIRE_FALSE(id.empty());
  const auto& resources = t.servers().resources();
  REQUIRE(resources.attachable_volumes());
  const std::size_t free_before = resources.attachable_volumes()->size();
  const Server& server = *t.servers().selected_detail();
  std::string block;
  for (const auto& [slot, volume] : server.volumes)
    if (slot != "0" && volume.volume_type == "b_ssd") block = volume.id;
  if (block.empty()) {
    if (free_before == 0) {  // make one, as the volumes page would
      api::InstanceClient client(t.demo.transport(),
                                 api::Credentials{t.demo.demo_key().secret_key});
      api::VolumeCreate spec;
      spec.name = "data-1";
      spec.size = 50'000'000'000;
      spec.project = server.project;
      std::optional<Volume> made;
      client.create_volume(server.zone, spec, [&](api::ApiResult<Volume> r) {
        REQUIRE(r);
        made = *r;
      });
      t.run_for(0.3);
      REQUIRE(made);
      block = made->id;
    } else {
      block = resources.attachable_volumes()->front().id;
    }
    t.servers().resources().attach_volume(block);
    t.run_for(0.5);
    REQUIRE(t.console.notifications().back().text == "Volume attached");
  }
  const std::size_t slots = t.servers().selected_detail()->volumes.size();
  const std::size_t free_now = resources.attachable_volumes()->size();
  t.servers().resources().detach_volume(block);
  t.run_for(0.5);
  CHECK(t.servers().selected_detail()->volumes.size() == slots - 1);
  CHECK(resources.attachable_volumes()->size() == free_now + 1);
  t.servers().resources().attach_volume(block);
  t.run_for(0.5);
  CHECK(t.servers().selected_detail()->volumes.size() == slots);
  CHECK(t.console.notifications().back().text == "Volume attached");
}

TEST_CASE("the monitoring page ranks the busiest servers and charts the fleet's CPU") {
  DetailConsole t(60);
  t.run_for(0.5);
  t.console.navigate_to_address("#/monitoring?range=6h");
  CHECK(t.console.route().is("monitoring"));
  CHECK(state::format_route(t.console.route()) == "#/monitoring?range=6h");
  t.run_for(0.5);
  const state::FleetMetrics& fleet = t.console.feature<state::Monitoring>().fleet();
  CHECK(fleet.busiest_error().empty());
  REQUIRE(fleet.busiest().size() == static_cast<std::size_t>(state::FleetMetrics::kTopCount));
  for (std::size_t i = 1; i < fleet.busiest().size(); ++i)
    CHECK(fleet.busiest()[i - 1].cores >= fleet.busiest()[i].cores);
  const state::BusyServer busiest = fleet.busiest().front();
  CHECK(busiest.cores > 0);
  CHECK(t.servers().servers().find(busiest.id) != nullptr);
  CHECK(busiest.name == t.servers().servers().find(busiest.id)->name);
  REQUIRE(fleet.total().lines.size() == 1);
  CHECK(fleet.total().lines[0].samples.size() > 100);  // 6 h at one point every 18 s

  // The ranking is each server's own CPU over the range: the server's chart says the same.
  t.servers().select(busiest.id, DetailTab::metrics,
                     t.console.feature<state::Monitoring>().range());
  CHECK(t.console.route().is("server"));
  CHECK(t.servers().metrics_range() == state::MetricsRange::last_6h);
  t.run_for(0.5);
  const auto& cpu = t.servers().metrics().charts()[0];
  REQUIRE(cpu.lines.size() == 1);
  double sum = 0;
  for (std::size_t i = 0; i < cpu.lines[0].samples.size(); ++i)
    sum += cpu.lines[0].samples.values()[i];
  const double average = sum / static_cast<double>(cpu.lines[0].samples.size());
  CHECK(average == doctest::Approx(busiest.cores).epsilon(0.1));

  // Back to the servers, as they were left.
  t.console.open_page("monitoring");
  t.console.open_page("servers");
  CHECK(state::format_route(t.console.route()) == "#/servers");
}

TEST_CASE("opening a server and its charts takes a few frames, and the console says how long") {
  DetailConsole t(2000);
  t.run_for(3.0, 1.0 / 60);
  const state::ServerRow* row = t.first(ServerState::running);
  REQUIRE(row);
  CHECK(t.servers().open_times().detail_ms < 0);
  CHECK_FALSE(t.console.opening());
  t.servers().select(row->id);
  CHECK(t.console.opening());  // the demo gives the answers most of the frame meanwhile
  int frames = 0;
  while (t.servers().open_times().detail_ms < 0 && frames < 60) {
    t.run_for(1.0 / 60, 1.0 / 60);
    ++frames;
  }
  // One round trip: asked at the end of the first frame, answered and shown in the second.
  CHECK(frames <= 2);
  CHECK(t.servers().open_times().detail_ms <= 2 * 1000.0 / 60 + 1e-6);
  CHECK_FALSE(t.console.opening());
  t.servers().open_tab(DetailTab::metrics);
  CHECK(t.console.opening());
  frames = 0;
  while (t.servers().open_times().charts_ms < 0 && frames < 60) {
    t.run_for(1.0 / 60, 1.0 / 60);
    ++frames;
  }
  CHECK(frames <= 2);  // the three charts, asked together, answered together
  CHECK(t.servers().open_times().charts_ms >= 0);
  CHECK_FALSE(t.console.opening());
  // A change of range is not an opening: the figure stays that of the tab's opening.
  const double opened = t.servers().open_times().charts_ms;
  t.servers().set_metrics_range(state::MetricsRange::last_7d);
  t.run_for(0.2, 1.0 / 60);
  CHECK(t.servers().open_times().charts_ms == opened);
}

TEST_CASE("answers delivered between frames are in the list the next frame draws") {
  // The platforms' frame (ui::ConsoleApp::step): answers that came since the last frame, then the
  // console's tick, then the drawing. What one frame asked for is in the list the next one draws.
  DetailConsole t(40);
  t.console.tick(0, t.demo.sim_now());
  t.demo.tick(testing::kDemoStart, [] { return false; });
  CHECK(t.servers().view().rows().empty());  // the store has them; the list does not yet
  REQUIRE(t.servers().servers().size() > 0);
  t.console.tick(1.0 / 60, t.demo.sim_now());
  CHECK(t.servers().view().rows().size() == t.servers().servers().size());
}
