#include "sim/metrics.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "model/json_codec.hpp"
#include "model/timestamp.hpp"
#include "sim/world.hpp"

namespace metal::sim {
namespace {

using Labels = std::map<std::string, std::string>;

// ---- the series ---------------------------------------------------------------------------------

enum class Kind { cpu, net_rx, net_tx, disk_read, disk_write };

struct Series {
  Labels labels;  // with __name__
  Kind kind;
  MeteredServer server;
  double base = 0;  // units per second at the mean of the waves
  double phase[3] = {0, 0, 0};
};

std::uint64_t hash_of(std::string_view text, std::uint64_t salt) {
  std::uint64_t h = 0xcbf29ce484222325ull ^ salt;
  for (char c : text)
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}
double unit_of(std::string_view text, std::uint64_t salt) {
  return static_cast<double>(hash_of(text, salt) >> 11) * 0x1.0p-53;
}

// A plain decimal number ("60", "1732262400.5"), the whole text; nullopt otherwise.
std::optional<double> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' &&
        c != 'e' && c != 'E')
      return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

constexpr double kPi = 3.14159265358979323846;
// g(t) = 1 + 0.4 sin(w1 t + p1) + 0.2 sin(w2 t + p2) + 0.1 sin(w3 t + p3): a day, three hours,
// seventeen minutes. Never below 0.3, so a running server is never idle to zero.
constexpr double kAmplitude[3] = {0.4, 0.2, 0.1};
constexpr double kOmega[3] = {2 * kPi / 86400.0, 2 * kPi / 10800.0, 2 * kPi / 1020.0};

// The integral of g over [a, b] (seconds).
double wave_integral(const Series& s, double a, double b) {
  double total = b - a;
  for (int k = 0; k < 3; ++k)
    total += kAmplitude[k] / kOmega[k] *
             (std::cos(kOmega[k] * a + s.phase[k]) - std::cos(kOmega[k] * b + s.phase[k]));
  return total;
}

// The counter at `t` (seconds): the waves integrated over the time the server held a node.
double counter_at(const Series& s, double t) {
  double total = 0;
  auto add = [&](double a, double b) {
    b = std::min(b, t);
    if (b > a) total += wave_integral(s, a, b);
  };
  for (const auto& [from, to] : *s.server.billed)
    add(static_cast<double>(from) / 1e6, static_cast<double>(to) / 1e6);
  if (s.server.billable_since >= 0) add(static_cast<double>(s.server.billable_since) / 1e6, t);
  return s.base * total;
}

bool exists_at(const Series& s, double t) {
  return static_cast<double>(s.server.created) / 1e6 <= t;
}

// Every series the query may read. A query pinned to servers builds theirs only, found by id,
// instead of five series for each of the world's servers at every step (4 s for a chart at 10,000
// servers) or a walk over all of them (20 ms at 100,000).
std::vector<Series> all_series(const World& world, std::string_view organization,
                               const std::optional<std::set<std::string, std::less<>>>& only,
                               const std::optional<std::set<std::string, std::less<>>>& metrics) {
  std::vector<Series> out;
  auto add = [&](const MeteredServer& m) {
    if (!organization.empty() && m.organization_id != organization) return;
    struct Spec {
      Kind kind;
      const char* name;
      const char* direction;
      double base;
    };
    const double load = 0.05 + 0.4 * unit_of(m.id, 1);
    const double traffic = 2e4 * std::pow(100.0, unit_of(m.id, 2));  // 20 kB/s .. 2 MB/s
    const double io = 1e4 * std::pow(50.0, unit_of(m.id, 3));
    const Spec specs[] = {
        {Kind::cpu, "instance_server_cpu_seconds_total", nullptr, m.ncpus * load},
        {Kind::net_rx, "instance_server_network_bytes_total", "rx", traffic},
        {Kind::net_tx, "instance_server_network_bytes_total", "tx", traffic * 0.6},
        {Kind::disk_read, "instance_server_disk_bytes_total", "read", io},
        {Kind::disk_write, "instance_server_disk_bytes_total", "write", io * 0.4}};
    for (const Spec& spec : specs) {
      if (metrics && !metrics->contains(std::string_view(spec.name))) continue;
      Series s;
      s.kind = spec.kind;
      s.server = m;
      s.base = spec.base;
      s.labels["__name__"] = spec.name;
      s.labels["resource_id"] = std::string(m.id);
      s.labels["resource_name"] = std::string(m.name);
      s.labels["zone"] = std::string(m.zone);
      if (spec.direction) s.labels["direction"] = spec.direction;
      for (int k = 0; k < 3; ++k)
        s.phase[k] = 2 * kPi * unit_of(m.id, 10 + static_cast<std::uint64_t>(spec.kind) * 3 + k);
      out.push_back(std::move(s));
    }
  };
  if (only) {
    for (const std::string& id : *only)
      if (const auto m = world.metered(id)) add(*m);
  } else {
    world.for_each_metered(add);
  }
  return out;
}

}  // namespace

double cpu_busy_share(std::string_view server_id, double t) {
  // The same load and waves as the server's instance_server_cpu_seconds_total: the rate of that
  // counter divided by the CPUs.
  const double load = 0.05 + 0.4 * unit_of(server_id, 1);
  double g = 1;
  for (int k = 0; k < 3; ++k)
    g += kAmplitude[k] *
         std::sin(kOmega[k] * t +
                  2 * kPi *
                      unit_of(server_id, 10 + static_cast<std::uint64_t>(Kind::cpu) * 3 +
                                             static_cast<std::uint64_t>(k)));
  return load * g;
}

namespace {

// ---- PromQL subset ------------------------------------------------------------------------------

struct Matcher {
  std::string label;
  enum class Op { eq, ne, re, nre } op = Op::eq;
  std::string value;
};

struct Node {
  enum class Type { selector, function, aggregate } type = Type::selector;
  std::string name;  // metric (selector), function, or aggregation operator
  std::vector<Matcher> matchers;
  double range = 0;  // seconds; > 0: a range selector
  std::vector<std::string> grouping;
  bool without = false;
  double parameter = 0;  // topk/bottomk's k
  std::unique_ptr<Node> arg;
};

// The metrics a query can only be about: when every selector in it names its metric, those
// names; otherwise nothing is known. (A fleet's CPU at 100,000 servers builds no disk series.)
std::optional<std::set<std::string, std::less<>>> named_metrics(const Node& node) {
  if (node.type != Node::Type::selector) {
    if (!node.arg) return std::set<std::string, std::less<>>{};
    return named_metrics(*node.arg);
  }
  if (node.name.empty()) return std::nullopt;
  return std::set<std::string, std::less<>>{node.name};
}

// The servers a query can only be about: when every selector in it pins resource_id="..." (a
// server's own charts), those ids; otherwise nothing is known (every server may match).
std::optional<std::set<std::string, std::less<>>> pinned_servers(const Node& node) {
  if (node.type != Node::Type::selector) {
    if (!node.arg) return std::set<std::string, std::less<>>{};
    return pinned_servers(*node.arg);
  }
  for (const Matcher& m : node.matchers)
    if (m.label == "resource_id" && m.op == Matcher::Op::eq)
      return std::set<std::string, std::less<>>{m.value};
  return std::nullopt;
}

// "a|b.*|.*c": alternatives of literals with .* wildcards; nullopt when the pattern uses more.
std::optional<std::vector<std::string>> simple_regex(std::string_view pattern) {
  std::vector<std::string> alternatives;
  std::string current;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '|') {
      alternatives.push_back(current);
      current.clear();
    } else if (c == '.' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      current += '\x01';  // any sequence
      ++i;
    } else if (c == '\\' && i + 1 < pattern.size()) {
      current += pattern[++i];
    } else if (std::string_view("()[]{}+?^$.*").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      current += c;
    }
  }
  alternatives.push_back(current);
  return alternatives;
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '\x01') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip)
      if (wildcard_match(pattern.substr(1), text.substr(skip))) return true;
    return false;
  }
  return !text.empty() && text.front() == pattern.front() &&
         wildcard_match(pattern.substr(1), text.substr(1));
}

bool matches(const Matcher& m, const Labels& labels) {
  auto it = labels.find(m.label);
  const std::string_view value = it == labels.end() ? std::string_view() : it->second;
  switch (m.op) {
    case Matcher::Op::eq:
      return value == m.value;
    case Matcher::Op::ne:
      return value != m.value;
    case Matcher::Op::re:
    case Matcher::Op::nre: {
      bool any = false;
      const auto alternatives = simple_regex(m.value);  // checked when parsed
      for (const std::string& alternative : alternatives.value_or(std::vector<std::string>{}))
        any = any || wildcard_match(alternative, value);
      return m.op == Matcher::Op::re ? any : !any;
    }
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::unique_ptr<Node> parse() {
    auto node = expression();
    skip_space();
    if (node && pos_ != text_.size())
      fail("unexpected \"" + std::string(text_.substr(pos_, 12)) + "\"");
    return error_.empty() ? std::move(node) : nullptr;
  }
  const std::string& error() const { return error_; }

 private:
  void fail(std::string message) {
    if (error_.empty()) error_ = "1:" + std::to_string(pos_ + 1) + ": parse error: " + message;
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string identifier() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == ':'))
      ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  std::optional<std::string> string_literal() {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) return std::nullopt;
    const char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) {
      fail("unterminated quoted string");
      return std::nullopt;
    }
    ++pos_;
    return out;
  }
  std::vector<std::string> label_list() {
    std::vector<std::string> labels;
    if (!eat('(')) {
      fail("expected ( after by/without");
      return labels;
    }
    while (!eat(')')) {
      if (pos_ >= text_.size()) {
        fail("unclosed left parenthesis");
        return labels;
      }
      labels.push_back(identifier());
      if (labels.back().empty()) {
        fail("expected a label name");
        return labels;
      }
      eat(',');
    }
    return labels;
  }

  // "(expr)" after a function or aggregation name; "(k, expr)" when `parameter` is asked for.
  std::unique_ptr<Node> argument(const std::string& after, double* parameter = nullptr) {
    if (!eat('(')) {
      fail("expected ( after " + after);
      return nullptr;
    }
    if (parameter) {
      skip_space();
      std::size_t digits = pos_;
      while (digits < text_.size() && std::isdigit(static_cast<unsigned char>(text_[digits])))
        ++digits;
      const std::optional<double> k = parse_number(text_.substr(pos_, digits - pos_));
      pos_ = digits;
      if (!k || !eat(',')) {
        fail("expected a number of series, then a comma, in " + after + "()");
        return nullptr;
      }
      *parameter = *k;
    }
    auto inner = expression();
    if (!inner) return nullptr;
    if (!eat(')')) {
      fail("unclosed left parenthesis");
      return nullptr;
    }
    return inner;
  }

  std::unique_ptr<Node> expression() {
    skip_space();
    const std::size_t start = pos_;
    std::string word = identifier();
    static constexpr std::string_view kAggregations[] = {"sum",   "avg",  "min",    "max",
                                                         "count", "topk", "bottomk"};
    static constexpr std::string_view kFunctions[] = {"rate", "irate", "increase"};
    const bool aggregation = std::find(std::begin(kAggregations), std::end(kAggregations), word) !=
                             std::end(kAggregations);
    const bool function =
        std::find(std::begin(kFunctions), std::end(kFunctions), word) != std::end(kFunctions);
    if (aggregation) {
      auto node = std::make_unique<Node>();
      node->type = Node::Type::aggregate;
      node->name = word;
      auto clause = [&] {
        skip_space();
        const std::size_t mark = pos_;
        const std::string keyword = identifier();
        if (keyword == "by" || keyword == "without") {
          node->without = keyword == "without";
          node->grouping = label_list();
        } else {
          pos_ = mark;
        }
      };
      clause();
      const bool ranked = word == "topk" || word == "bottomk";
      node->arg = argument(word, ranked ? &node->parameter : nullptr);
      if (!node->arg) return nullptr;
      clause();
      return node;
    }
    if (function) {
      auto node = std::make_unique<Node>();
      node->type = Node::Type::function;
      node->name = word;
      node->arg = argument(word);
      if (!node->arg) return nullptr;
      if (node->arg->range <= 0)
        fail("expected type range vector in call to function \"" + word + "\", got instant vector");
      return node;
    }
    // a selector
    auto node = std::make_unique<Node>();
    node->name = word;
    if (eat('{')) {
      while (!eat('}')) {
        if (pos_ >= text_.size()) {
          fail("unexpected end of input inside braces");
          return nullptr;
        }
        Matcher m;
        m.label = identifier();
        skip_space();
        if (text_.substr(pos_, 2) == "!=")
          m.op = Matcher::Op::ne, pos_ += 2;
        else if (text_.substr(pos_, 2) == "=~")
          m.op = Matcher::Op::re, pos_ += 2;
        else if (text_.substr(pos_, 2) == "!~")
          m.op = Matcher::Op::nre, pos_ += 2;
        else if (text_.substr(pos_, 1) == "=")
          m.op = Matcher::Op::eq, pos_ += 1;
        else {
          fail("unexpected character inside braces");
          return nullptr;
        }
        auto value = string_literal();
        if (!value || m.label.empty()) {
          fail("expected label matcher");
          return nullptr;
        }
        m.value = *value;
        if ((m.op == Matcher::Op::re || m.op == Matcher::Op::nre) && !simple_regex(m.value)) {
          fail("regular expression \"" + m.value +
               "\" uses more than alternation and .*, which "
               "this simulator does not evaluate");
          return nullptr;
        }
        node->matchers.push_back(std::move(m));
        eat(',');
      }
    }
    if (node->name.empty() && node->matchers.empty()) {
      pos_ = start;
      fail(pos_ < text_.size() ? "unexpected character: '" + std::string(1, text_[pos_]) + "'"
                               : "no expression found in input");
      return nullptr;
    }
    if (eat('[')) {
      skip_space();
      std::size_t digits = pos_;
      while (digits < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[digits])) || text_[digits] == '.'))
        ++digits;
      const std::optional<double> parsed = parse_number(text_.substr(pos_, digits - pos_));
      if (!parsed) {
        fail("bad duration");
        return nullptr;
      }
      const double number = *parsed;
      pos_ = digits;
      const char unit = pos_ < text_.size() ? text_[pos_++] : ' ';
      const double scale = unit == 's'   ? 1
                           : unit == 'm' ? 60
                           : unit == 'h' ? 3600
                           : unit == 'd' ? 86400
                                         : 0;
      if (scale == 0 || number <= 0 || !eat(']')) {
        fail("bad duration");
        return nullptr;
      }
      node->range = number * scale;
    }
    return node;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

// ---- evaluation ---------------------------------------------------------------------------------

struct Sample {
  Labels labels;
  double value;
};

std::vector<Sample> evaluate(const Node& node, const std::vector<Series>& series, double t) {
  std::vector<Sample> out;
  if (node.type == Node::Type::selector) {
    for (const Series& s : series) {
      if (!node.name.empty() && s.labels.at("__name__") != node.name) continue;
      if (!std::all_of(node.matchers.begin(), node.matchers.end(),
                       [&](const Matcher& m) { return matches(m, s.labels); }))
        continue;
      if (!exists_at(s, t)) continue;
      out.push_back({s.labels, counter_at(s, t)});
    }
    return out;
  }
  if (node.type == Node::Type::function) {
    const Node& selector = *node.arg;
    // irate: the last two scrapes (15 s apart); rate/increase: the window.
    const double window = node.name == "irate" ? 15.0 : selector.range;
    for (const Series& s : series) {
      if (!selector.name.empty() && s.labels.at("__name__") != selector.name) continue;
      if (!std::all_of(selector.matchers.begin(), selector.matchers.end(),
                       [&](const Matcher& m) { return matches(m, s.labels); }))
        continue;
      const double born = static_cast<double>(s.server.created) / 1e6;
      if (born > t - std::min(window, selector.range) / 2) continue;  // too few samples yet
      const double from = std::max(t - window, born);
      const double increase = counter_at(s, t) - counter_at(s, from);
      Labels labels = s.labels;
      labels.erase("__name__");
      out.push_back(
          {std::move(labels), node.name == "increase" ? increase : increase / (t - from)});
    }
    return out;
  }
  // topk/bottomk: the k largest (smallest) samples of each group, keeping their labels.
  if (node.name == "topk" || node.name == "bottomk") {
    const bool top = node.name == "topk";
    const auto k = static_cast<std::size_t>(std::max(0.0, node.parameter));
    std::map<Labels, std::vector<Sample>> ranked;
    for (Sample& sample : evaluate(*node.arg, series, t)) {
      Labels key;
      for (const std::string& label : node.grouping)
        if (auto it = sample.labels.find(label); it != sample.labels.end()) key.insert(*it);
      ranked[key].push_back(std::move(sample));
    }
    for (auto& [key, samples] : ranked) {
      const std::size_t keep = std::min(k, samples.size());
      std::partial_sort(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(keep),
                        samples.end(), [top](const Sample& a, const Sample& b) {
                          return top ? a.value > b.value : a.value < b.value;
                        });
      for (std::size_t i = 0; i < keep; ++i)
        out.push_back(std::move(samples[i]));
    }
    return out;
  }
  // aggregation
  std::map<Labels, std::pair<double, std::size_t>> groups;
  std::map<Labels, double> extreme;
  for (Sample& sample : evaluate(*node.arg, series, t)) {
    Labels key;
    if (node.without) {
      key = sample.labels;
      key.erase("__name__");
      for (const std::string& label : node.grouping)
        key.erase(label);
    } else {
      for (const std::string& label : node.grouping)
        if (auto it = sample.labels.find(label); it != sample.labels.end()) key.insert(*it);
    }
    auto& [sum, count] = groups[key];
    sum += sample.value;
    ++count;
    auto [it, fresh] = extreme.emplace(key, sample.value);
    if (!fresh)
      it->second = node.name == "min" ? std::min(it->second, sample.value)
                                      : std::max(it->second, sample.value);
  }
  for (const auto& [key, group] : groups) {
    double value = group.first;
    if (node.name == "avg") value = group.first / static_cast<double>(group.second);
    if (node.name == "count") value = static_cast<double>(group.second);
    if (node.name == "min" || node.name == "max") value = extreme.at(key);
    out.push_back({key, value});
  }
  return out;
}

// ---- Prometheus's JSON --------------------------------------------------------------------------

// Go's strconv.FormatFloat(v, 'f', -1, 64): digits that read back as the same double, never an
// exponent. The digits come from nlohmann's Grisu2 (what its dump() writes doubles with), in
// integer arithmetic: printf and strtod go through long double, which WebAssembly emulates in
// software (a 30-day chart took 87 ms to write that way). Emscripten's libc++ has no
// floating-point to_chars.
std::string prom_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return "0";
  char digits[32];
  int length = 0, exponent = 0;  // |v| = digits * 10^exponent
  nlohmann::detail::dtoa_impl::grisu2(digits, length, exponent, std::abs(v));
  const std::string_view all(digits, static_cast<std::size_t>(length));
  const int point = length + exponent;  // digits before the decimal point
  std::string out = v < 0 ? "-" : "";
  if (point <= 0)
    out.append("0.").append(static_cast<std::size_t>(-point), '0').append(all);
  else if (point >= length)
    out.append(all).append(static_cast<std::size_t>(point - length), '0');
  else
    out.append(all.substr(0, static_cast<std::size_t>(point)))
        .append(".")
        .append(all.substr(static_cast<std::size_t>(point)));
  return out;
}

// Seconds with at most milliseconds, as Prometheus writes them ("1795313450.926", "1795313430").
std::string prom_time(double t) {
  // In whole milliseconds, as integers (see prom_value on printf).
  const auto millis = static_cast<long long>(std::llround(t * 1000));
  const long long whole = millis / 1000, fraction = std::abs(millis % 1000);
  std::string out = (millis < 0 && whole == 0 ? "-" : "") + std::to_string(whole);
  if (fraction != 0) {
    std::string decimals = std::to_string(1000 + fraction).substr(1);  // "005" for 5
    while (decimals.back() == '0')
      decimals.pop_back();
    out += "." + decimals;
  }
  return out;
}

// A JSON string. Texts that quote the request (paths, queries) may be any bytes: invalid UTF-8 is
// replaced (U+FFFD) rather than allowed to break the JSON (found by tests/fuzz/router_fuzz).
std::string json_string(std::string_view text) {
  return model::Json(std::string(text)).dump(-1, ' ', false, model::Json::error_handler_t::replace);
}

std::string labels_json(const Labels& labels) {
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out += json_string(name) + ":" + json_string(value);
  }
  return out + "}";
}

// Prometheus accepts unix seconds ("1732262400.5") or RFC 3339.
std::optional<double> parse_time(std::string_view text) {
  if (auto value = parse_number(text)) return value;
  if (auto t = model::parse_timestamp(text)) return t->seconds();
  return std::nullopt;
}

std::optional<double> parse_step(std::string_view text) {
  if (auto seconds = parse_number(text)) return seconds;
  if (text.empty()) return std::nullopt;
  const char unit = text.back();
  const double scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
  const auto value = parse_number(text.substr(0, text.size() - 1));
  if (scale == 0 || !value) return std::nullopt;
  return *value * scale;
}

}  // namespace

api::Response prometheus_error(int status, std::string_view type, std::string_view message) {
  api::Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = "{\"status\":\"error\",\"errorType\":" + json_string(type) +
           ",\"error\":" + json_string(message) + "}";
  return r;
}

api::Response prometheus_answer(const World& world, std::string_view organization,
                                const api::Request& request, bool range) {
  std::string expr, time, start, end, step;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (name == "query")
      expr = value;
    else if (name == "time")
      time = value;
    else if (name == "start")
      start = value;
    else if (name == "end")
      end = value;
    else if (name == "step")
      step = value;
  }
  Parser parser(expr);
  const auto ast = parser.parse();
  if (!ast) return prometheus_error(400, "bad_data", parser.error());
  if (!range && ast->range > 0)
    return prometheus_error(
        400, "bad_data",
        "invalid expression type \"range vector\" for range query, must be Scalar or "
        "instant Vector");
  const double now = world.now().seconds();
  const std::vector<Series> series =
      all_series(world, organization, pinned_servers(*ast), named_metrics(*ast));

  if (!range) {
    std::optional<double> at = time.empty() ? std::optional<double>(now) : parse_time(time);
    if (!at)
      return prometheus_error(
          400, "bad_data",
          "invalid parameter \"time\": cannot parse \"" + time + "\" to a valid timestamp");
    std::string body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
    bool first = true;
    for (const Sample& sample : evaluate(*ast, series, std::min(*at, now))) {
      if (!first) body += ',';
      first = false;
      body += "{\"metric\":" + labels_json(sample.labels) + ",\"value\":[" + prom_time(*at) +
              ",\"" + prom_value(sample.value) + "\"]}";
    }
    body += "]}}";
    api::Response r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = std::move(body);
    return r;
  }

  const auto from = parse_time(start);
  const auto to = parse_time(end);
  const auto every = parse_step(step);
  if (!from)
    return prometheus_error(
        400, "bad_data",
        "invalid parameter \"start\": cannot parse \"" + start + "\" to a valid timestamp");
  if (!to)
    return prometheus_error(
        400, "bad_data",
        "invalid parameter \"end\": cannot parse \"" + end + "\" to a valid timestamp");
  if (!every || *every <= 0)
    return prometheus_error(
        400, "bad_data",
        "invalid parameter \"step\": zero or negative query resolution step widths "
        "are not accepted. Try a positive integer");
  if (*to < *from)
    return prometheus_error(
        400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time");
  if ((*to - *from) / *every > 11000)
    return prometheus_error(
        400, "bad_data",
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing "
        "the query resolution (?step=XX)");
  // Evaluate at each step (never beyond the simulated now), then pivot samples into series.
  using Matrix = std::map<Labels, std::vector<std::pair<double, double>>>;
  Matrix matrix;
  // A step's samples come in the order of the step before's: each position remembers its series,
  // so most samples find theirs with one comparison instead of a descent through label maps.
  std::vector<Matrix::iterator> series_at;
  std::size_t work = 0;
  for (double t = *from; t <= *to + 1e-9; t += *every) {
    if (t > now) break;
    std::size_t position = 0;
    for (Sample& sample : evaluate(*ast, series, t)) {
      if (position == series_at.size()) series_at.push_back(matrix.end());
      Matrix::iterator& target = series_at[position++];
      if (target == matrix.end() || target->first != sample.labels)
        target = matrix.try_emplace(std::move(sample.labels)).first;
      target->second.emplace_back(t, sample.value);
      if (++work > 5'000'000)
        return prometheus_error(422, "execution",
                                "query processing would load too many samples into memory");
    }
  }
  std::string body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[";
  bool first_series = true;
  for (const auto& [labels, points] : matrix) {
    if (!first_series) body += ',';
    first_series = false;
    body += "{\"metric\":" + labels_json(labels) + ",\"values\":[";
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (i) body += ',';
      body += "[" + prom_time(points[i].first) + ",\"" + prom_value(points[i].second) + "\"]";
    }
    body += "]}";
  }
  body += "]}}";
  api::Response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

}  // namespace metal::sim
