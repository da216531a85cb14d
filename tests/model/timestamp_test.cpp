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
