#include <doctest/doctest.h>

#include "model/timestamp.hpp"

using namespace metal::model;

TEST_CASE("RFC 3339 times parse to the same instant whatever their offset") {
  auto utc = parse_timestamp("2026-07-30T12:55:53.250458+00:00");
  auto zulu = parse_timestamp("2026-07-30T12:55:53.250458Z");
  auto paris = parse_timestamp("2026-07-30T14:55:53.250458+02:00");
  REQUIRE(utc);
  REQUIRE(zulu);
  REQUIRE(paris);
  CHECK(*utc == *zulu);
  CHECK(*utc == *paris);
  CHECK(format_timestamp(*utc) == "2026-07-30T12:55:53.250458+00:00");
  CHECK(parse_timestamp("1970-01-01T00:00:00Z")->micros == 0);
  CHECK(format_timestamp(Timestamp{-1}) == "1969-12-31T23:59:59.999999+00:00");
  CHECK(parse_timestamp("2024-02-29T00:00:00Z").has_value());
}

TEST_CASE("every instant reads back from its text, in four-digit years and beyond") {
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    // 0001-01-01 to 9999-12-31, microseconds anywhere.
    const std::int64_t lo = -62'135'596'800'000'000ll, hi = 253'402'300'799'999'999ll;
    const Timestamp t{lo + static_cast<std::int64_t>(x % static_cast<std::uint64_t>(hi - lo))};
    const std::string text = format_timestamp(t);
    CAPTURE(text);
    REQUIRE(text.size() == 32);
    CHECK(parse_timestamp(text) == t);
  }
  CHECK(format_timestamp(*parse_timestamp("9999-12-31T23:59:59.999999Z")) ==
        "9999-12-31T23:59:59.999999+00:00");
  CHECK(format_timestamp(*parse_timestamp("0001-01-01T00:00:00Z")) ==
        "0001-01-01T00:00:00.000000+00:00");
  CHECK(format_timestamp(Timestamp{253'402'300'800'000'000ll}) ==
        "10000-01-01T00:00:00.000000+00:00");
}

TEST_CASE("malformed times are refused") {
  for (const char* bad :
       {"", "2026-07-30", "2026-13-01T00:00:00Z", "2026-07-30T12:55:53", "2026-07-30T12:55:53.Z",
        "yesterday", "2026-07-30T12:55:53+0200", "2026-07-30T25:00:00Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_timestamp(bad).has_value());
  }
}

TEST_CASE("ages read the way people say them") {
  const Timestamp now = *parse_timestamp("2026-07-30T12:00:00Z");
  CHECK(format_age(*parse_timestamp("2026-07-30T11:59:30Z"), now) == "30 s");
  CHECK(format_age(*parse_timestamp("2026-07-30T11:00:00Z"), now) == "1 h");
  CHECK(format_age(*parse_timestamp("2026-07-20T12:00:00Z"), now) == "10 d");
  CHECK(format_age(*parse_timestamp("2024-07-30T12:00:00Z"), now) == "2 y");
}
