#include "json_decode.hpp"
#include "model/decimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>

namespace metal::model {
namespace {

// No API body nests this deep; the one recursive reader refuses to go further.
constexpr int kMaxJsonDepth = 128;

// "a string", "an integer", ...; empty when the text there is not JSON at all.
std::string_view kind_of(JsonValue& value) {
  simdjson::ondemand::json_type type;
  if (value.type().get(type)) return {};
  switch (type) {
    case simdjson::ondemand::json_type::array:
      return "an array";
    case simdjson::ondemand::json_type::object:
      return "an object";
    case simdjson::ondemand::json_type::string:
      return "a string";
    case simdjson::ondemand::json_type::boolean:
      return "a boolean";
    case simdjson::ondemand::json_type::null:
      return "null";
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number_type number;
      if (!value.get_number_type().get(number) &&
          number == simdjson::ondemand::number_type::floating_point_number)
        return "a fractional number";
      return "an integer";
    }
  }
  return {};
}

}  // namespace

std::string DecodeError::to_string() const {
  return path.empty() ? message : path + ": " + message;
}

void Decoder::fail(std::string message) {
  if (!error_) error_ = DecodeError{path(), std::move(message)};
}

void Decoder::malformed(simdjson::error_code error) {
  fail(std::string("invalid JSON: ") + simdjson::error_message(error));
}

void Decoder::wrong(std::string_view expected, JsonValue& value, simdjson::error_code error) {
  if (failed()) return;
  if (error == simdjson::NUMBER_OUT_OF_RANGE) return fail("number out of range");
  if (error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR) {
    const std::string_view got = kind_of(value);
    if (!got.empty())
      return fail("expected " + std::string(expected) + ", got " + std::string(got));
    // No value there at all: the text is broken (often: truncated) at this point.
    return fail("invalid JSON: the text breaks off or is damaged here");
  }
  malformed(error);
}

std::string Decoder::path() const {
  std::string out;
  for (std::size_t i = 0; i < std::min(depth_, kMaxPath); ++i) {
    const Segment& s = path_[i];
    if (s.is_index) {
      out += '[';
      out += std::to_string(s.index);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += s.key;
    }
  }
  if (depth_ > kMaxPath) out += "...";
  return out;
}

void visit_members(Decoder& d, JsonValue& v, std::string_view expected, MemberVisitor visit,
                   void* context) {
  simdjson::ondemand::object object;
  if (auto error = v.get_object().get(object)) return d.wrong(expected, v, error);
  for (auto member : object) {
    simdjson::ondemand::field field;
    if (auto error = std::move(member).get(field)) return d.malformed(error);
    // Keys are plain ASCII in every API body: read them in place (simdjson has already checked
    // that the string is closed) and only unescape the rare key with a backslash.
    const char* raw = field.key().raw();
    const char* end = raw;
    while (*end != '"' && *end != '\\')
      ++end;
    std::string_view key(raw, static_cast<std::size_t>(end - raw));
    if (*end == '\\')
      if (auto error = field.unescaped_key().get(key)) return d.malformed(error);
    JsonValue value = field.value();
    auto scope = d.enter(key);
    visit(context, key, value);
    if (d.failed()) return;
  }
}

void visit_elements(Decoder& d, JsonValue& v, std::string_view expected, ElementVisitor visit,
                    void* context) {
  simdjson::ondemand::array array;
  if (auto error = v.get_array().get(array)) return d.wrong(expected, v, error);
  std::size_t index = 0;
  for (auto element : array) {
    auto scope = d.enter(index);
    JsonValue item;
    if (auto error = element.get(item)) return d.malformed(error);
    visit(context, index++, item);
    if (d.failed()) return;
  }
}

void read(Decoder& d, JsonValue v, std::string& out) {
  // Most strings the API sends have no escapes: copy them straight from the input (simdjson has
  // checked that the string is closed) rather than unescape them into a buffer and copy again.
  // The value is left unconsumed; the enclosing loop steps over it.
  const std::string_view token = v.raw_json_token();
  if (!token.empty() && token.front() == '"') {
    const char* begin = token.data() + 1;
    const char* end = begin;
    while (*end != '"' && *end != '\\')
      ++end;
    if (*end == '"') {
      out.assign(begin, end);
      return;
    }
  }
  std::string_view text;
  if (auto error = v.get_string().get(text)) return d.wrong("a string", v, error);
  out.assign(text);
}

void read(Decoder& d, JsonValue v, bool& out) {
  if (auto error = v.get_bool().get(out)) return d.wrong("a boolean", v, error);
}

namespace {
// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; returns the length read.
std::size_t json_number_length(const char* p) {
  const char* const begin = p;
  auto digits = [&p] {
    const char* start = p;
    while (*p >= '0' && *p <= '9')
      ++p;
    return p != start;
  };
  if (*p == '-') ++p;
  if (*p == '0') {
    ++p;
  } else if (!digits()) {
    return 0;
  }
  if (*p == '.' && (++p, !digits())) return 0;
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    if (!digits()) return 0;
  }
  // "1.5.3", "12abc": one token for the parser, but no number.
  switch (*p) {
    case ',':
    case '}':
    case ']':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\0':
      return static_cast<std::size_t>(p - begin);
    default:
      return 0;
  }
}
}  // namespace

// Fractions are read by parse_decimal (exact, strtod behind its fast path) rather than simdjson's
// number parser, whose table of powers of five alone weighs ~8 KB gzip of the web bundle.
void read(Decoder& d, JsonValue v, double& out) {
  simdjson::ondemand::json_type kind;
  if (auto error = v.type().get(kind)) return d.wrong("a number", v, error);
  if (kind != simdjson::ondemand::json_type::number)
    return d.wrong("a number", v, simdjson::INCORRECT_TYPE);
  // The token is followed by a delimiter, white space or the input's padding: strtod stops there.
  const std::string_view token = v.raw_json_token();
  const std::size_t length = json_number_length(token.data());
  if (length == 0) return d.wrong("a number", v, simdjson::NUMBER_ERROR);
  const auto x = parse_decimal(token.substr(0, length));
  if (!x) return d.wrong("a number", v, simdjson::NUMBER_ERROR);
  if (!std::isfinite(*x)) return d.fail("number out of range");
  out = *x;
}

namespace {
template <class Int>
void read_integer(Decoder& d, JsonValue& v, Int& out) {
  // The common case first: an integer in range, read once. Anything else is looked at again
  // below to say exactly what was wrong.
  if constexpr (std::is_signed_v<Int>) {
    std::int64_t i = 0;
    if (!v.get_int64().get(i) && i >= static_cast<std::int64_t>(std::numeric_limits<Int>::min()) &&
        i <= static_cast<std::int64_t>(std::numeric_limits<Int>::max())) {
      out = static_cast<Int>(i);
      return;
    }
  } else {
    std::uint64_t u = 0;
    if (!v.get_uint64().get(u) && u <= std::numeric_limits<Int>::max()) {
      out = static_cast<Int>(u);
      return;
    }
  }
  simdjson::ondemand::json_type kind;
  if (auto error = v.type().get(kind)) return d.wrong("a number", v, error);
  if (kind != simdjson::ondemand::json_type::number)
    return d.wrong("a number", v, simdjson::INCORRECT_TYPE);
  simdjson::ondemand::number_type type;
  if (auto error = v.get_number_type().get(type)) return d.wrong("a number", v, error);
  if (type == simdjson::ondemand::number_type::floating_point_number)
    return d.fail("expected an integer, got a fractional number");
  if (type == simdjson::ondemand::number_type::unsigned_integer) {
    std::uint64_t u = 0;
    if (auto error = v.get_uint64().get(u)) return d.wrong("a number", v, error);
    if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))
      return d.fail("number " + std::to_string(u) + " is out of range");
    out = static_cast<Int>(u);
    return;
  }
  std::int64_t i = 0;
  if (auto error = v.get_int64().get(i)) return d.wrong("a number", v, error);
  if (i < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
      (i > 0 && static_cast<std::uint64_t>(i) > std::numeric_limits<Int>::max()))
    return d.fail("number " + std::to_string(i) + " is out of range");
  out = static_cast<Int>(i);
}
}  // namespace

void read(Decoder& d, JsonValue v, std::int64_t& out) {
  read_integer(d, v, out);
}
void read(Decoder& d, JsonValue v, std::uint64_t& out) {
  read_integer(d, v, out);
}
void read(Decoder& d, JsonValue v, int& out) {
  read_integer(d, v, out);
}

void read(Decoder& d, JsonValue v, Json& out) {
  if (d.depth >= kMaxJsonDepth)
    return d.fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  simdjson::ondemand::json_type type;
  if (auto error = v.type().get(type)) return d.malformed(error);
  switch (type) {
    case simdjson::ondemand::json_type::object:
      out = Json::object();
      ++d.depth;
      for_each_member(d, v, "an object", [&](std::string_view key, JsonValue& value) {
        read(d, value, out[std::string(key)]);
      });
      --d.depth;
      return;
    case simdjson::ondemand::json_type::array:
      out = Json::array();
      ++d.depth;
      for_each_element(d, v, "an array",
                       [&](std::size_t, JsonValue& item) { read(d, item, out.emplace_back()); });
      --d.depth;
      return;
    case simdjson::ondemand::json_type::string: {
      std::string text;
      read(d, v, text);
      out = std::move(text);
      return;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b = false;
      read(d, v, b);
      out = b;
      return;
    }
    case simdjson::ondemand::json_type::null:
      out = nullptr;
      return;
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number_type number;
      if (auto error = v.get_number_type().get(number)) return d.malformed(error);
      if (number == simdjson::ondemand::number_type::signed_integer) {
        std::int64_t i = 0;
        read(d, v, i);
        out = i;
      } else if (number == simdjson::ondemand::number_type::unsigned_integer) {
        std::uint64_t u = 0;
        read(d, v, u);
        out = u;
      } else {
        double x = 0;
        read(d, v, x);
        out = x;
      }
      return;
    }
  }
}

namespace detail {

Expected<bool, DecodeError> decode_root(std::string_view text, std::size_t readable,
                                        void (*read_root)(Decoder&, JsonValue, void*), void* out) {
  // One parser per thread: its buffers grow to the largest body seen and are reused.
  thread_local simdjson::ondemand::parser parser;
  // simdjson reads a few bytes past the end (what is there does not matter): without that much
  // room, it reads its own padded copy of the text.
  std::optional<simdjson::padded_string> copy;
  if (readable < text.size() + simdjson::SIMDJSON_PADDING) copy.emplace(text);
  const simdjson::padded_string_view input =
      copy ? simdjson::padded_string_view(*copy)
           : simdjson::padded_string_view(text.data(), text.size(), readable);
  Decoder d;
  simdjson::ondemand::document document;
  if (auto error = parser.iterate(input).get(document)) {
    d.malformed(error);
    return Unexpected{d.error()};
  }
  JsonValue root;
  if (auto error = document.get_value().get(root)) {
    simdjson::ondemand::json_type type;
    if (error == simdjson::SCALAR_DOCUMENT_AS_VALUE && !document.type().get(type))
      d.fail("expected a JSON object, got a bare value");
    else if (error == simdjson::SCALAR_DOCUMENT_AS_VALUE)
      d.fail("invalid JSON: this is not JSON (an HTML error page?)");
    else
      d.malformed(error);
    return Unexpected{d.error()};
  }
  read_root(d, root, out);
  if (d.failed()) return Unexpected{d.error()};
  // Past the root, the text must end: anything left is a second document or garbage.
  const char* rest = nullptr;
  if (!document.current_location().get(rest)) {
    d.fail("invalid JSON: unexpected content after the document");
    return Unexpected{d.error()};
  }
  return true;
}

}  // namespace detail
}  // namespace metal::model
