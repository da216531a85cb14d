#pragma once
// What the simulated cloud sells: zones, server types with the real prices
// (fixtures/scaleway/instance_products_servers_page1.json) and the public image catalogue.

#include <span>
#include <string_view>

namespace metal::sim {

struct ServerTypeSpec {
  std::string_view commercial_type;
  std::string_view arch;  // x86_64 | arm64
  int ncpus;
  int ram_gib;
  double hourly_price_eur;
  double monthly_price_eur;
  int local_volume_gb;  // 0: block storage only
  double fleet_share;   // how common the type is in a seeded fleet
};

struct ImageSpec {
  std::string_view id;
  std::string_view name;
  std::string_view arch;
  std::string_view root_volume_id;
  std::string_view label;  // ubuntu_jammy, ...
};

struct ZoneSpec {
  std::string_view id;         // fr-par-1
  std::string_view ip_prefix;  // first two octets of public addresses in this zone
  int platform_id;
};

std::span<const ServerTypeSpec> server_types();
const ServerTypeSpec* find_server_type(std::string_view commercial_type);

std::span<const ImageSpec> public_images();
const ImageSpec* find_image(std::string_view id);

/// Every zone the real API knows (a path naming another is refused); the seeded world uses the
/// first `kSeededZones` of them.
std::span<const ZoneSpec> zones();
const ZoneSpec* find_zone(std::string_view id);

inline constexpr std::string_view kPublicImagesOrganization =
    "51b656e3-4865-41e8-adbc-0c45bdd780db";

}  // namespace metal::sim
