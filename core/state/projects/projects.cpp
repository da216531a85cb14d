#include "state/projects/projects.hpp"

#include "model/stable_order.hpp"

namespace metal::state {

const ResourceKind& projects_kind() {
  static const ResourceKind kind{
      .id = "projects",
      .zonal = false,
      .path = [](std::string_view) { return std::string("/account/v3/projects"); },
      .page_size_name = "page_size",
      .project_filter = {},
      .list_type = &api::list_type<model::ProjectList>,
  };
  return kind;
}

Projects::Projects(Console& hub)
    : hub_(hub),
      list_(hub.lists().get<model::ProjectList, model::Project, &model::ProjectList::projects>(
          projects_kind())) {}

void Projects::tick() {
  // Every page may need them (filters, defaults): always subscribed.
  list_.subscribe(hub_.now());
  if (list_.error() != reported_error_) {
    reported_error_ = list_.error();
    if (!reported_error_.empty()) hub_.set_error("could not list the projects: " + reported_error_);
  }
}

const std::vector<model::Project>& Projects::all() const {
  if (sorted_version_ != list_.version()) {
    sorted_ = list_.items();
    model::stable_sort(sorted_, [](const model::Project& a, const model::Project& b) {
      return a.created_at < b.created_at;
    });
    sorted_version_ = list_.version();
  }
  return sorted_;
}

std::string Projects::name_of(const std::string& id) const {
  for (const model::Project& project : all())
    if (project.id == id) return project.name;
  return id;
}

}  // namespace metal::state
