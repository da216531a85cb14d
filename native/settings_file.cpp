#include "settings_file.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace metal::native {

Expected<Settings, std::string> load_settings(const SettingFlags& flags, std::string& warning) {
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
  const std::string path = scw_config_path(env);
  std::optional<ScwConfigFile> file;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = parse_scw_config(text.str());
    if (!parsed) return Unexpected{path + ": " + parsed.error()};
    file = std::move(parsed).value();
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
