#pragma once
// Billing v2beta1: GET /billing/v2beta1/consumptions -> {"consumptions", "total_count",
// "updated_at"}; GET /billing/v2beta1/invoices -> {"invoices", "total_count"}. Amounts are exact
// Money.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "money.hpp"
#include "timestamp.hpp"

namespace metal::model {

/// What one product cost one project in the billing period asked for.
struct Consumption {
  Money value;
  std::string product_name;   // "DEV1-S"
  std::string resource_name;  // "Instance"
  std::string sku;            // "/compute/dev1_s/run_par1"
  std::string project_id;
  std::string category_name;    // "Compute", "Storage", "Network"
  std::string unit;             // "hour", "GB-month", ...
  std::string billed_quantity;  // a decimal string, as the API writes it ("744", "12.5")
  std::string consumer_id;
  bool operator==(const Consumption&) const = default;
};
struct ConsumptionList {
  std::int64_t total_count = 0;
  std::vector<Consumption> consumptions;
  std::optional<Timestamp> updated_at;
  bool operator==(const ConsumptionList&) const = default;
};

struct Invoice {
  std::string id;
  std::string organization_id;
  std::string organization_name;
  std::optional<Timestamp> start_date;
  std::optional<Timestamp> stop_date;
  std::optional<Timestamp> billing_period;
  std::optional<Timestamp> issued_date;
  std::optional<Timestamp> due_date;
  Money total_untaxed;
  Money total_taxed;
  Money total_tax;
  Money total_discount;
  Money total_undiscount;
  std::string type;   // periodic | purchase
  std::string state;  // outdated | pending | paid | ...
  std::int64_t number = 0;
  std::string seller_name;
  bool operator==(const Invoice&) const = default;
};
struct InvoiceList {
  std::int64_t total_count = 0;
  std::vector<Invoice> invoices;
  bool operator==(const InvoiceList&) const = default;
};

/// The sum of the consumptions' values, exact; nullopt if they are not all in one currency (or
/// the sum leaves the range Money holds).
std::optional<Money> total_of(const std::vector<Consumption>& consumptions);

template <class V, class S>
requires Of<S, Consumption>
void fields(V& v, S& x) {
  v("value", x.value), v("product_name", x.product_name), v("resource_name", x.resource_name);
  v("sku", x.sku), v("project_id", x.project_id), v("category_name", x.category_name);
  v("unit", x.unit), v("billed_quantity", x.billed_quantity), v("consumer_id", x.consumer_id);
}
template <class V, class S>
requires Of<S, ConsumptionList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("consumptions", x.consumptions);
  v("updated_at", x.updated_at);
}
template <class V, class S>
requires Of<S, Invoice>
void fields(V& v, S& x) {
  v("id", x.id), v("organization_id", x.organization_id);
  v("organization_name", x.organization_name), v("start_date", x.start_date);
  v("stop_date", x.stop_date), v("billing_period", x.billing_period);
  v("issued_date", x.issued_date), v("due_date", x.due_date);
  v("total_untaxed", x.total_untaxed), v("total_taxed", x.total_taxed);
  v("total_tax", x.total_tax), v("total_discount", x.total_discount);
  v("total_undiscount", x.total_undiscount), v("type", x.type), v("state", x.state);
  v("number", x.number), v("seller_name", x.seller_name);
}
template <class V, class S>
requires Of<S, InvoiceList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("invoices", x.invoices);
}

}  // namespace metal::model
