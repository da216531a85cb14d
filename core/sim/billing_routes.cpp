// Billing v2beta1 as the simulated cloud answers it: consumptions from the world's meters.

#include <algorithm>

#include "model/billing.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {

Response consumptions(const RouteCall& call) {
  const Request& request = call.request;
  const ApiKey& key = *call.key;
  const World& world = call.world;
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
    for (const Project& p : world.tenancy().projects())
      if (p.id == project) organization = p.organization_id;
    if (organization.empty()) return not_found("project", project);
  }
  if (organization.empty())
    return invalid_argument("organization_id", "required", "organization_id or project_id");
  if (organization != key.organization_id && key.role != KeyRole::admin)
    return permissions_denied("billing_consumption", "read");
  if (period.empty()) period = model::format_timestamp(world.now()).substr(0, 7);
  auto lines = world.consumptions(organization, project, period);
  if (!lines) return invalid_argument("billing_period", "constraint", lines.error());
  model::ConsumptionList list;
  for (auto& line : *lines)
    if (category.empty() || line.category_name == category) list.consumptions.push_back(line);
  list.total_count = static_cast<std::int64_t>(list.consumptions.size());
  list.updated_at = world.now();
  return json_response(200, model::to_json(list));
}

// GET /invoices (organization_id, billing_period_start_after/before, order_by, page, page_size)
// and GET /invoices/{id}.
Response invoices(const RouteCall& call) {
  const Request& request = call.request;
  const ApiKey& key = *call.key;
  const World& world = call.world;
  const std::string_view id = call.param("id");
  const bool one = call.params.has("id");
  std::string organization = key.organization_id;
  std::string after, before, order = "billing_period_desc";
  int page = 1, page_size = 20;
  std::optional<Response> refused;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (read_paging_param(name, value, "page_size", page, page_size, refused)) {
      if (refused) return *refused;
    } else if (name == "organization_id") {
      organization = value;
    } else if (name == "billing_period_start_after") {
      after = value;
    } else if (name == "billing_period_start_before") {
      before = value;
    } else if (name == "order_by") {
      order = value;
    }
  }
  if (organization != key.organization_id && key.role != KeyRole::admin)
    return permissions_denied("billing_invoice", "read");
  if (order != "billing_period_desc" && order != "billing_period_asc")
    return invalid_argument("order_by", "constraint", "billing_period_desc or billing_period_asc");
  auto bound = [](const std::string& text) -> std::optional<std::int64_t> {
    if (text.empty()) return std::int64_t{0};
    auto at = model::parse_timestamp(text);
    if (!at) return std::nullopt;
    return at->micros;
  };
  const auto from = bound(after);
  const auto until = bound(before);
  if (!from)
    return invalid_argument("billing_period_start_after", "constraint", "an RFC 3339 date");
  if (!until)
    return invalid_argument("billing_period_start_before", "constraint", "an RFC 3339 date");

  std::vector<model::Invoice> all = world.invoices(organization);
  if (one) {
    for (const model::Invoice& invoice : all)
      if (invoice.id == id) return json_response(200, model::to_json(invoice));
    return not_found("invoice", id);
  }
  std::vector<model::Invoice> matching;
  for (model::Invoice& invoice : all) {
    const std::int64_t start = invoice.billing_period->micros;
    if ((after.empty() || start > *from) && (before.empty() || start < *until))
      matching.push_back(std::move(invoice));
  }
  if (order == "billing_period_desc") std::reverse(matching.begin(), matching.end());
  model::InvoiceList list;
  list.total_count = static_cast<std::int64_t>(matching.size());
  const std::size_t first =
      static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(page_size);
  for (std::size_t i = first;
       i < matching.size() && i < first + static_cast<std::size_t>(page_size); ++i)
    list.invoices.push_back(matching[i]);
  return json_response(200, model::to_json(list));
}

}  // namespace

void add_billing_routes(RouteTable& table) {
  table.add(Method::get, "/billing/v2beta1/consumptions", consumptions);
  table.add(Method::get, "/billing/v2beta1/invoices", invoices);
  table.add(Method::get, "/billing/v2beta1/invoices/{id}", invoices);
}

}  // namespace metal::sim
