#include "scw_config.hpp"

#include <yaml-cpp/yaml.h>

namespace metal::native {
namespace {

// yaml-cpp reports problems by throwing; this file is the only place that lets it, and every
// throw ends here as a message.
struct ConfigProblem {
  std::string message;
};

std::optional<std::string> string_at(const YAML::Node& map, const char* key,
                                     const std::string& where) {
  const YAML::Node node = map[key];
  if (!node || node.IsNull()) return std::nullopt;
  if (!node.IsScalar())
    throw ConfigProblem{"line " + std::to_string(node.Mark().line + 1) + ": " + where + key +
                        ": expected a text value"};
  return node.as<std::string>();
}

std::optional<bool> bool_at(const YAML::Node& map, const char* key, const std::string& where) {
  const YAML::Node node = map[key];
  if (!node || node.IsNull()) return std::nullopt;
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
    throw ConfigProblem{"line " + std::to_string(node.Mark().line + 1) + ": " + where + key +
                        ": expected true or false"};
  return value;
}

ScwProfile read_profile(const YAML::Node& map, const std::string& where) {
  ScwProfile p;
  p.access_key = string_at(map, "access_key", where);
  p.secret_key = string_at(map, "secret_key", where);
  p.default_organization_id = string_at(map, "default_organization_id", where);
  p.default_project_id = string_at(map, "default_project_id", where);
  p.default_region = string_at(map, "default_region", where);
  p.default_zone = string_at(map, "default_zone", where);
  p.api_url = string_at(map, "api_url", where);
  p.insecure = bool_at(map, "insecure", where);
  return p;
}

bool valid_zone(const std::string& zone) {
  // region-like prefix, a dash and a digit: "fr-par-1" (and "all" where commands accept it)
  if (zone == "all") return true;
  const auto dash = zone.rfind('-');
  return dash != std::string::npos && dash > 0 && dash + 2 == zone.size() &&
         zone[dash + 1] >= '1' && zone[dash + 1] <= '9';
}

}  // namespace

Expected<ScwConfigFile, std::string> parse_scw_config(const std::string& yaml_text) {
  try {
    const YAML::Node doc = YAML::Load(yaml_text);
    ScwConfigFile file;
    if (!doc || doc.IsNull()) return file;  // an empty file is no settings, not an error
    if (!doc.IsMap()) return Unexpected{std::string("expected keys and values at the top level")};
    file.root = read_profile(doc, "");
    file.active_profile = string_at(doc, "active_profile", "");
    if (const YAML::Node profiles = doc["profiles"]; profiles && !profiles.IsNull()) {
      if (!profiles.IsMap())
        return Unexpected{"line " + std::to_string(profiles.Mark().line + 1) +
                          ": profiles: expected a map of profile names"};
      for (const auto& entry : profiles) {
        const std::string name = entry.first.as<std::string>();
        if (!entry.second.IsMap())
          return Unexpected{"line " + std::to_string(entry.second.Mark().line + 1) + ": profiles." +
                            name + ": expected keys and values"};
        file.profiles[name] = read_profile(entry.second, "profiles." + name + ".");
      }
    }
    return file;
  } catch (const ConfigProblem& problem) {
    return Unexpected{problem.message};
  } catch (const YAML::Exception& error) {
    return Unexpected{"line " + std::to_string(error.mark.line + 1) + ": " + error.msg};
  }
}

std::string scw_config_path(const EnvLookup& env) {
  if (auto path = env("SCW_CONFIG_PATH"); path && !path->empty()) return *path;
  if (auto xdg = env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) return *xdg + "/scw/config.yaml";
  return env("HOME").value_or("") + "/.config/scw/config.yaml";
}

Expected<Settings, std::string> resolve_settings(const SettingFlags& flags, const EnvLookup& env,
                                                 const ScwConfigFile* file,
                                                 const std::string& file_path) {
  Settings s;
  s.source = {{"api_url", "default"}, {"zone", "default"}, {"region", "default"}};
  // Which profile: the flag, then SCW_PROFILE, then the file's active_profile.
  std::optional<std::string> profile_name = flags.profile;
  std::string profile_source = "--profile";
  if (!profile_name) {
    profile_name = env("SCW_PROFILE");
    profile_source = "SCW_PROFILE";
  }
  if (!profile_name && file) {
    profile_name = file->active_profile;
    profile_source = "active_profile";
  }
  const ScwProfile* profile = nullptr;
  if (profile_name && !profile_name->empty() && *profile_name != "default") {
    if (!file)
      return Unexpected{"profile \"" + *profile_name + "\" (from " + profile_source +
                        ") asked for, but there is no config file at " + file_path};
    auto it = file->profiles.find(*profile_name);
    if (it == file->profiles.end())
      return Unexpected{"profile \"" + *profile_name + "\" (from " + profile_source +
                        ") is not in " + file_path};
    profile = &it->second;
    s.profile = *profile_name;
  }

  // One setting: flag, then environment, then profile, then root keys.
  auto pick = [&](const char* name, std::string& out, const std::optional<std::string>& flag,
                  const char* env_name, std::optional<std::string> ScwProfile::*member) {
    if (flag) {
      out = *flag;
      s.source[name] = "flag";
    } else if (auto value = env_name ? env(env_name) : std::nullopt; value && !value->empty()) {
      out = *value;
      s.source[name] = env_name;
    } else if (profile && (profile->*member)) {
      out = *(profile->*member);
      s.source[name] = "profile " + s.profile;
    } else if (file && (file->root.*member)) {
      out = *(file->root.*member);
      s.source[name] = file_path;
    }
  };
  const std::optional<std::string> none;
  pick("api_url", s.api_url, flags.api_url, "SCW_API_URL", &ScwProfile::api_url);
  pick("access_key", s.access_key, none, "SCW_ACCESS_KEY", &ScwProfile::access_key);
  pick("secret_key", s.secret_key, none, "SCW_SECRET_KEY", &ScwProfile::secret_key);
  pick("organization_id", s.organization_id, flags.organization_id, "SCW_DEFAULT_ORGANIZATION_ID",
       &ScwProfile::default_organization_id);
  pick("project_id", s.project_id, flags.project_id, "SCW_DEFAULT_PROJECT_ID",
       &ScwProfile::default_project_id);
  pick("region", s.region, flags.region, "SCW_DEFAULT_REGION", &ScwProfile::default_region);
  pick("zone", s.zone, flags.zone, "SCW_DEFAULT_ZONE", &ScwProfile::default_zone);

  if (flags.insecure) {
    s.insecure = *flags.insecure;
  } else if (auto value = env("SCW_INSECURE"); value && !value->empty()) {
    if (*value != "true" && *value != "false" && *value != "1" && *value != "0")
      return Unexpected{"SCW_INSECURE: expected true or false, got \"" + value->substr(0, 20) +
                        "\""};
    s.insecure = *value == "true" || *value == "1";
  } else if (profile && profile->insecure) {
    s.insecure = *profile->insecure;
  } else if (file && file->root.insecure) {
    s.insecure = *file->root.insecure;
  }

  if (!s.api_url.starts_with("http://") && !s.api_url.starts_with("https://"))
    return Unexpected{"api_url (from " + s.source["api_url"] + ") must start with https:// or " +
                      "http://, got \"" + s.api_url.substr(0, 60) + "\""};
  if (!valid_zone(s.zone))
    return Unexpected{"zone (from " + s.source["zone"] + ") \"" + s.zone.substr(0, 30) +
                      "\" is not a zone like fr-par-1"};
  return s;
}

}  // namespace metal::native
