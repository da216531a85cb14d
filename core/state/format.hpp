#pragma once
// How the console writes quantities for people: sizes, dates. One place, so every page agrees.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/timestamp.hpp"

namespace metal::state {

/// Decimal units as the API and its invoices use them: "20 GB", "1.5 TB".
std::string format_bytes(std::uint64_t bytes);
/// Memory in binary units, as machines have it: "16 GiB", "512 MiB".
std::string format_memory(std::uint64_t bytes);
/// A rate in decimal units: "830 B/s", "1.2 MB/s".
std::string format_rate(double bytes_per_second);
/// A chart's axis label for a time (seconds since the epoch, UTC): "14:05" within a day's span,
/// "Nov 21" beyond; `with_seconds` for a hover readout ("14:05:30").
std::string format_chart_time(double seconds, double span_seconds, bool with_seconds = false);
/// A plain number with up to 3 significant decimals: "0.35", "12.4", "1,204".
std::string format_number(double value);
/// Counts with thousands separators: "12,345".
std::string format_count(std::size_t count);
/// "2026-07-30 12:55 UTC".
std::string format_date_time(model::Timestamp t);

}  // namespace metal::state
