#pragma once
// What each server type costs in each zone, from GET /products/servers: the list's price column,
// the create wizard's estimate and the detail's overview all read prices here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/server_type.hpp"

namespace metal::state {

class PriceBook {
 public:
  /// Replaces what is known of a zone; returns true when anything changed.
  bool set_zone(const std::string& zone, model::ServerTypeList types);
  const model::ServerType* find(std::string_view zone, std::string_view commercial_type) const;
  /// The type's monthly price as the API quotes it, or nothing when the zone or type is unknown.
  std::optional<model::Money> monthly(std::string_view zone,
                                      std::string_view commercial_type) const;
  const std::map<std::string, model::ServerType>* zone_types(std::string_view zone) const;
  bool has_zone(std::string_view zone) const { return zones_.find(zone) != zones_.end(); }
  std::uint64_t version() const { return version_; }

 private:
  std::map<std::string, model::ServerTypeList, std::less<>> zones_;
  std::uint64_t version_ = 0;
};

}  // namespace metal::state
