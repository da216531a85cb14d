#pragma once
// A type's fields() (model/fields.hpp) in a compact binary form, both ways: what the browser demo
// keeps its world in. The JSON of a 100,000-server world is ~100 MB and takes seconds to write and
// read in a worker; the same fields as bytes take a fraction of both. Fields are written in the
// order fields() names them, without names: the reader must describe the same type (the saved
// world carries its format and version first, and refuses others).
//
//   whole numbers  zigzag LEB128          bool   one byte, 0 or 1
//   double         8 bytes, little end    enum   its underlying value, as a whole number
//   string         length, then bytes     Timestamp  its microseconds
//   optional       one byte, then value   vector / map  count, then the elements / pairs
//   a model type coded by hand for JSON (model/server.hpp's images, NICs, references): its JSON
//   text, as a string. A world holds few of them; the per-server rows are all fields().

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/fields.hpp"
#include "model/json_decode.hpp"
#include "model/timestamp.hpp"

namespace metal::sim {

class BinaryFieldWriter {
 public:
  explicit BinaryFieldWriter(std::string& out) : out_(out) {}

  template <class T>
  void operator()(std::string_view, const T& member) {
    write(member);
  }

  void write(bool value) { out_ += static_cast<char>(value ? 1 : 0); }
  void write(double value) {
    std::uint64_t bits = 0;  // memcpy: Emscripten 3.1.6's libc++ has no std::bit_cast
    std::memcpy(&bits, &value, sizeof bits);
    for (int i = 0; i < 8; ++i)
      out_ += static_cast<char>((bits >> (8 * i)) & 0xff);
  }
  void write(const std::string& value) {
    write_count(value.size());
    out_.append(value);
  }
  void write(const model::Timestamp& value) { write_signed(value.micros); }
  template <class T>
  requires std::is_integral_v<T>
  void write(T value) { write_signed(static_cast<std::int64_t>(value)); }
  template <class T>
  requires std::is_enum_v<T>
  void write(T value) { write_signed(static_cast<std::int64_t>(value)); }
  template <class T>
  void write(const std::optional<T>& value) {
    write(value.has_value());
    if (value) write(*value);
  }
  template <class T>
  void write(const std::vector<T>& items) {
    write_count(items.size());
    for (const T& item : items)
      write(item);
  }
  template <class K, class V>
  void write(const std::map<K, V>& items) {
    write_count(items.size());
    for (const auto& [key, value] : items)
      write(key), write(value);
  }
  template <model::Described T>
  void write(const T& value) {
    fields(*this, value);
  }
  template <class T>
  requires(!model::Described<T> && requires(const T& t) { encode(t); }) void write(const T& value) {
    write(encode(value).dump(-1, ' ', false, model::Json::error_handler_t::replace));
  }

  void write_count(std::size_t count) { write_varint(count); }

 private:
  void write_varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }

  // Zigzag: small negative numbers (the -1s of "none") stay one byte. 64 bits wide everywhere
  // (std::size_t is 32 bits in WebAssembly).
  void write_signed(std::int64_t value) {
    write_varint((static_cast<std::uint64_t>(value) << 1) ^
                 static_cast<std::uint64_t>(value >> 63));
  }
  std::string& out_;
};

/// Reads what BinaryFieldWriter wrote, into a value of the same type. Never reads past the end,
/// never allocates more than the bytes left could describe; the first problem stops it and is
/// kept with the field it was found in.
class BinaryFieldReader {
 public:
  explicit BinaryFieldReader(std::string_view bytes)
      : at_(bytes.data()), end_(at_ + bytes.size()) {}

  template <class T>
  void operator()(std::string_view name, T& member) {
    if (failed()) return;
    field_ = name;
    read(member);
  }

  bool failed() const { return !problem_.empty(); }
  /// "truncated in 'plan'", or empty.
  const std::string& problem() const { return problem_; }
  bool at_end() const { return at_ == end_; }
  std::size_t left() const { return static_cast<std::size_t>(end_ - at_); }

  void read(bool& value) {
    std::uint8_t byte = 0;
    if (!take_byte(byte)) return;
    if (byte > 1) return fail("a bool that is neither 0 nor 1");
    value = byte == 1;
  }
  void read(double& value) {
    if (left() < 8) return fail("truncated");
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(at_[i])) << (8 * i);
    at_ += 8;
    std::memcpy(&value, &bits, sizeof value);
  }
  void read(std::string& value) {
    std::size_t size = 0;
    if (!read_count(size, 1)) return;
    value.assign(at_, size);
    at_ += size;
  }
  void read(model::Timestamp& value) { read_signed(value.micros); }
  template <class T>
  requires std::is_integral_v<T>
  void read(T& value) {
    std::int64_t wide = 0;
    if (!read_signed(wide)) return;
    if (!std::in_range<T>(wide)) return fail("a number out of range");
    value = static_cast<T>(wide);
  }
  template <class T>
  requires std::is_enum_v<T>
  void read(T& value) {
    std::underlying_type_t<T> underlying{};
    read(underlying);
    value = static_cast<T>(underlying);
  }
  template <class T>
  void read(std::optional<T>& value) {
    bool present = false;
    read(present);
    if (failed()) return;
    if (!present) {
      value.reset();
      return;
    }
    read(value.emplace());
  }
  template <class T>
  void read(std::vector<T>& items) {
    std::size_t count = 0;
    if (!read_count(count, 1)) return;
    items.clear();
    items.reserve(count);
    for (std::size_t i = 0; i < count && !failed(); ++i)
      read(items.emplace_back());
  }
  template <class K, class V>
  void read(std::map<K, V>& items) {
    std::size_t count = 0;
    if (!read_count(count, 2)) return;
    items.clear();
    for (std::size_t i = 0; i < count && !failed(); ++i) {
      K key{};
      read(key);
      read(items[std::move(key)]);
    }
  }
  template <model::Described T>
  void read(T& value) {
    const std::string_view outer = field_;
    fields(*this, value);
    if (!failed()) field_ = outer;
  }
  template <class T>
  requires(!model::Described<T> && requires(const T& t) { encode(t); }) void read(T& value) {
    std::string text;
    read(text);
    if (failed()) return;
    auto decoded = model::decode_text<T>(text);
    if (!decoded) return fail("a value that does not decode (" + decoded.error().to_string() + ")");
    value = std::move(decoded).value();
  }

  /// A count of things each at least `min_bytes` long: refused when the bytes left cannot hold
  /// them (so a damaged count cannot ask for gigabytes).
  bool read_count(std::size_t& count, std::size_t min_bytes) {
    std::uint64_t v = 0;
    if (!read_varint(v)) return false;
    if (v > left() / min_bytes) {
      fail("a count larger than the bytes left");
      return false;
    }
    count = static_cast<std::size_t>(v);
    return true;
  }

 private:
  bool take_byte(std::uint8_t& byte) {
    if (at_ == end_) {
      fail("truncated");
      return false;
    }
    byte = static_cast<std::uint8_t>(*at_++);
    return true;
  }
  bool read_varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t byte = 0;
      if (!take_byte(byte)) return false;
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return true;
    }
    fail("a number longer than 64 bits");
    return false;
  }
  bool read_signed(std::int64_t& value) {
    std::uint64_t zigzag = 0;
    if (!read_varint(zigzag)) return false;
    value = static_cast<std::int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
    return true;
  }
  void fail(std::string_view what) {
    if (failed()) return;
    problem_ = std::string(what) + " in '" + std::string(field_) + "'";
  }

  const char* at_;
  const char* end_;
  std::string_view field_ = "(start)";
  std::string problem_;
};

}  // namespace metal::sim
