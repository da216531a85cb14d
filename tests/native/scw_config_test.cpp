#include <doctest/doctest.h>

#include <map>

#include "scw_config.hpp"

using namespace metal;
using native::EnvLookup;

namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

const char* kConfig = R"(
access_key: SCWROOTROOTROOTROOT0
secret_key: 11111111-1111-1111-1111-111111111111
default_zone: fr-par-1
default_project_id: root-project
active_profile: prod
profiles:
  prod:
    secret_key: 22222222-2222-2222-2222-222222222222
    default_zone: nl-ams-1
    api_url: https://api.example.test
  lab:
    default_zone: pl-waw-2
    insecure: true
)";

}  // namespace

TEST_CASE("settings: flag, then environment, then the active profile, then the root keys") {
  auto file = native::parse_scw_config(kConfig);
  REQUIRE(file);
  CHECK(file->profiles.size() == 2);

  auto s = native::resolve_settings({}, env_of({}), &*file, "config.yaml");
  REQUIRE(s);
  CHECK(s->profile == "prod");
  CHECK(s->zone == "nl-ams-1");            // profile beats root
  CHECK(s->project_id == "root-project");  // root fills the rest
  CHECK(s->secret_key == "22222222-2222-2222-2222-222222222222");
  CHECK(s->api_url == "https://api.example.test");
  CHECK(s->source.at("zone") == "profile prod");

  s = native::resolve_settings({}, env_of({{"SCW_DEFAULT_ZONE", "fr-par-3"}}), &*file, "c");
  CHECK(s->zone == "fr-par-3");
  CHECK(s->source.at("zone") == "SCW_DEFAULT_ZONE");

  native::SettingFlags flags;
  flags.zone = "it-mil-1";
  s = native::resolve_settings(flags, env_of({{"SCW_DEFAULT_ZONE", "fr-par-3"}}), &*file, "c");
  CHECK(s->zone == "it-mil-1");

  s = native::resolve_settings({}, env_of({{"SCW_PROFILE", "lab"}}), &*file, "c");
  CHECK(s->zone == "pl-waw-2");
  CHECK(s->insecure);
  CHECK(s->api_url == "https://api.scaleway.com");  // lab does not say: the default
  CHECK(s->secret_key == "11111111-1111-1111-1111-111111111111");
}

TEST_CASE("settings without a file come from the environment and the defaults") {
  auto s = native::resolve_settings({}, env_of({{"SCW_SECRET_KEY", "k"}}), nullptr, "none");
  REQUIRE(s);
  CHECK(s->zone == "fr-par-1");
  CHECK(s->api_url == "https://api.scaleway.com");
  CHECK(s->secret_key == "k");
  CHECK_FALSE(s->insecure);
}

TEST_CASE("bad settings are refused with what and where") {
  auto file = native::parse_scw_config(kConfig);
  native::SettingFlags flags;
  flags.profile = "staging";
  auto s = native::resolve_settings(flags, env_of({}), &*file, "/home/u/.config/scw/config.yaml");
  REQUIRE_FALSE(s);
  CHECK(s.error() ==
        "profile \"staging\" (from --profile) is not in /home/u/.config/scw/config.yaml");

  s = native::resolve_settings({}, env_of({{"SCW_API_URL", "ftp://x"}}), nullptr, "c");
  REQUIRE_FALSE(s);
  CHECK(s.error() ==
        "api_url (from SCW_API_URL) must start with https:// or http://, got \"ftp://x\"");

  s = native::resolve_settings({}, env_of({{"SCW_DEFAULT_ZONE", "paris"}}), nullptr, "c");
  REQUIRE_FALSE(s);
  CHECK(s.error() == "zone (from SCW_DEFAULT_ZONE) \"paris\" is not a zone like fr-par-1");

  s = native::resolve_settings({}, env_of({{"SCW_INSECURE", "yes please"}}), nullptr, "c");
  REQUIRE_FALSE(s);

  auto broken = native::parse_scw_config("profiles:\n  prod: [1, 2\n");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().starts_with("line "));
  auto wrong = native::parse_scw_config("profiles:\n  prod:\n    insecure: sometimes\n");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error() == "line 3: profiles.prod.insecure: expected true or false");
  auto empty = native::parse_scw_config("");
  CHECK(empty);
}

TEST_CASE("the config file is where the scw CLI looks for it") {
  CHECK(native::scw_config_path(env_of({{"SCW_CONFIG_PATH", "/etc/scw.yaml"}, {"HOME", "/h"}})) ==
        "/etc/scw.yaml");
  CHECK(native::scw_config_path(env_of({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}})) ==
        "/x/scw/config.yaml");
  CHECK(native::scw_config_path(env_of({{"HOME", "/h"}})) == "/h/.config/scw/config.yaml");
}
