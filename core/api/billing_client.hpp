#pragma once
// Billing v2beta1: what a month cost, per project and category, and the invoices.

#include <string>

#include "api/api_client.hpp"
#include "model/billing.hpp"

namespace metal::api {

/// Whose consumption, for which month.
struct ConsumptionQuery {
  std::string organization_id;  // one of organization_id / project_id
  std::string project_id;
  std::string billing_period;  // "YYYY-MM"; the API's current month when empty
  std::string category_name;
};

/// "YYYY-MM" for a billing period, or why the text is not one.
ApiResult<std::string> parse_billing_period(std::string_view text);

class BillingClient : public ApiClient {
 public:
  using ApiClient::ApiClient;

  /// Every consumption line of the period, all pages merged.
  void list_consumptions(const ConsumptionQuery& query, Done<model::ConsumptionList> done);
  /// Invoices (filters `organization_id`, `billing_period_start_after`, `order_by`... pass
  /// through).
  void list_invoices(ListQuery query, Done<model::InvoiceList> done);
};

}  // namespace metal::api
