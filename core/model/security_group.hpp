#pragma once
// Security groups and their rules: GET /security_groups/{id} -> {"security_group"},
// GET /security_groups -> {"security_groups"}, GET /security_groups/{id}/rules -> {"rules": [...]},
// GET /security_groups/{id}/rules/{rule} -> {"rule"}.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "server.hpp"

namespace metal::model {

struct SecurityGroup {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::string organization;
  std::string project;
  std::vector<ServerSummary> servers;
  bool stateful = true;
  std::string inbound_default_policy;   // accept | drop
  std::string outbound_default_policy;  // accept | drop
  bool organization_default = false;
  bool project_default = false;
  bool enable_default_security = true;
  std::string state;
  std::vector<std::string> tags;
  std::string zone;
  bool operator==(const SecurityGroup&) const = default;
};

struct SecurityGroupRule {
  std::string id;
  std::string protocol;   // TCP | UDP | ICMP | ANY
  std::string direction;  // inbound | outbound
  std::string action;     // accept | drop
  std::string ip_range;
  std::optional<std::string> dest_ip_range;
  std::optional<std::int64_t> dest_port_from;
  std::optional<std::int64_t> dest_port_to;
  std::int64_t position = 0;
  bool editable = true;
  std::string zone;
  bool operator==(const SecurityGroupRule&) const = default;
};

struct SecurityGroupEnvelope {
  SecurityGroup security_group;
  bool operator==(const SecurityGroupEnvelope&) const = default;
};
struct SecurityGroupList {
  std::vector<SecurityGroup> security_groups;
  bool operator==(const SecurityGroupList&) const = default;
};
struct SecurityGroupRuleEnvelope {
  SecurityGroupRule rule;
  bool operator==(const SecurityGroupRuleEnvelope&) const = default;
};
struct SecurityGroupRuleList {
  std::vector<SecurityGroupRule> rules;
  bool operator==(const SecurityGroupRuleList&) const = default;
};

template <class V, class S>
requires Of<S, SecurityGroup>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("description", x.description);
  v("creation_date", x.creation_date), v("modification_date", x.modification_date);
  v("organization", x.organization), v("project", x.project), v("servers", x.servers);
  v("stateful", x.stateful), v("inbound_default_policy", x.inbound_default_policy);
  v("outbound_default_policy", x.outbound_default_policy);
  v("organization_default", x.organization_default), v("project_default", x.project_default);
  v("enable_default_security", x.enable_default_security), v("state", x.state);
  v("tags", x.tags), v("zone", x.zone);
}
template <class V, class S>
requires Of<S, SecurityGroupRule>
void fields(V& v, S& x) {
  v("id", x.id), v("protocol", x.protocol), v("direction", x.direction), v("action", x.action);
  v("ip_range", x.ip_range), v("dest_ip_range", x.dest_ip_range);
  v("dest_port_from", x.dest_port_from), v("dest_port_to", x.dest_port_to);
  v("position", x.position), v("editable", x.editable), v("zone", x.zone);
}
template <class V, class S>
requires Of<S, SecurityGroupEnvelope>
void fields(V& v, S& x) {
  v("security_group", x.security_group);
}
template <class V, class S>
requires Of<S, SecurityGroupList>
void fields(V& v, S& x) {
  v("security_groups", x.security_groups);
}
template <class V, class S>
requires Of<S, SecurityGroupRuleEnvelope>
void fields(V& v, S& x) {
  v("rule", x.rule);
}
template <class V, class S>
requires Of<S, SecurityGroupRuleList>
void fields(V& v, S& x) {
  v("rules", x.rules);
}

}  // namespace metal::model
