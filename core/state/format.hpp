#pragma once
// How the console writes quantities for people: sizes, dates. One place, so every page agrees.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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
/// ASCII letters lowered (what filters compare: names, ids, addresses, tags).
std::string to_lower(std::string_view text);
void lower_in_place(std::string& text);
/// "\"text\"": a value quoted in a message.
std::string in_quotes(std::string_view text);
/// Whether every space-separated word of `typed` appears in `text`, ignoring ASCII case.
bool contains_words(std::string_view text, std::string_view typed);
/// "2026-07-30 12:55 UTC".
std::string format_date_time(model::Timestamp t);

}  // namespace metal::state
