#pragma once
// Projects (Account v3): GET /account/v3/projects -> {"projects": [...], "total_count"}.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "timestamp.hpp"

namespace metal::model {

struct Project {
  std::string id;
  std::string name;
  std::string organization_id;
  std::string description;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;
  bool operator==(const Project&) const = default;
};
struct ProjectList {
  std::int64_t total_count = 0;
  std::vector<Project> projects;
  bool operator==(const ProjectList&) const = default;
};

template <class V, class S>
requires Of<S, Project>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("organization_id", x.organization_id);
  v("description", x.description), v("created_at", x.created_at), v("updated_at", x.updated_at);
}
template <class V, class S>
requires Of<S, ProjectList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("projects", x.projects);
}

}  // namespace metal::model
