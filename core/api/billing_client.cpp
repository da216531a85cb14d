#include "api/billing_client.hpp"

#include "api/paging.hpp"

namespace metal::api {

ApiResult<std::string> parse_billing_period(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() == 7 && text[4] == '-') {
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    if (year >= 2000 && month >= 1 && month <= 12) return std::string(text);
  }
  return Unexpected{ApiError{
      "", 0, "invalid_argument",
      "billing period \"" + std::string(text.substr(0, 20)) + "\" is not a month like 2026-11"}};
}

void BillingClient::list_consumptions(const ConsumptionQuery& query,
                                      Done<model::ConsumptionList> done) {
  ListQuery list;
  list.page_size_name = "page_size";
  if (!query.organization_id.empty()) list.with("organization_id", query.organization_id);
  if (!query.project_id.empty()) list.with("project_id", query.project_id);
  if (!query.billing_period.empty()) list.with("billing_period", query.billing_period);
  if (!query.category_name.empty()) list.with("category_name", query.category_name);
  list_all<model::ConsumptionList>(*this, "/billing/v2beta1/consumptions", std::move(list),
                                   std::move(done));
}

void BillingClient::list_invoices(ListQuery query, Done<model::InvoiceList> done) {
  query.page_size_name = "page_size";
  list_all<model::InvoiceList>(*this, "/billing/v2beta1/invoices", std::move(query),
                               std::move(done));
}

}  // namespace metal::api
