#include "state/servers/price_book.hpp"

namespace metal::state {

bool PriceBook::set_zone(const std::string& zone, model::ServerTypeList types) {
  auto it = zones_.find(zone);
  if (it != zones_.end() && it->second == types) return false;
  zones_[zone] = std::move(types);
  ++version_;
  return true;
}

const model::ServerType* PriceBook::find(std::string_view zone,
                                         std::string_view commercial_type) const {
  const auto* types = zone_types(zone);
  if (!types) return nullptr;
  const auto it = types->find(std::string(commercial_type));
  return it == types->end() ? nullptr : &it->second;
}

std::optional<model::Money> PriceBook::monthly(std::string_view zone,
                                               std::string_view commercial_type) const {
  const model::ServerType* type = find(zone, commercial_type);
  if (!type) return std::nullopt;
  return type->monthly_price.money;
}

const std::map<std::string, model::ServerType>* PriceBook::zone_types(std::string_view zone) const {
  const auto it = zones_.find(zone);
  return it == zones_.end() ? nullptr : &it->second.servers;
}

}  // namespace metal::state
