#pragma once
// What can be ordered: GET /products/servers (server types with prices, constraints and
// capabilities, keyed by commercial type), /products/servers/availability, /products/volumes.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "money.hpp"

namespace metal::model {

/// A price the API writes as a decimal ("hourly_price": 0.0088), held as exact Money.
struct Price {
  Money money;
  bool operator==(const Price&) const = default;
};
void read(Decoder& d, JsonValue v, Price& out);
Json encode(const Price& v);

struct SizeRange {
  std::uint64_t min_size = 0;
  std::uint64_t max_size = 0;
  bool operator==(const SizeRange&) const = default;
};

struct ServerTypeCapabilities {
  std::vector<std::string> boot_types;
  bool placement_groups = false;
  bool block_storage = false;
  bool hot_snapshots_local_volume = false;
  std::int64_t private_network = 0;  // how many private networks a server can join
  std::int64_t max_file_systems = 0;
  bool operator==(const ServerTypeCapabilities&) const = default;
};

struct ServerType {
  std::vector<std::string> alt_names;
  std::string arch;
  std::int64_t ncpus = 0;
  std::uint64_t ram = 0;  // bytes
  std::int64_t gpu = 0;
  Json gpu_info;     // {gpu_manufacturer, gpu_name, gpu_memory} or null
  Json mig_profile;  // null on most types
  SizeRange volumes_constraint;
  std::map<std::string, SizeRange> per_volume_constraint;
  std::optional<std::uint64_t> scratch_storage_max_size;
  Price monthly_price;
  Price hourly_price;
  ServerTypeCapabilities capabilities;
  Json network;  // interfaces and bandwidths, shown as is
  std::uint64_t block_bandwidth = 0;
  bool end_of_service = false;
  bool operator==(const ServerType&) const = default;
};
struct ServerTypeList {
  std::map<std::string, ServerType> servers;  // keyed by commercial type
  bool operator==(const ServerTypeList&) const = default;
};

struct Availability {
  std::string availability;  // available | scarce | shortage
  bool operator==(const Availability&) const = default;
};
struct ServerTypeAvailability {
  std::map<std::string, Availability> servers;
  bool operator==(const ServerTypeAvailability&) const = default;
};

struct VolumeType {
  struct Capabilities {
    bool snapshot = false;
    bool operator==(const Capabilities&) const = default;
  };
  struct Constraints {
    std::uint64_t min = 0;
    std::uint64_t max = 0;
    bool operator==(const Constraints&) const = default;
  };
  Capabilities capabilities;
  std::string display_name;
  Constraints constraints;
  bool operator==(const VolumeType&) const = default;
};
struct VolumeTypeList {
  std::map<std::string, VolumeType> volumes;
  bool operator==(const VolumeTypeList&) const = default;
};

template <class V, class S>
requires Of<S, SizeRange>
void fields(V& v, S& x) {
  v("min_size", x.min_size), v("max_size", x.max_size);
}
template <class V, class S>
requires Of<S, ServerTypeCapabilities>
void fields(V& v, S& x) {
  v("boot_types", x.boot_types), v("placement_groups", x.placement_groups);
  v("block_storage", x.block_storage),
      v("hot_snapshots_local_volume", x.hot_snapshots_local_volume);
  v("private_network", x.private_network), v("max_file_systems", x.max_file_systems);
}
template <class V, class S>
requires Of<S, ServerType>
void fields(V& v, S& x) {
  v("alt_names", x.alt_names), v("arch", x.arch), v("ncpus", x.ncpus), v("ram", x.ram);
  v("gpu", x.gpu), v("gpu_info", x.gpu_info), v("mig_profile", x.mig_profile);
  v("volumes_constraint", x.volumes_constraint),
      v("per_volume_constraint", x.per_volume_constraint);
  v("scratch_storage_max_size", x.scratch_storage_max_size);
  v("monthly_price", x.monthly_price), v("hourly_price", x.hourly_price);
  v("capabilities", x.capabilities), v("network", x.network);
  v("block_bandwidth", x.block_bandwidth), v("end_of_service", x.end_of_service);
}
template <class V, class S>
requires Of<S, ServerTypeList>
void fields(V& v, S& x) {
  v("servers", x.servers);
}
template <class V, class S>
requires Of<S, Availability>
void fields(V& v, S& x) {
  v("availability", x.availability);
}
template <class V, class S>
requires Of<S, ServerTypeAvailability>
void fields(V& v, S& x) {
  v("servers", x.servers);
}
template <class V, class S>
requires Of<S, VolumeType::Capabilities>
void fields(V& v, S& x) {
  v("snapshot", x.snapshot);
}
template <class V, class S>
requires Of<S, VolumeType::Constraints>
void fields(V& v, S& x) {
  v("min", x.min), v("max", x.max);
}
template <class V, class S>
requires Of<S, VolumeType>
void fields(V& v, S& x) {
  v("capabilities", x.capabilities), v("display_name", x.display_name),
      v("constraints", x.constraints);
}
template <class V, class S>
requires Of<S, VolumeTypeList>
void fields(V& v, S& x) {
  v("volumes", x.volumes);
}

}  // namespace metal::model
