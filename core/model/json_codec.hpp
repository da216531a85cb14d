#pragma once
// JSON <-> plain structs. Decoding streams through the text with simdjson On-Demand (no document
// tree is built) and records the first problem with its path ("servers[3].volumes.0.size:
// expected a number, got a string"); it never throws, so a bad API body becomes a message for
// the user, not a crash. Encoding builds nlohmann::json values, where convenience wins.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "expected.hpp"

namespace metal::model {

using Json = nlohmann::json;
using JsonValue = simdjson::ondemand::value;

struct DecodeError {
  std::string path;     // "servers[3].volumes.0.size"; empty for the document itself
  std::string message;  // "expected a number, got a string"
  std::string to_string() const;
};

class Decoder {
 public:
  bool failed() const { return error_.has_value(); }
  const DecodeError& error() const { return *error_; }

  /// Records a problem at the current path; only the first one is kept (later ones follow from it).
  void fail(std::string message);
  /// A value of the wrong kind, or malformed JSON where a value was expected.
  void wrong(std::string_view expected, JsonValue& value, simdjson::error_code error);
  /// The text itself is broken (truncated, not JSON...).
  void malformed(simdjson::error_code error);

  /// RAII path segment: `auto scope = decoder.enter("volumes");`
  class Scope {
   public:
    explicit Scope(Decoder& decoder) : decoder_(decoder) {}
    ~Scope() { --decoder_.depth_; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Decoder& decoder_;
  };
  // Entered once per member of every object decoded: inline, and no allocation.
  [[nodiscard]] Scope enter(std::string_view key) {
    if (depth_ < kMaxPath) path_[depth_] = Segment{key, 0, false};
    ++depth_;
    return Scope(*this);
  }
  [[nodiscard]] Scope enter(std::size_t index) {
    if (depth_ < kMaxPath) path_[depth_] = Segment{{}, index, true};
    ++depth_;
    return Scope(*this);
  }

  std::string path() const;
  /// Guards the one recursive reader (arbitrary JSON kept as is) against absurd nesting.
  int depth = 0;

 private:
  // Keys are views into the parser's buffers (or string literals), valid while a decode runs:
  // entering a field costs no allocation; text is only built for an error.
  struct Segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };
  // Deeper paths (only absurd bodies have them) are cut short with "..." in messages.
  static constexpr std::size_t kMaxPath = 48;
  Segment path_[kMaxPath];
  std::size_t depth_ = 0;
  std::optional<DecodeError> error_;
};

// ---- readers: one overload per kind of value --------------------------------------------------

void read(Decoder& d, JsonValue v, std::string& out);
void read(Decoder& d, JsonValue v, bool& out);
void read(Decoder& d, JsonValue v, double& out);
void read(Decoder& d, JsonValue v, std::int64_t& out);
void read(Decoder& d, JsonValue v, std::uint64_t& out);
void read(Decoder& d, JsonValue v, int& out);
/// Keeps any JSON value as it is (for fields the console shows but does not interpret).
void read(Decoder& d, JsonValue v, Json& out);

/// Structs provide `bool decode_field(Decoder&, std::string_view key, JsonValue, T&)` (false for
/// keys they do not know, which are skipped) and may provide `required_fields(const T*)`.
template <class T>
concept DecodableObject = requires(Decoder& d, std::string_view k, JsonValue v, T& t) {
  { decode_field(d, k, v, t) } -> std::same_as<bool>;
};

inline std::span<const std::string_view> required_fields(const void*) {
  return {};
}

/// In a decode_field: reads `value` into `member` when `key` is `name`.
///   return take(d, key, "id", value, out.id) || take(d, key, "name", value, out.name);
/// `name` is a literal: its length is known at compile time, so the (many) keys that do not
/// match cost one comparison of sizes, not a strlen and a memcmp (measured: strlen alone was a
/// quarter of the web build's decode time).
template <class T, std::size_t N>
bool take(Decoder& d, std::string_view key, const char (&name)[N], JsonValue& value, T& member) {
  if (key.size() != N - 1 || std::char_traits<char>::compare(key.data(), name, N - 1) != 0)
    return false;
  read(d, value, member);
  return true;
}

// The loops over members and elements exist once, in json_codec.cpp (simdjson's iteration code is
// large and always inlined: one copy per type cost the web bundle kilobytes); each caller passes
// its body through a function pointer.
using MemberVisitor = void (*)(void* context, std::string_view key, JsonValue& value);
using ElementVisitor = void (*)(void* context, std::size_t index, JsonValue& value);
void visit_members(Decoder& d, JsonValue& v, std::string_view expected, MemberVisitor visit,
                   void* context);
void visit_elements(Decoder& d, JsonValue& v, std::string_view expected, ElementVisitor visit,
                    void* context);

/// Calls f(key, value) for each member of the object `v`, inside the member's path; stops at the
/// first problem. `expected` names what `v` should be, for the message when it is not an object.
template <class F>
void for_each_member(Decoder& d, JsonValue& v, std::string_view expected, F&& f) {
  visit_members(
      d, v, expected,
      [](void* context, std::string_view key, JsonValue& value) {
        (*static_cast<std::remove_reference_t<F>*>(context))(key, value);
      },
      &f);
}

/// Calls f(index, value) for each element of the array `v`, inside the element's path.
template <class F>
void for_each_element(Decoder& d, JsonValue& v, std::string_view expected, F&& f) {
  visit_elements(
      d, v, expected,
      [](void* context, std::size_t index, JsonValue& value) {
        (*static_cast<std::remove_reference_t<F>*>(context))(index, value);
      },
      &f);
}

template <DecodableObject T>
void read(Decoder& d, JsonValue v, T& out) {
  const auto required = required_fields(&out);
  std::uint32_t seen = 0;  // bit per required field
  for_each_member(d, v, "an object", [&](std::string_view key, JsonValue& value) {
    for (std::size_t i = 0; i < required.size(); ++i)
      if (required[i] == key) seen |= 1u << i;
    decode_field(d, key, value, out);
  });
  if (d.failed()) return;
  for (std::size_t i = 0; i < required.size(); ++i)
    if (!(seen & (1u << i))) {
      auto scope = d.enter(required[i]);
      return d.fail("missing");
    }
}

template <class T>
void read(Decoder& d, JsonValue v, std::optional<T>& out) {
  bool is_null = false;
  if (auto error = v.is_null().get(is_null)) return d.malformed(error);
  if (is_null) {
    out.reset();
    return;
  }
  T value{};
  read(d, v, value);
  out = std::move(value);
}

/// A field of a partial update where null means "clear it": absent (leave it), null, or a value.
/// (A plain optional cannot tell null from absent.)
template <class T>
struct Nullable {
  bool present = false;
  std::optional<T> value;
};
template <class T>
void read(Decoder& d, JsonValue v, Nullable<T>& out) {
  out.present = true;
  read(d, v, out.value);
}

template <class T>
void read(Decoder& d, JsonValue v, std::vector<T>& out) {
  out.clear();
  for_each_element(d, v, "an array",
                   [&](std::size_t, JsonValue& item) { read(d, item, out.emplace_back()); });
}

template <class T>
void read(Decoder& d, JsonValue v, std::map<std::string, T>& out) {
  out.clear();
  for_each_member(d, v, "an object", [&](std::string_view key, JsonValue& value) {
    read(d, value, out[std::string(key)]);
  });
}

/// Decodes a whole document into T. Declared here, defined in json_decode.hpp: each resource's
/// .cpp instantiates the decoders of its types, so the hot loops are compiled where the model
/// decides how (for speed, in the web build), not in every caller.
/// `readable` bytes from text.data() may be read: simdjson reads up to SIMDJSON_PADDING past the
/// text's end (what is there does not matter); with less room (0: none), the text is copied first.
template <class T>
Expected<T, DecodeError> decode_text(std::string_view text, std::size_t readable = 0);

/// The same, read where the body lies: only its capacity grows (when it has less than simdjson's
/// padding to spare), its text is unchanged. A body with room to spare (the simulator's pages,
/// most HTTP bodies) then needs no padded copy: 230 KB a page, 0.1 s of a 100,000-server load.
template <class T>
Expected<T, DecodeError> decode_body(std::string& body) {
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  return decode_text<T>(body, body.capacity());
}

// ---- writers ----------------------------------------------------------------------------------

inline Json to_json(const std::string& v) {
  return v;
}
inline Json to_json(bool v) {
  return v;
}
inline Json to_json(double v) {
  return v;
}
inline Json to_json(std::int64_t v) {
  return v;
}
inline Json to_json(std::uint64_t v) {
  return v;
}
inline Json to_json(int v) {
  return v;
}
inline Json to_json(const Json& v) {
  return v;
}

/// Structs provide `Json encode(const T&)`, found by ADL.
template <class T>
requires requires(const T& t) {
  { encode(t) } -> std::same_as<Json>;
}
Json to_json(const T& v) {
  return encode(v);
}

template <class T>
Json to_json(const std::optional<T>& v) {
  return v ? to_json(*v) : Json(nullptr);
}

template <class T>
Json to_json(const std::vector<T>& v) {
  Json out = Json::array();
  for (const T& item : v)
    out.push_back(to_json(item));
  return out;
}

template <class T>
Json to_json(const std::map<std::string, T>& v) {
  Json out = Json::object();
  for (const auto& [key, item] : v)
    out[key] = to_json(item);
  return out;
}

}  // namespace metal::model
