#pragma once
// Flexible IPs: GET /ips -> {"ips": [...]}, GET /ips/{id} -> {"ip"}.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "server.hpp"

namespace metal::model {

struct FlexibleIp {
  std::string id;
  std::string address;
  std::optional<std::string> prefix;    // routed IPv6 ranges
  std::optional<std::string> reverse;   // reverse DNS
  std::optional<ServerSummary> server;  // null when detached
  std::string organization;
  std::string project;
  std::string zone;
  std::string type;   // routed_ipv4 | routed_ipv6 | nat
  std::string state;  // detached | attached | pending | error
  std::vector<std::string> tags;
  std::string ipam_id;
  bool operator==(const FlexibleIp&) const = default;
};
struct FlexibleIpEnvelope {
  FlexibleIp ip;
  bool operator==(const FlexibleIpEnvelope&) const = default;
};
struct FlexibleIpList {
  std::vector<FlexibleIp> ips;
  bool operator==(const FlexibleIpList&) const = default;
};

template <class V, class S>
requires Of<S, FlexibleIp>
void fields(V& v, S& x) {
  v("id", x.id), v("address", x.address), v("prefix", x.prefix), v("reverse", x.reverse);
  v("server", x.server), v("organization", x.organization), v("project", x.project);
  v("zone", x.zone), v("type", x.type), v("state", x.state), v("tags", x.tags);
  v("ipam_id", x.ipam_id);
}
template <class V, class S>
requires Of<S, FlexibleIpEnvelope>
void fields(V& v, S& x) {
  v("ip", x.ip);
}
template <class V, class S>
requires Of<S, FlexibleIpList>
void fields(V& v, S& x) {
  v("ips", x.ips);
}

}  // namespace metal::model
