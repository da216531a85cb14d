#pragma once
// How the console writes quantities for people: sizes, dates. One place, so every page agrees.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/timestamp.hpp"

namespace metal::state {

/// Decimal units as the API and its invoices use them: "20 GB", "1.5 TB".
std::string format_bytes(std::uint64_t bytes);
/// Counts with thousands separators: "12,345".
std::string format_count(std::size_t count);
/// "2026-07-30 12:55 UTC".
std::string format_date_time(model::Timestamp t);

}  // namespace metal::state
