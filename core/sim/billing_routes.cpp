// Billing v2beta1 as the simulated cloud answers it: consumptions from the world's meters.

#include "model/billing.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

Response ApiHandler::billing_route(const Request& request, const ApiKey& key,
                                   std::string_view rest) {
  if (rest != "/consumptions")
    return error_response(404, "not_found", "no route for " + std::string(request.path()));
  if (request.method != Method::get) return method_not_allowed();
  std::string organization, project, category, period;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (name == "organization_id")
      organization = value;
    else if (name == "project_id")
      project = value;
    else if (name == "billing_period")
      period = value;
    else if (name == "category_name")
      category = value;
  }
  if (!project.empty() && organization.empty()) {
    for (const Project& p : world_.projects())
      if (p.id == project) organization = p.organization_id;
    if (organization.empty()) return not_found("project", project);
  }
  if (organization.empty())
    return invalid_argument("organization_id", "required", "organization_id or project_id");
  if (organization != key.organization_id && key.role != KeyRole::admin)
    return permissions_denied("billing_consumption", "read");
  if (period.empty()) period = model::format_timestamp(world_.now()).substr(0, 7);
  auto lines = world_.consumptions(organization, project, period);
  if (!lines) return invalid_argument("billing_period", "constraint", lines.error());
  model::ConsumptionList list;
  for (auto& line : *lines)
    if (category.empty() || line.category_name == category) list.consumptions.push_back(line);
  list.total_count = static_cast<std::int64_t>(list.consumptions.size());
  list.updated_at = world_.now();
  return json_response(200, model::to_json(list));
}

}  // namespace metal::sim
