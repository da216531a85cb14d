#include "api/zones.hpp"

namespace metal::api {

const std::vector<std::string>& all_zones() {
  static const std::vector<std::string> zones{"fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1",
                                              "nl-ams-2", "nl-ams-3", "pl-waw-1", "pl-waw-2",
                                              "pl-waw-3", "it-mil-1"};
  return zones;
}

}  // namespace metal::api
