#pragma once
// One list of fields per resource, read both ways: a type describes itself once,
//   template <class V, class S> requires Of<S, Image> void fields(V& v, S& x) { v("id", x.id); ...
//   }
// and gets decode_field() and encode() from it. (The server, decoded by the hundred thousand, keeps
// a hand-written dispatch in server.cpp.)

#include <string>
#include <string_view>
#include <type_traits>

#include "json_codec.hpp"

namespace metal::model {

/// S is T, const or not: lets one `fields` serve the reader (T&) and the writer (const T&).
template <class S, class T>
concept Of = std::is_same_v<std::remove_const_t<S>, T>;

struct FieldReader {
  Decoder& d;
  std::string_view key;
  JsonValue& value;
  bool matched = false;
  template <class T, std::size_t N>
  void operator()(const char (&name)[N], T& member) {  // a literal: see take()
    if (matched || key.size() != N - 1 ||
        std::char_traits<char>::compare(key.data(), name, N - 1) != 0)
      return;
    matched = true;
    read(d, value, member);
  }
};

struct FieldWriter {
  Json& out;
  template <class T>
  void operator()(std::string_view name, const T& member) {
    out[std::string(name)] = to_json(member);
  }
};

template <class T>
concept Described = requires(FieldWriter& w, const T& t) {
  fields(w, t);
};

template <Described T>
bool decode_field(Decoder& d, std::string_view key, JsonValue v, T& out) {
  FieldReader reader{d, key, v};
  fields(reader, out);
  return reader.matched;
}

template <Described T>
Json encode(const T& x) {
  Json out = Json::object();
  FieldWriter writer{out};
  fields(writer, x);
  return out;
}

}  // namespace metal::model
