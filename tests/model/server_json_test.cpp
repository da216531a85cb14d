#include <doctest/doctest.h>

#include "../support/fixtures.hpp"
#include "../support/json.hpp"
#include "model/api_error.hpp"
#include "model/server.hpp"
#include "model/task.hpp"

using namespace metal;
using namespace metal::model;

TEST_CASE("a recorded running server decodes with every field a person would look at") {
  const std::string body = test::read_fixture("scaleway/instance_get_server_running.json");
  REQUIRE_FALSE(body.empty());
  auto decoded = decode_text<ServerEnvelope>(body);
  REQUIRE_MESSAGE(decoded, (decoded ? "" : decoded.error().to_string()));
  const Server& s = decoded->server;
  CHECK(s.id == "ce52a219-3109-4a58-8936-ad015631725b");
  CHECK(s.name == "tf-acc-server-with-reserved-ip");
  CHECK(s.state == ServerState::running);
  CHECK(s.state_detail == "booting kernel");
  CHECK(s.commercial_type == "DEV1-S");
  REQUIRE(s.public_ips.size() == 1);
  CHECK(s.public_ips[0].address == "163.172.159.60");
  CHECK(s.primary_ip() == "163.172.159.60");
  REQUIRE(s.location);
  CHECK(s.location->node_id == "72");
  REQUIRE(s.volumes.count("0") == 1);
  CHECK(s.volumes.at("0").volume_type == "sbs_volume");
  CHECK(s.allows(ServerAction::poweroff));
  CHECK_FALSE(s.allows(ServerAction::poweron));
  CHECK(s.tags.size() == 4);
  CHECK(format_timestamp(s.creation_date) == "2026-07-30T12:55:53.250458+00:00");
  REQUIRE(s.image);
  CHECK(s.image->name == "Ubuntu 20.04 Focal Fossa");
  CHECK_FALSE(s.private_ip.has_value());
  CHECK(s.dns ==
        std::optional<std::string>("ce52a219-3109-4a58-8936-ad015631725b.pub.instances.scw.cloud"));
}

TEST_CASE("recorded servers in every state decode; 'stopped in place' keeps its spaces") {
  auto starting =
      decode_text<ServerEnvelope>(test::read_fixture("scaleway/instance_get_server_starting.json"));
  REQUIRE(starting);
  CHECK(starting->server.state == ServerState::starting);
  CHECK(starting->server.state_detail == "allocating node");

  auto standby = decode_text<ServerEnvelope>(
      test::read_fixture("scaleway/instance_get_server_stopped_in_place.json"));
  REQUIRE(standby);
  CHECK(standby->server.state == ServerState::stopped_in_place);
  CHECK(standby->server.state_text() == "stopped in place");

  auto list = decode_text<ServerList>(test::read_fixture("scaleway/instance_list_servers.json"));
  REQUIRE(list);
  REQUIRE(list->servers.size() == 3);
  for (const Server& s : list->servers)
    CHECK(s.state == ServerState::stopped);
  CHECK(list->servers[0].public_ip.has_value());
  CHECK_FALSE(list->servers[1].public_ip.has_value());  // "public_ip": null
  CHECK(list->servers[1].commercial_type == "POP2-2C-8G-WIN");
}

TEST_CASE("every recorded server, task and error body in the manifest decodes into its type") {
  const Json manifest = test::parse(test::read_fixture("scaleway/manifest.json"));
  REQUIRE(manifest.is_array());
  int servers = 0, tasks = 0, errors = 0;
  for (const Json& entry : manifest) {
    const std::string file = entry.at("file").get<std::string>();
    const int status = entry.at("status").get<int>();
    const std::string body = test::read_fixture("scaleway/" + file);
    CAPTURE(file);
    REQUIRE_FALSE(body.empty());
    if (status >= 400) {
      auto error = parse_error_body(body);
      REQUIRE(error);
      CHECK_FALSE(error->type.empty());
      CHECK_FALSE(error->summary().empty());
      ++errors;
    } else if (file.starts_with("instance_get_server") ||
               file.starts_with("instance_create_server")) {
      auto decoded = decode_text<ServerEnvelope>(body);
      CHECK_MESSAGE(decoded, (decoded ? "" : decoded.error().to_string()));
      ++servers;
    } else if (file.starts_with("instance_list_servers")) {
      CHECK(decode_text<ServerList>(body));
      ++servers;
    } else if (file.starts_with("instance_server_action")) {
      auto task = decode_text<TaskEnvelope>(body);
      REQUIRE(task);
      CHECK(task->task.status == "pending");
      CHECK(task->task.href_result.starts_with("/servers/"));
      ++tasks;
    }
  }
  CHECK(servers == 5);
  CHECK(tasks == 2);
  CHECK(errors == 5);
}

TEST_CASE("encoding a decoded server gives the same server back") {
  for (const char* file :
       {"scaleway/instance_get_server_running.json", "scaleway/instance_get_server_starting.json",
        "scaleway/instance_get_server_stopped_in_place.json",
        "scaleway/instance_create_server_201.json"}) {
    CAPTURE(file);
    auto first = decode_text<ServerEnvelope>(test::read_fixture(file));
    REQUIRE(first);
    auto second = decode_text<ServerEnvelope>(encode(*first).dump());
    REQUIRE(second);
    CHECK(second->server == first->server);
  }
}

TEST_CASE("unknown fields are ignored and missing optional ones tolerated") {
  auto decoded = decode_text<ServerEnvelope>(
      R"({"server": {"id": "abc", "state": "running", "brand_new_field": {"x": [1, 2]}, "bootscript": null}})");
  REQUIRE(decoded);
  CHECK(decoded->server.id == "abc");
  CHECK(decoded->server.tags.empty());
  CHECK_FALSE(decoded->server.location.has_value());
  CHECK(decoded->server.volumes.empty());
}

TEST_CASE("a wrong type is refused with the path of the field") {
  Json list = test::parse(test::read_fixture("scaleway/instance_list_servers.json"));
  REQUIRE(list.is_object());
  list["servers"][1]["volumes"]["0"]["size"] = "twenty gigabytes";
  auto decoded = decode_text<ServerList>(list.dump());
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error().to_string() ==
        "servers[1].volumes.0.size: expected a number, got a string");

  auto bad_tags = decode_text<ServerEnvelope>(
      R"({"server": {"id": "a", "state": "running", "tags": ["ok", 7]}})");
  REQUIRE_FALSE(bad_tags);
  CHECK(bad_tags.error().to_string() == "server.tags[1]: expected a string, got an integer");

  auto missing_id = decode_text<ServerList>(R"({"servers": [{"state": "running"}]})");
  REQUIRE_FALSE(missing_id);
  CHECK(missing_id.error().to_string() == "servers[0].id: missing");

  auto bad_date = decode_text<ServerEnvelope>(
      R"({"server": {"id": "a", "state": "running", "creation_date": "yesterday"}})");
  REQUIRE_FALSE(bad_date);
  CHECK(bad_date.error().path == "server.creation_date");
}

TEST_CASE("truncated, non-JSON and absurdly deep bodies give a message, not a crash") {
  const std::string body = test::read_fixture("scaleway/instance_list_servers.json");
  auto truncated = decode_text<ServerList>(std::string_view(body).substr(0, body.size() / 2));
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().message.find("invalid JSON") != std::string::npos);

  auto gateway = decode_text<ServerList>("<html><body>502 Bad Gateway</body></html>");
  REQUIRE_FALSE(gateway);
  CHECK(gateway.error().message.find("invalid JSON") != std::string::npos);

  const std::string deep = R"({"server": {"id": "a", "state": "running", "filesystems": [)" +
                           std::string(100000, '[') + std::string(100000, ']') + "]}}";
  auto nested = decode_text<ServerEnvelope>(deep);
  REQUIRE_FALSE(nested);
  CHECK(nested.error().message.find("nested deeper") != std::string::npos);

  auto trailing =
      decode_text<ServerEnvelope>(R"({"server": {"id": "a", "state": "running"}} {"more": 1})");
  REQUIRE_FALSE(trailing);
  CHECK(trailing.error().message == "invalid JSON: unexpected content after the document");

  auto bare = decode_text<ServerList>("42");
  REQUIRE_FALSE(bare);
  CHECK(bare.error().message == "expected a JSON object, got a bare value");

  CHECK_FALSE(parse_error_body("<html>gateway timeout</html>").has_value());
}

TEST_CASE("a body is read where it lies, whatever its spare capacity holds") {
  const std::string body = test::read_fixture("scaleway/instance_list_servers.json");
  const auto expected = decode_text<ServerList>(body);
  REQUIRE(expected);
  // No room to spare: the body's capacity grows, its text does not change.
  std::string tight(body);
  tight.shrink_to_fit();
  auto from_tight = decode_body<ServerList>(tight);
  REQUIRE(from_tight);
  CHECK(from_tight->servers == expected->servers);
  CHECK(tight == body);
  // Room to spare holding bytes that are not JSON.
  std::string roomy = body + std::string(500, '{');
  roomy.resize(body.size());
  auto from_roomy = decode_body<ServerList>(roomy);
  REQUIRE(from_roomy);
  CHECK(from_roomy->servers == expected->servers);
  CHECK(roomy == body);
  // A truncated body whose spare capacity still holds the rest of the document is truncated.
  std::string cut = body;
  cut.resize(body.size() - 40);
  auto from_cut = decode_body<ServerList>(cut);
  REQUIRE_FALSE(from_cut);
  CHECK(from_cut.error().message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("a state the console does not know yet is kept verbatim") {
  auto decoded = decode_text<ServerEnvelope>(R"({"server": {"id": "a", "state": "hibernating"}})");
  REQUIRE(decoded);
  CHECK(decoded->server.state == ServerState::unknown);
  CHECK(decoded->server.state_text() == "hibernating");
  CHECK(encode(decoded->server)["state"] == "hibernating");
}

TEST_CASE("error bodies read as one sentence with what to fix") {
  auto required =
      parse_error_body(test::read_fixture("scaleway/error_400_invalid_arguments_required.json"));
  REQUIRE(required);
  CHECK(required->type == "invalid_arguments");
  CHECK(required->summary() ==
        "invalid argument(s); commercial_type: required key not provided; image: required key not "
        "provided; "
        "volumes: required key not provided");
  auto not_found = parse_error_body(test::read_fixture("scaleway/error_404_not_found_image.json"));
  REQUIRE(not_found);
  CHECK(not_found->resource == "instance_image");
}
