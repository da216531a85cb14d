#pragma once
// Placement groups: GET /placement_groups -> {"placement_groups": [...]},
// GET|POST|PATCH /placement_groups/{id} -> {"placement_group"}.

#include <string>
#include <vector>

#include "fields.hpp"

namespace metal::model {

struct PlacementGroup {
  std::string id;
  std::string name;
  std::string organization;
  std::string project;
  std::vector<std::string> tags;
  std::string policy_mode;  // optional | enforced
  std::string policy_type;  // max_availability | low_latency
  bool policy_respected = true;
  std::string zone;
  bool operator==(const PlacementGroup&) const = default;
};
struct PlacementGroupEnvelope {
  PlacementGroup placement_group;
  bool operator==(const PlacementGroupEnvelope&) const = default;
};
struct PlacementGroupList {
  std::vector<PlacementGroup> placement_groups;
  bool operator==(const PlacementGroupList&) const = default;
};

template <class V, class S>
requires Of<S, PlacementGroup>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("organization", x.organization), v("project", x.project);
  v("tags", x.tags), v("policy_mode", x.policy_mode), v("policy_type", x.policy_type);
  v("policy_respected", x.policy_respected), v("zone", x.zone);
}
template <class V, class S>
requires Of<S, PlacementGroupEnvelope>
void fields(V& v, S& x) {
  v("placement_group", x.placement_group);
}
template <class V, class S>
requires Of<S, PlacementGroupList>
void fields(V& v, S& x) {
  v("placement_groups", x.placement_groups);
}

}  // namespace metal::model
