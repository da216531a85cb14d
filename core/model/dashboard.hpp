#pragma once
// GET /dashboard -> {"dashboard": {...}}: what a zone holds, counted by the API.

#include <cstdint>
#include <map>
#include <string>

#include "fields.hpp"

namespace metal::model {

struct Dashboard {
  std::int64_t servers_count = 0;
  std::int64_t running_servers_count = 0;
  std::map<std::string, std::int64_t> servers_by_types;  // commercial type -> servers
  std::int64_t volumes_count = 0;
  std::int64_t volumes_l_ssd_count = 0;
  std::int64_t volumes_b_ssd_count = 0;  // deprecated by the API, still sent
  std::uint64_t volumes_l_ssd_total_size = 0;
  std::uint64_t volumes_b_ssd_total_size = 0;
  std::int64_t images_count = 0;
  std::int64_t snapshots_count = 0;
  std::int64_t ips_count = 0;
  std::int64_t ips_unused = 0;
  std::int64_t security_groups_count = 0;
  std::int64_t placement_groups_count = 0;
  std::int64_t private_nics_count = 0;
  bool operator==(const Dashboard&) const = default;
};
struct DashboardEnvelope {
  Dashboard dashboard;
  bool operator==(const DashboardEnvelope&) const = default;
};

template <class V, class S>
requires Of<S, Dashboard>
void fields(V& v, S& x) {
  v("servers_count", x.servers_count), v("running_servers_count", x.running_servers_count);
  v("servers_by_types", x.servers_by_types), v("volumes_count", x.volumes_count);
  v("volumes_l_ssd_count", x.volumes_l_ssd_count), v("volumes_b_ssd_count", x.volumes_b_ssd_count);
  v("volumes_l_ssd_total_size", x.volumes_l_ssd_total_size);
  v("volumes_b_ssd_total_size", x.volumes_b_ssd_total_size), v("images_count", x.images_count);
  v("snapshots_count", x.snapshots_count), v("ips_count", x.ips_count);
  v("ips_unused", x.ips_unused), v("security_groups_count", x.security_groups_count);
  v("placement_groups_count", x.placement_groups_count);
  v("private_nics_count", x.private_nics_count);
}
template <class V, class S>
requires Of<S, DashboardEnvelope>
void fields(V& v, S& x) {
  v("dashboard", x.dashboard);
}

}  // namespace metal::model
