#include <doctest/doctest.h>

#include <string>

#include "../support/scripted_transport.hpp"
#include "model/volume.hpp"
#include "state/console.hpp"
#include "ui/page_registry.hpp"

using namespace metal;

namespace {

using VolumeResourceList =
    state::ResourceList<model::VolumeList, model::Volume, &model::VolumeList::volumes>;

const state::ResourceKind& volumes_kind() {
  static const state::ResourceKind kind{
      .id = "volumes",
      .zonal = true,
      .path =
          [](std::string_view zone) {
            return "/instance/v1/zones/" + std::string(zone) + "/volumes";
          },
      .page_size_name = "per_page",
      .project_filter = "project",
      .list_type = &api::list_type<model::VolumeList>,
  };
  return kind;
}

std::string query_value(const api::Request& request, std::string_view name) {
  for (const auto& [key, value] : api::parse_query(request.query()))
    if (key == name) return value;
  return {};
}

// Volumes named <zone>-<n>, 120 per zone, 100 a page (the API's largest): two pages per zone.
api::Response volumes_of(const api::Request& request, int per_zone = 120) {
  const std::string path(request.path());
  const std::string zone = path.substr(19, path.find("/volumes") - 19);
  const int page = std::stoi(query_value(request, "page"));
  const int per_page = std::stoi(query_value(request, "per_page"));
  std::string body = "{\"volumes\":[";
  for (int i = (page - 1) * per_page; i < per_zone && i < page * per_page; ++i) {
    if (body.back() != '[') body += ',';
    body += "{\"id\":\"" + zone + "-" + std::to_string(i) + "\",\"name\":\"v" + std::to_string(i) +
            "\",\"zone\":\"" + zone + "\"}";
  }
  body += "]}";
  return test::respond(200, body, {{"X-Total-Count", std::to_string(per_zone)}});
}

struct Fixture {
  test::ScriptedTransport transport;
  state::Console console{transport, {"secret"}, {"fr-par-1", "nl-ams-1"}, ui::page_table()};
  double now = 0;

  void frame(double seconds = 0.1, bool subscribe = true, VolumeResourceList* list = nullptr) {
    now += seconds;
    if (subscribe && list) list->subscribe(now);
    console.tick(now, model::Timestamp{1'800'000'000'000'000});
    transport.deliver();
  }
};

}  // namespace

TEST_CASE("a resource list fans out over zones and pages, and merges them in zone order") {
  Fixture f;
  f.transport.answer = [](const api::Request& r) { return volumes_of(r); };
  VolumeResourceList& list =
      f.console.lists().get<model::VolumeList, model::Volume, &model::VolumeList::volumes>(
          volumes_kind());
  CHECK_FALSE(list.loaded());
  f.frame(0.1, true, &list);
  f.frame(0.1, true, &list);
  REQUIRE(list.loaded());
  REQUIRE(list.items().size() == 240);
  CHECK(list.items().front().id == "fr-par-1-0");
  CHECK(list.items()[119].id == "fr-par-1-119");
  CHECK(list.items()[120].id == "nl-ams-1-0");
  CHECK(list.updated_at().has_value());
  // Two zones of two pages each.
  CHECK(f.transport.sent.size() == 4);
  // The same kind and key is the same list; another key is another list.
  CHECK(&f.console.lists().get<model::VolumeList, model::Volume, &model::VolumeList::volumes>(
            volumes_kind()) == &list);
  state::ResourceListKey one_project;
  one_project.project = "p-1";
  auto& other =
      f.console.lists().get<model::VolumeList, model::Volume, &model::VolumeList::volumes>(
          volumes_kind(), one_project);
  CHECK(&other != &list);
  other.subscribe(f.now);
  f.frame(0.1);
  CHECK(query_value(f.transport.sent.back(), "project") == "p-1");
}

TEST_CASE("a list polls only while shown, and a mutation reads it again at once") {
  Fixture f;
  f.transport.answer = [](const api::Request& r) { return volumes_of(r, 3); };
  VolumeResourceList& list =
      f.console.lists().get<model::VolumeList, model::Volume, &model::VolumeList::volumes>(
          volumes_kind());
  // Nobody shows it: nothing is asked.
  for (int i = 0; i < 20; ++i)
    f.frame(1.0, false);
  CHECK(f.transport.sent.empty());
  f.frame(0.1, true, &list);
  const std::size_t first_read = f.transport.sent.size();
  CHECK(first_read == 2);
  // At rest, the idle pace (30 s): nothing in the next 20 s of frames.
  for (int i = 0; i < 20; ++i)
    f.frame(1.0, true, &list);
  CHECK(f.transport.sent.size() == first_read);
  for (int i = 0; i < 12; ++i)
    f.frame(1.0, true, &list);
  CHECK(f.transport.sent.size() == 2 * first_read);
  // Hidden: no more reads, however long.
  for (int i = 0; i < 120; ++i)
    f.frame(1.0, false);
  CHECK(f.transport.sent.size() == 2 * first_read);
  // A change made elsewhere in the console: read again as soon as it shows, then at the busy pace.
  f.console.lists().invalidate("volumes", f.now);
  CHECK(f.transport.sent.size() == 2 * first_read);
  f.frame(0.1, true, &list);
  CHECK(f.transport.sent.size() == 3 * first_read);
  for (int i = 0; i < 4; ++i)
    f.frame(1.0, true, &list);
  CHECK(f.transport.sent.size() == 4 * first_read);
}

TEST_CASE("a failing zone is reported by name, what was shown stays, and it is retried") {
  Fixture f;
  bool ams_down = false;
  f.transport.answer = [&](const api::Request& r) {
    if (ams_down && r.path().find("nl-ams-1") != std::string_view::npos)
      return test::respond(503, "<html>down</html>");
    return volumes_of(r, 5);
  };
  VolumeResourceList& list =
      f.console.lists().get<model::VolumeList, model::Volume, &model::VolumeList::volumes>(
          volumes_kind());
  f.frame(0.1, true, &list);
  REQUIRE(list.items().size() == 10);
  ams_down = true;
  f.console.lists().invalidate("volumes", f.now);
  // The dispatcher retries a GET a few times before it gives up.
  for (int i = 0; i < 40 && list.error().empty(); ++i)
    f.frame(0.5, true, &list);
  CHECK(list.error().starts_with("nl-ams-1: "));
  CHECK(list.items().size() == 10);  // nothing shown is lost
  ams_down = false;
  for (int i = 0; i < 40 && !list.error().empty(); ++i)
    f.frame(0.5, true, &list);
  CHECK(list.error().empty());
  CHECK(list.items().size() == 10);
}
