#include "settings_file.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace metal::native {

namespace {

const EnvLookup kEnvironment = [](const std::string& name) -> std::optional<std::string> {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
};

// The config file, when there is one: nullopt without a file, an error for a broken one.
Expected<std::optional<ScwConfigFile>, std::string> read_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::optional<ScwConfigFile>{};
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parse_scw_config(text.str());
  if (!parsed) return Unexpected{path + ": " + parsed.error()};
  return std::optional<ScwConfigFile>(std::move(parsed).value());
}

}  // namespace

std::vector<std::string> scw_profile_names(std::string& path) {
  path = scw_config_path(kEnvironment);
  std::vector<std::string> names;
  auto file = read_config(path);
  if (file && *file)
    for (const auto& [name, profile] : (*file)->profiles)
      names.push_back(name);
  return names;
}

Expected<Settings, std::string> load_settings(const SettingFlags& flags, std::string& warning) {
  const EnvLookup env = kEnvironment;
  const std::string path = scw_config_path(env);
  auto read = read_config(path);
  if (!read) return Unexpected{read.error()};
  std::optional<ScwConfigFile> file = std::move(*read);
  if (file) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 0077)) {
      char text_mode[8];
      std::snprintf(text_mode, sizeof text_mode, "%03o",
                    static_cast<unsigned>(info.st_mode & 0777));
      warning = path + " can be read by other users (mode " + text_mode +
                "); it holds a secret key: chmod 600 it";
    }
  }
  return resolve_settings(flags, env, file ? &*file : nullptr, path);
}

}  // namespace metal::native
