#include "api/wire.hpp"

#include <cstring>
#include <type_traits>

namespace metal::api::wire {
namespace {

// One byte names the frame; the order of the variant's alternatives.
constexpr std::uint8_t kKinds = std::variant_size_v<Frame>;
// Bounds that a frame from a confused peer cannot make us allocate past.
constexpr std::uint32_t kMaxHeaders = 512;
constexpr std::uint32_t kMaxZones = 1024;

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
      out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void bytes(std::string_view text) {
    u32(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  void headers(const Headers& headers) {
    u32(static_cast<std::uint32_t>(headers.size()));
    for (const auto& [name, value] : headers) {
      bytes(name);
      bytes(value);
    }
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view& in) : in_(in) {}
  const std::string& problem() const { return problem_; }
  bool failed() const { return !problem_.empty(); }

  std::uint8_t u8(const char* what) {
    if (!need(1, what)) return 0;
    const auto v = static_cast<std::uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return v;
  }
  std::uint32_t u32(const char* what) {
    if (!need(4, what)) return 0;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in_[static_cast<std::size_t>(i)]))
           << (8 * i);
    in_.remove_prefix(4);
    return v;
  }
  std::uint64_t u64(const char* what) {
    if (!need(8, what)) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[static_cast<std::size_t>(i)]))
           << (8 * i);
    in_.remove_prefix(8);
    return v;
  }
  std::int64_t i64(const char* what) { return static_cast<std::int64_t>(u64(what)); }
  bool flag(const char* what) {
    const std::uint8_t v = u8(what);
    if (v > 1) fail(std::string(what) + " is " + std::to_string(v) + ", not 0 or 1");
    return v == 1;
  }
  double f64(const char* what) {
    const std::uint64_t bits = u64(what);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string bytes(const char* what) {
    const std::uint32_t size = u32(what);
    if (failed() || !need(size, what)) return {};
    std::string out;
    // Room for simdjson's padding: a JSON body is then decoded where it lies, not copied first.
    out.reserve(size + 64);
    out.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return out;
  }
  Headers headers() {
    const std::uint32_t count = u32("the header count");
    if (count > kMaxHeaders) fail("a frame with " + std::to_string(count) + " headers");
    Headers out;
    for (std::uint32_t i = 0; i < count && !failed(); ++i) {
      std::string name = bytes("a header's name");
      std::string value = bytes("a header's value");
      out.emplace_back(std::move(name), std::move(value));
    }
    return out;
  }
  void fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }

 private:
  bool need(std::size_t size, const char* what) {
    if (failed()) return false;
    if (in_.size() >= size) return true;
    fail(std::string("the frame ends inside ") + what + " (" + std::to_string(size) +
         " bytes needed, " + std::to_string(in_.size()) + " left)");
    return false;
  }

  std::string_view& in_;
  std::string problem_;
};

struct Encode {
  Writer& w;
  void operator()(const RequestFrame& f) const {
    w.u64(f.id);
    w.u8(static_cast<std::uint8_t>(f.request.method));
    w.bytes(f.request.target);
    w.headers(f.request.headers);
    w.bytes(f.request.body);
  }
  void operator()(const ResponseFrame& f) const {
    w.u64(f.id);
    w.u32(static_cast<std::uint32_t>(f.response.status));
    w.bytes(f.response.network_error);
    w.headers(f.response.headers);
    w.bytes(f.response.body);
  }
  void operator()(const CancelFrame& f) const { w.u64(f.id); }
  void operator()(const SerialOpenFrame& f) const {
    w.u64(f.socket);
    w.bytes(f.zone);
  }
  void operator()(const SerialDataFrame& f) const {
    w.u64(f.socket);
    w.bytes(f.data);
  }
  void operator()(const SerialStateFrame& f) const {
    w.u64(f.socket);
    w.u8(f.open ? 1 : 0);
    w.bytes(f.reason);
  }
  void operator()(const SerialCloseFrame& f) const { w.u64(f.socket); }
  void operator()(const HelloFrame& f) const {
    w.bytes(f.secret_key);
    w.u32(static_cast<std::uint32_t>(f.zones.size()));
    for (const std::string& zone : f.zones)
      w.bytes(zone);
    w.u8(f.restored ? 1 : 0);
    w.i64(f.saved_at);
    w.bytes(f.problem);
    w.f64(f.clock_speed);
    w.i64(f.clock_real);
    w.i64(f.clock_sim);
  }
  void operator()(const SavedFrame& f) const { w.i64(f.saved_at); }
  void operator()(const ResetFrame&) const {}
  void operator()(const AttachFrame&) const {}
};

template <std::size_t Index = 0>
Frame read_alternative(std::size_t kind, Reader& r) {
  if constexpr (Index + 1 < std::variant_size_v<Frame>) {
    if (kind != Index) return read_alternative<Index + 1>(kind, r);
  }
  using T = std::variant_alternative_t<Index, Frame>;
  T f;
  if constexpr (std::is_same_v<T, RequestFrame>) {
    f.id = r.u64("the request id");
    const std::uint8_t method = r.u8("the method");
    if (method > static_cast<std::uint8_t>(Method::del))
      r.fail("unknown method " + std::to_string(method));
    f.request.method = static_cast<Method>(method);
    f.request.target = r.bytes("the target");
    f.request.headers = r.headers();
    f.request.body = r.bytes("the body");
  } else if constexpr (std::is_same_v<T, ResponseFrame>) {
    f.id = r.u64("the request id");
    f.response.status = static_cast<int>(r.u32("the status"));
    if (f.response.status > 999) r.fail("status " + std::to_string(f.response.status));
    f.response.network_error = r.bytes("the network error");
    f.response.headers = r.headers();
    f.response.body = r.bytes("the body");
  } else if constexpr (std::is_same_v<T, CancelFrame>) {
    f.id = r.u64("the request id");
  } else if constexpr (std::is_same_v<T, SerialOpenFrame>) {
    f.socket = r.u64("the socket id");
    f.zone = r.bytes("the zone");
  } else if constexpr (std::is_same_v<T, SerialDataFrame>) {
    f.socket = r.u64("the socket id");
    f.data = r.bytes("the serial frame");
  } else if constexpr (std::is_same_v<T, SerialStateFrame>) {
    f.socket = r.u64("the socket id");
    f.open = r.flag("the socket's state");
    f.reason = r.bytes("the reason");
  } else if constexpr (std::is_same_v<T, SerialCloseFrame>) {
    f.socket = r.u64("the socket id");
  } else if constexpr (std::is_same_v<T, HelloFrame>) {
    f.secret_key = r.bytes("the key");
    const std::uint32_t zones = r.u32("the zone count");
    if (zones > kMaxZones) r.fail("a frame with " + std::to_string(zones) + " zones");
    for (std::uint32_t i = 0; i < zones && !r.failed(); ++i)
      f.zones.push_back(r.bytes("a zone"));
    f.restored = r.flag("the restored flag");
    f.saved_at = r.i64("the save time");
    f.problem = r.bytes("the problem");
    f.clock_speed = r.f64("the clock speed");
    f.clock_real = r.i64("the clock's real origin");
    f.clock_sim = r.i64("the clock's simulated origin");
  } else if constexpr (std::is_same_v<T, SavedFrame>) {
    f.saved_at = r.i64("the save time");
  }
  return f;
}

}  // namespace

void encode(const Frame& frame, std::string& out) {
  Writer w(out);
  w.u8(static_cast<std::uint8_t>(frame.index()));
  std::visit(Encode{w}, frame);
}

std::string encode(const Frame& frame) {
  std::string out;
  encode(frame, out);
  return out;
}

Expected<Frame, std::string> decode(std::string_view& bytes) {
  std::string_view in = bytes;
  Reader r(in);
  const std::uint8_t kind = r.u8("the frame's kind");
  if (r.failed()) return Unexpected{std::string("an empty frame")};
  if (kind >= kKinds) return Unexpected{"unknown frame kind " + std::to_string(kind)};
  Frame frame = read_alternative(kind, r);
  if (r.failed()) return Unexpected{r.problem()};
  bytes = in;
  return frame;
}

}  // namespace metal::api::wire
