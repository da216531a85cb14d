// Billing: consumptions computed from what was metered (the fleet records when each server
// started and stopped holding a node; meters here, when each volume and flexible IP existed).

#include <algorithm>
#include <map>
#include <tuple>

#include "model/timestamp.hpp"
#include "sim/catalog.hpp"
#include "sim/metering.hpp"

namespace metal::sim {

using model::Timestamp;

namespace {
constexpr std::int64_t kHour = 3'600'000'000;  // micros

/// What a volume or a flexible IP costs: per hour started (per GB for volumes), never more in a
/// month than the monthly price. Public list prices of the kind the real catalogue shows.
struct MeteredPrice {
  std::string_view kind, product;
  std::string_view product_name, category, sku, unit;
  std::int64_t hourly_nanos;   // per GB for volumes
  std::int64_t monthly_nanos;  // the cap, per GB for volumes
};
constexpr MeteredPrice kMeteredPrices[] = {
    {"volume", "b_ssd", "Block SSD", "Storage", "/storage/b_ssd", "GB-hour", 110'000, 80'000'000},
    {"volume", "sbs_volume", "Block Storage 5K", "Storage", "/storage/sbs_5k", "GB-hour", 117'000,
     86'000'000},
    {"volume", "l_ssd", "Local SSD", "Storage", "/storage/l_ssd", "GB-hour", 60'000, 44'000'000},
    {"ip", "routed_ipv4", "Flexible IPv4", "Network", "/network/flexible_ipv4", "hour", 4'000'000,
     2'920'000'000},
    {"ip", "routed_ipv6", "Flexible IPv6", "Network", "/network/flexible_ipv6", "hour", 0, 0},
};
const MeteredPrice* metered_price(std::string_view kind, std::string_view product) {
  for (const MeteredPrice& p : kMeteredPrices)
    if (p.kind == kind && p.product == product) return &p;
  return nullptr;
}

// [start, end) of "YYYY-MM", UTC.
std::optional<std::pair<std::int64_t, std::int64_t>> month_bounds(std::string_view period) {
  if (period.size() != 7 || period[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (int i = 0; i < 4; ++i) {
    if (period[static_cast<std::size_t>(i)] < '0' || period[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
    year = year * 10 + (period[static_cast<std::size_t>(i)] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (period[static_cast<std::size_t>(i)] < '0' || period[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
    month = month * 10 + (period[static_cast<std::size_t>(i)] - '0');
  }
  if (month < 1 || month > 12 || year < 1970) return std::nullopt;
  char first[32], next[32];
  std::snprintf(first, sizeof first, "%04d-%02d-01T00:00:00Z", year, month);
  std::snprintf(next, sizeof next, "%04d-%02d-01T00:00:00Z", month == 12 ? year + 1 : year,
                month == 12 ? 1 : month + 1);
  const auto a = model::parse_timestamp(first);
  const auto b = model::parse_timestamp(next);
  if (!a || !b) return std::nullopt;
  return std::pair{a->micros, b->micros};
}

MeteredServer metered_of(const Fleet& fleet, const Tenancy& tenancy, const SimServer& s) {
  MeteredServer m;
  m.id = s.id;
  m.name = s.name;
  m.zone = fleet.zones()[s.zone];
  m.organization_id = tenancy.projects()[s.project].organization_id;
  m.ncpus = server_types()[s.type].ncpus;
  m.created = s.created.micros;
  m.billed = &s.billed;
  m.billable_since = s.billable_since;
  return m;
}

}  // namespace

void Metering::start(const WorldContext& context, std::string kind, const std::string& id,
                     const std::string& name, const std::string& project, const std::string& zone,
                     std::string product, std::uint64_t size_gb) {
  meters_.push_back({std::move(kind), id, name, project, zone, std::move(product), size_gb,
                     context.now.micros, -1});
}

void Metering::stop(const WorldContext& context, std::string_view id) {
  for (ResourceMeter& m : meters_)
    if (m.id == id && m.to < 0) m.to = std::max(m.from, context.now.micros);
}

Expected<std::vector<model::Consumption>, std::string> Metering::consumptions(
    const Fleet& fleet, const Tenancy& tenancy, Timestamp now, std::string_view organization,
    std::string_view project, std::string_view period) const {
  const auto bounds = month_bounds(period);
  if (!bounds)
    return Unexpected{"billing_period \"" + std::string(period.substr(0, 20)) +
                      "\" is not a month like 2026-11"};
  const std::int64_t from = bounds->first;
  const std::int64_t to = bounds->second;
  struct Line {
    std::int64_t hours = 0;
    std::int64_t nanos = 0;
  };
  // (project, type, zone) -> what its servers cost
  std::map<std::tuple<std::uint16_t, std::uint16_t, std::uint16_t>, Line> lines;
  for (const SimServer& s : fleet.slots()) {
    const Project& owner = tenancy.projects()[s.project];
    if (owner.organization_id != organization || (!project.empty() && owner.id != project))
      continue;
    std::int64_t micros = 0;
    auto add = [&](std::int64_t a, std::int64_t b) {
      micros += std::max<std::int64_t>(0, std::min(b, to) - std::max(a, from));
    };
    for (const auto& [a, b] : s.billed)
      add(a, b);
    if (s.billable_since >= 0) add(s.billable_since, now.micros);
    if (micros == 0) continue;
    const ServerTypeSpec& type = server_types()[s.type];
    const std::int64_t hours = (micros + kHour - 1) / kHour;  // every hour started
    const std::int64_t hourly = model::Money::from_decimal(type.hourly_price_eur).total_nanos();
    const std::int64_t monthly = model::Money::from_decimal(type.monthly_price_eur).total_nanos();
    Line& line = lines[{s.project, s.type, s.zone}];
    line.hours += hours;
    line.nanos += std::min(hours * hourly, monthly);
  }
  // Volumes and flexible IPs: from creation to deletion, attached or not.
  std::map<std::tuple<std::string, const MeteredPrice*, std::string>, Line> resource_lines;
  for (const ResourceMeter& m : meters_) {
    const std::string owner = tenancy.organization_of_project(m.project_id);
    if (owner != organization || (!project.empty() && m.project_id != project)) continue;
    const MeteredPrice* price = metered_price(m.kind, m.product);
    if (!price) continue;
    const std::int64_t end = m.to < 0 ? now.micros : m.to;
    const std::int64_t micros =
        std::max<std::int64_t>(0, std::min(end, to) - std::max(m.from, from));
    if (micros == 0) continue;
    const std::int64_t hours = (micros + kHour - 1) / kHour;
    const auto units = static_cast<std::int64_t>(m.kind == "volume" ? m.size_gb : 1);
    Line& line = resource_lines[{m.project_id, price, m.zone}];
    line.hours += hours * units;
    line.nanos += std::min(hours * price->hourly_nanos, price->monthly_nanos) * units;
  }

  std::vector<model::Consumption> out;
  for (const auto& [key, line] : resource_lines) {
    const auto& [project_id, price, zone] = key;
    model::Consumption c;
    c.value = model::Money::from_nanos(line.nanos);
    c.product_name = std::string(price->product_name);
    c.resource_name = price->kind == "volume" ? "Volume" : "Flexible IP";
    c.sku = std::string(price->sku) + "_" + zone;
    c.project_id = project_id;
    c.category_name = std::string(price->category);
    c.unit = std::string(price->unit);
    c.billed_quantity = std::to_string(line.hours);
    c.consumer_id = project_id;
    out.push_back(std::move(c));
  }
  for (const auto& [key, line] : lines) {
    const auto [project_index, type_index, zone_index] = key;
    const ServerTypeSpec& type = server_types()[type_index];
    std::string sku_type(type.commercial_type);
    for (char& c : sku_type)
      c = c == '-' ? '_' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    model::Consumption c;
    c.value = model::Money::from_nanos(line.nanos);
    c.product_name = std::string(type.commercial_type);
    c.resource_name = "Instance";
    c.sku = "/compute/" + sku_type + "/run_" + fleet.zones()[zone_index];
    c.project_id = tenancy.projects()[project_index].id;
    c.category_name = "Compute";
    c.unit = "hour";
    c.billed_quantity = std::to_string(line.hours);
    c.consumer_id = tenancy.projects()[project_index].id;
    out.push_back(std::move(c));
  }
  return out;
}

void Metering::for_each_metered(const Fleet& fleet, const Tenancy& tenancy,
                                const std::function<void(const MeteredServer&)>& visit) {
  for (std::size_t z = 0; z < fleet.zones().size(); ++z)
    for (std::uint32_t slot : fleet.zone_slots(static_cast<std::uint16_t>(z)))
      if (!fleet.at(slot).deleted) visit(metered_of(fleet, tenancy, fleet.at(slot)));
}

std::optional<MeteredServer> Metering::metered(const Fleet& fleet, const Tenancy& tenancy,
                                               std::string_view id) {
  const SimServer* s = fleet.find_live(id);
  if (!s) return std::nullopt;
  return metered_of(fleet, tenancy, *s);
}

std::vector<model::Invoice> Metering::invoices(const Fleet& fleet, const Tenancy& tenancy,
                                               Timestamp now, std::string_view organization) const {
  // One a month, for every month the organization had a project, up to the last month ended.
  std::int64_t first = now.micros;
  std::string name;
  for (const Project& p : tenancy.projects())
    if (p.organization_id == organization) first = std::min(first, p.created_at.micros);
  for (const Organization& o : tenancy.organizations())
    if (o.id == organization) name = o.name;
  std::vector<model::Invoice> out;
  if (name.empty()) return out;
  const std::string today = model::format_timestamp(now);
  int year = std::stoi(model::format_timestamp(Timestamp{first}).substr(0, 4));
  int month = std::stoi(model::format_timestamp(Timestamp{first}).substr(5, 2));
  const int this_year = std::stoi(today.substr(0, 4));
  const int this_month = std::stoi(today.substr(5, 2));
  std::int64_t number = 0;
  while (year < this_year || (year == this_year && month < this_month)) {
    char period[8];
    std::snprintf(period, sizeof period, "%04d-%02d", year, month);
    const auto bounds = month_bounds(period);
    const auto lines = consumptions(fleet, tenancy, now, organization, "", period);
    const auto total = lines ? model::total_of(*lines) : std::nullopt;
    ++number;
    if (total && total->total_nanos() > 0) {
      model::Invoice invoice;
      // A stable id from the organization and the month: the same invoice answers the same.
      std::uint64_t h = 0xcbf29ce484222325ull;
      for (char c : std::string(organization) + period)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
      char id[40];
      std::snprintf(id, sizeof id, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(h >> 32),
                    static_cast<unsigned>((h >> 16) & 0xffff), static_cast<unsigned>(h & 0xfff),
                    static_cast<unsigned>((h >> 12) & 0xfff),
                    static_cast<unsigned long long>(h & 0xffffffffffffull));
      invoice.id = id;
      invoice.organization_id = std::string(organization);
      invoice.organization_name = name;
      invoice.start_date = Timestamp{bounds->first};
      invoice.stop_date = Timestamp{bounds->second};
      invoice.billing_period = Timestamp{bounds->first};
      invoice.issued_date = Timestamp{bounds->second + 3 * kHour};
      invoice.due_date = Timestamp{bounds->second + 15 * 24 * kHour};
      const std::int64_t untaxed = total->total_nanos();
      const std::int64_t tax =
          (untaxed / 5 + 5'000'000) / 10'000'000 * 10'000'000;  // 20%, to the cent
      invoice.total_untaxed = model::Money::from_nanos(untaxed);
      invoice.total_undiscount = invoice.total_untaxed;
      invoice.total_discount = model::Money::from_nanos(0);
      invoice.total_tax = model::Money::from_nanos(tax);
      invoice.total_taxed = model::Money::from_nanos(untaxed + tax);
      invoice.type = "periodic";
      // Paid once due; the last one may still be waiting.
      invoice.state = invoice.due_date->micros <= now.micros ? "paid" : "outstanding";
      invoice.number = number;
      invoice.seller_name = "Scaleway SAS";
      out.push_back(std::move(invoice));
    }
    if (++month == 13) {
      month = 1;
      ++year;
    }
  }
  return out;
}

}  // namespace metal::sim
