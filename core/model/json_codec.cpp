#include "json_codec.hpp"

#include <limits>

namespace metal::model {
namespace {

// Deeper documents are refused before they can exhaust the stack: no API body nests this far.
constexpr std::size_t kMaxJsonDepth = 128;

// Builds the DOM through nlohmann's own SAX DOM builder, adding a depth limit and keeping the
// parser's message instead of throwing it.
class BoundedDomBuilder {
 public:
  explicit BoundedDomBuilder(Json& root) : builder_(root, /*allow_exceptions=*/false) {}

  bool null() { return builder_.null(); }
  bool boolean(bool v) { return builder_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return builder_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return builder_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) {
    return builder_.number_float(v, s);
  }
  bool string(Json::string_t& v) { return builder_.string(v); }
  bool binary(Json::binary_t& v) { return builder_.binary(v); }
  bool key(Json::string_t& v) { return builder_.key(v); }
  bool start_object(std::size_t n) { return descend() && builder_.start_object(n); }
  bool end_object() {
    --depth_;
    return builder_.end_object();
  }
  bool start_array(std::size_t n) { return descend() && builder_.start_array(n); }
  bool end_array() {
    --depth_;
    return builder_.end_array();
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Exception& ex) {
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
    if (auto close = what.find("] ");
        what.starts_with("[json.exception") && close != std::string::npos)
      what.erase(0, close + 2);
    message_ = "invalid JSON (byte " + std::to_string(position) + "): " + what;
    return false;
  }

  const std::string& message() const { return message_; }

 private:
  bool descend() {
    if (++depth_ > kMaxJsonDepth) {
      message_ = "invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;
    }
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<Json> builder_;
  std::size_t depth_ = 0;
  std::string message_;
};

}  // namespace

std::string DecodeError::to_string() const {
  return path.empty() ? message : path + ": " + message;
}

Expected<Json, DecodeError> parse_json(std::string_view text) {
  Json root;
  BoundedDomBuilder builder(root);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &builder);
  if (!ok || root.is_discarded()) {
    std::string message = builder.message();
    if (message.empty()) message = "invalid JSON";
    return Unexpected{DecodeError{"", std::move(message)}};
  }
  return root;
}

std::string_view json_kind(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::binary:
      return "binary data";
    case Json::value_t::discarded:
      break;
  }
  return "nothing";
}

void Decoder::fail(std::string message) {
  if (!error_) error_ = DecodeError{path(), std::move(message)};
}

void Decoder::expected(std::string_view what, const Json& got) {
  if (failed()) return;
  fail("expected " + std::string(what) + ", got " + std::string(json_kind(got)));
}

Decoder::Scope Decoder::enter(std::string_view key) {
  path_.push_back(Segment{std::string(key), 0, false});
  return Scope(*this);
}

Decoder::Scope Decoder::enter(std::size_t index) {
  path_.push_back(Segment{{}, index, true});
  return Scope(*this);
}

std::string Decoder::path() const {
  std::string out;
  for (const Segment& s : path_) {
    if (s.is_index) {
      out += '[';
      out += std::to_string(s.index);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += s.key;
    }
  }
  return out;
}

void read(Decoder& d, const Json& v, std::string& out) {
  if (const auto* s = v.get_ptr<const Json::string_t*>()) {
    out = *s;
    return;
  }
  d.expected("a string", v);
}

void read(Decoder& d, const Json& v, bool& out) {
  if (const auto* b = v.get_ptr<const Json::boolean_t*>()) {
    out = *b;
    return;
  }
  d.expected("a boolean", v);
}

void read(Decoder& d, const Json& v, double& out) {
  if (const auto* f = v.get_ptr<const Json::number_float_t*>()) {
    out = *f;
  } else if (const auto* i = v.get_ptr<const Json::number_integer_t*>()) {
    out = static_cast<double>(*i);
  } else if (const auto* u = v.get_ptr<const Json::number_unsigned_t*>()) {
    out = static_cast<double>(*u);
  } else {
    d.expected("a number", v);
  }
}

namespace {
template <class Int>
void read_integer(Decoder& d, const Json& v, Int& out) {
  if (const auto* u = v.get_ptr<const Json::number_unsigned_t*>()) {
    if (*u <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
      out = static_cast<Int>(*u);
      return;
    }
    return d.fail("number " + std::to_string(*u) + " is out of range");
  }
  if (const auto* i = v.get_ptr<const Json::number_integer_t*>()) {
    if (*i >= static_cast<std::int64_t>(std::numeric_limits<Int>::min()) &&
        (*i < 0 || static_cast<std::uint64_t>(*i) <= std::numeric_limits<Int>::max())) {
      out = static_cast<Int>(*i);
      return;
    }
    return d.fail("number " + std::to_string(*i) + " is out of range");
  }
  if (v.is_number_float()) return d.fail("expected an integer, got a fractional number");
  d.expected("a number", v);
}
}  // namespace

void read(Decoder& d, const Json& v, std::int64_t& out) {
  read_integer(d, v, out);
}
void read(Decoder& d, const Json& v, std::uint64_t& out) {
  read_integer(d, v, out);
}
void read(Decoder& d, const Json& v, int& out) {
  read_integer(d, v, out);
}
void read(Decoder& /*d*/, const Json& v, Json& out) {
  out = v;
}

}  // namespace metal::model
