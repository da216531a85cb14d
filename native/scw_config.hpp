#pragma once
// Settings in the conventions of the Scaleway CLI: flags, then SCW_* environment, then the active
// profile of the scw config.yaml, then its root keys. Reading files and the environment happens
// in the callers (native/); resolving is pure, so it is tested without touching either.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "model/expected.hpp"

namespace metal::native {

/// One set of keys of config.yaml (the root, or one of `profiles`).
struct ScwProfile {
  std::optional<std::string> access_key;
  std::optional<std::string> secret_key;
  std::optional<std::string> default_organization_id;
  std::optional<std::string> default_project_id;
  std::optional<std::string> default_region;
  std::optional<std::string> default_zone;
  std::optional<std::string> api_url;
  std::optional<bool> insecure;
};

struct ScwConfigFile {
  ScwProfile root;
  std::optional<std::string> active_profile;
  std::map<std::string, ScwProfile> profiles;
};

/// Parses config.yaml; on bad YAML or a key of the wrong kind, says which and where
/// ("line 4: profiles.prod.insecure: expected true or false").
Expected<ScwConfigFile, std::string> parse_scw_config(const std::string& yaml_text);

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// $SCW_CONFIG_PATH, else $XDG_CONFIG_HOME/scw/config.yaml, else ~/.config/scw/config.yaml.
std::string scw_config_path(const EnvLookup& env);

/// What the command line said (unset: not given).
struct SettingFlags {
  std::optional<std::string> profile;
  std::optional<std::string> api_url;
  std::optional<std::string> zone;
  std::optional<std::string> region;
  std::optional<std::string> project_id;
  std::optional<std::string> organization_id;
  std::optional<bool> insecure;
};

struct Settings {
  std::string profile;  // the profile used, "" for the root keys
  std::string api_url = "https://api.scaleway.com";
  std::string access_key;
  std::string secret_key;
  std::string organization_id;
  std::string project_id;
  std::string region = "fr-par";
  std::string zone = "fr-par-1";
  bool insecure = false;
  std::map<std::string, std::string> source;  // setting -> "flag", "SCW_DEFAULT_ZONE", ...
};

/// Resolves the settings; `file` is null when there is no config file. Fails when a profile was
/// asked for that the file does not have, or a value is malformed.
Expected<Settings, std::string> resolve_settings(const SettingFlags& flags, const EnvLookup& env,
                                                 const ScwConfigFile* file,
                                                 const std::string& file_path);

}  // namespace metal::native
