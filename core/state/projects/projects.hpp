#pragma once
// The projects the key sees (Account v3): for the project filter, and the default project of
// what the console creates. Read once the session starts, then kept fresh at the idle pace.

#include <cstdint>
#include <vector>

#include "model/project.hpp"
#include "state/console.hpp"
#include "state/feature.hpp"
#include "state/resources/resource_list.hpp"

namespace metal::state {

using ProjectList = ResourceList<model::ProjectList, model::Project, &model::ProjectList::projects>;

/// The Account API's projects, as a resource list reads them.
const ResourceKind& projects_kind();

class Projects final : public Feature {
 public:
  explicit Projects(Console& hub);
  void tick() override;

  /// Oldest first: the organization's default project leads.
  const std::vector<model::Project>& all() const;
  /// The project's name, or its id when it is not (yet) known.
  std::string name_of(const std::string& id) const;
  bool loaded() const { return list_.loaded(); }

 private:
  Console& hub_;
  ProjectList& list_;
  std::string reported_error_;
  mutable std::uint64_t sorted_version_ = ~0ull;
  mutable std::vector<model::Project> sorted_;
};

}  // namespace metal::state
