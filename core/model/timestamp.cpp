#include "timestamp.hpp"

#include <charconv>
#include <cstdio>
#include <cstring>

namespace metal::model {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};
Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool take_number(std::string_view& s, std::size_t digits, int& out) {
  if (s.size() < digits) return false;
  for (std::size_t i = 0; i < digits; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data(), s.data() + digits, out);
  s.remove_prefix(digits);
  return true;
}

bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (!take_number(s, 4, year) || !take_char(s, '-') || !take_number(s, 2, month) ||
      !take_char(s, '-') || !take_number(s, 2, day))
    return std::nullopt;
  if (!take_char(s, 'T') && !take_char(s, 't') && !take_char(s, ' ')) return std::nullopt;
  if (!take_number(s, 2, hour) || !take_char(s, ':') || !take_number(s, 2, minute) ||
      !take_char(s, ':') || !take_number(s, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;

  std::int64_t micros = 0;
  if (take_char(s, '.')) {
    std::size_t digits = 0;
    std::int64_t scale = 100000;
    while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
      if (digits < 6) micros += (s.front() - '0') * scale;  // finer than a microsecond is dropped
      scale /= 10;
      ++digits;
      s.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
  }

  std::int64_t offset_minutes = 0;
  if (take_char(s, 'Z') || take_char(s, 'z')) {
  } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    const int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int oh, om;
    if (!take_number(s, 2, oh) || !take_char(s, ':') || !take_number(s, 2, om)) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (!s.empty()) return std::nullopt;

  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds =
      days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return Timestamp{seconds * 1000000 + micros};
}

std::size_t write_timestamp(char* out, Timestamp t) {
  std::int64_t seconds = t.micros / 1000000;
  std::int64_t micros = t.micros % 1000000;
  if (micros < 0) {
    micros += 1000000;
    seconds -= 1;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  const Civil c = civil_from_days(days);
  if (c.year < 0 || c.year > 9999) {  // outside four digits: printf's widths decide
    const int n = std::snprintf(
        out, kMaxTimestampChars + 1, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lld+00:00",
        static_cast<long long>(c.year), c.month, c.day, static_cast<long long>(rest / 3600),
        static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60),
        static_cast<long long>(micros));
    return static_cast<std::size_t>(n);
  }
  // Digits by hand: the simulator writes two of these per server it lists, and printf costs
  // ~3 us each under WebAssembly.
  static constexpr char kForm[] = "0000-00-00T00:00:00.000000+00:00";
  std::memcpy(out, kForm, sizeof kForm - 1);
  auto put = [out](int at, std::int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  put(11, rest / 3600, 2);
  put(14, rest / 60 % 60, 2);
  put(17, rest % 60, 2);
  put(20, micros, 6);
  return sizeof kForm - 1;
}

void append_timestamp(std::string& out, Timestamp t) {
  char text[kMaxTimestampChars + 1];  // snprintf's terminating nul
  out.append(text, write_timestamp(text, t));
}

std::string format_timestamp(Timestamp t) {
  std::string out;
  append_timestamp(out, t);
  return out;
}

std::string format_age(Timestamp then, Timestamp now) {
  const std::int64_t s = (now.micros - then.micros) / 1000000;
  if (s < 0) return "just now";
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 86400) return std::to_string(s / 3600) + " h";
  if (s < 86400 * 365) return std::to_string(s / 86400) + " d";
  return std::to_string(s / (86400 * 365)) + " y";
}

void read(Decoder& d, JsonValue v, Timestamp& out) {
  std::string_view text;
  if (auto error = v.get_string().get(text)) return d.wrong("a date-time string", v, error);
  if (auto t = parse_timestamp(text)) {
    out = *t;
    return;
  }
  d.fail("expected an RFC 3339 date-time, got \"" + std::string(text.substr(0, 40)) + "\"");
}

}  // namespace metal::model
