#pragma once
// JSON <-> plain structs. Decoding walks a parsed document and records the first problem with
// its path ("servers[3].volumes.0.size: expected a number, got a string"); it never throws,
// so a bad API body becomes a message for the user, not a crash.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "expected.hpp"

namespace metal::model {

using Json = nlohmann::json;

struct DecodeError {
  std::string path;     // "servers[3].volumes.0.size"; empty for the document itself
  std::string message;  // "expected a number, got a string"
  std::string to_string() const;
};

/// Parses text as JSON; a syntax error names the byte offset and what was found there.
Expected<Json, DecodeError> parse_json(std::string_view text);

/// "a string", "an object", ... for messages.
std::string_view json_kind(const Json& value);

class Decoder {
 public:
  bool failed() const { return error_.has_value(); }
  const DecodeError& error() const { return *error_; }

  /// Records a problem at the current path; only the first one is kept (later ones follow from it).
  void fail(std::string message);
  void expected(std::string_view what, const Json& got);

  /// RAII path segment: `auto scope = decoder.enter("volumes");`
  class Scope {
   public:
    explicit Scope(Decoder& decoder) : decoder_(decoder) {}
    ~Scope() { decoder_.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Decoder& decoder_;
  };
  [[nodiscard]] Scope enter(std::string_view key);
  [[nodiscard]] Scope enter(std::size_t index);

  std::string path() const;

 private:
  struct Segment {
    std::string key;
    std::size_t index = 0;
    bool is_index = false;
  };
  std::vector<Segment> path_;
  std::optional<DecodeError> error_;
};

// ---- readers: one overload per kind of value --------------------------------------------------

void read(Decoder& d, const Json& v, std::string& out);
void read(Decoder& d, const Json& v, bool& out);
void read(Decoder& d, const Json& v, double& out);
void read(Decoder& d, const Json& v, std::int64_t& out);
void read(Decoder& d, const Json& v, std::uint64_t& out);
void read(Decoder& d, const Json& v, int& out);
/// Keeps any JSON value as it is (for fields the console shows but does not interpret).
void read(Decoder& d, const Json& v, Json& out);

/// Structs provide `void decode(Decoder&, const Json& object, T&)`, found by ADL.
template <class T>
requires requires(Decoder& d, const Json& j, T& t) {
  decode(d, j, t);
}
void read(Decoder& d, const Json& v, T& out) {
  if (!v.is_object()) return d.expected("an object", v);
  decode(d, v, out);
}

template <class T>
void read(Decoder& d, const Json& v, std::optional<T>& out) {
  if (v.is_null()) {
    out.reset();
    return;
  }
  T value{};
  read(d, v, value);
  out = std::move(value);
}

template <class T>
void read(Decoder& d, const Json& v, std::vector<T>& out) {
  if (!v.is_array()) return d.expected("an array", v);
  out.clear();
  out.reserve(v.size());
  std::size_t i = 0;
  for (const Json& item : v) {
    auto scope = d.enter(i++);
    read(d, item, out.emplace_back());
    if (d.failed()) return;
  }
}

template <class T>
void read(Decoder& d, const Json& v, std::map<std::string, T>& out) {
  if (!v.is_object()) return d.expected("an object", v);
  out.clear();
  for (auto it = v.begin(); it != v.end(); ++it) {
    auto scope = d.enter(it.key());
    read(d, it.value(), out[it.key()]);
    if (d.failed()) return;
  }
}

/// An optional member: absent leaves `out` as it is; present is read with its path.
template <class T>
void field(Decoder& d, const Json& object, std::string_view key, T& out) {
  if (d.failed()) return;
  auto it = object.find(key);
  if (it == object.end()) return;
  auto scope = d.enter(key);
  read(d, *it, out);
}

/// A member the API always sends; its absence is an error that names it.
template <class T>
void required(Decoder& d, const Json& object, std::string_view key, T& out) {
  if (d.failed()) return;
  auto it = object.find(key);
  if (it == object.end()) {
    auto scope = d.enter(key);
    return d.fail("missing");
  }
  auto scope = d.enter(key);
  read(d, *it, out);
}

/// Decodes a whole document into T (which provides `decode`).
template <class T>
Expected<T, DecodeError> decode_document(const Json& document) {
  Decoder d;
  T value{};
  read(d, document, value);
  if (d.failed()) return Unexpected{d.error()};
  return value;
}

template <class T>
Expected<T, DecodeError> decode_text(std::string_view text) {
  auto document = parse_json(text);
  if (!document) return Unexpected{document.error()};
  return decode_document<T>(*document);
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
