#pragma once
// Where the desktop tools read their settings from: the process environment (SCW_*) and the scw
// config file it names, resolved with resolve_settings(). One place for metalctl and the app.

#include <string>
#include <vector>

#include "scw_config.hpp"

namespace metal::native {

/// The settings the flags, the environment and the config file give. `warning` is set when the
/// config file holding a secret key can be read by other users.
Expected<Settings, std::string> load_settings(const SettingFlags& flags, std::string& warning);

/// The profiles of the scw config (names only: their keys stay in the file), and its path.
/// Empty when there is no config file or it cannot be read.
std::vector<std::string> scw_profile_names(std::string& path);

}  // namespace metal::native
