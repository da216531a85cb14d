#include "model/server_json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>

namespace metal::model {
namespace {

// JSON's string escaping as nlohmann writes it (ensure_ascii off): the two-character escapes,
// other control characters as \u00xx. Text that is not valid UTF-8 goes through nlohmann itself,
// which replaces what is broken in its own way.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    std::uint32_t min = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2, min = 0x80, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, min = 0x800, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > s.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

// The bytes go through a cursor into the writer's own buffer: under -Oz every std::string append
// is an out-of-line libc++ call (size, capacity and growth checks, then memcpy), and a server's
// JSON is ~150 of them: 70% of the simulator's answers went there. Here a key is one call that
// stores its bytes, and growth is checked once per value.
class Out {
 public:
  explicit Out(ServerJsonWriter::Buffer& buffer)
      : buffer_(buffer), cur_(buffer.bytes.get()), end_(cur_ + buffer.capacity) {}
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  [[gnu::always_inline]] void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cur_) < n) grow(n);
  }
  [[gnu::always_inline]] void put(char c) {
    room(1);
    *cur_++ = c;
  }
  [[gnu::always_inline]] void put(std::string_view s) {
    room(s.size());
    std::memcpy(cur_, s.data(), s.size());
    cur_ += s.size();
  }
  // Where the next bytes go, for writers that know their size: room() first, then advance().
  [[gnu::always_inline]] char* at() { return cur_; }
  [[gnu::always_inline]] void advance(std::size_t n) { cur_ += n; }
  std::string_view written() const {
    return {buffer_.bytes.get(), static_cast<std::size_t>(cur_ - buffer_.bytes.get())};
  }

 private:
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(cur_ - buffer_.bytes.get());
    const std::size_t capacity = std::max<std::size_t>({4096, buffer_.capacity * 2, used + n});
    // Not zeroed: every byte is written before it is read.
    std::unique_ptr<char[]> bytes(new char[capacity]);
    if (used) std::memcpy(bytes.get(), buffer_.bytes.get(), used);
    buffer_.bytes = std::move(bytes);
    buffer_.capacity = capacity;
    cur_ = buffer_.bytes.get() + used;
    end_ = buffer_.bytes.get() + capacity;
  }

  ServerJsonWriter::Buffer& buffer_;
  char* cur_;
  char* end_;
};

// Plain text (the usual case: no quote, backslash, control or non-ASCII byte) copied between its
// quotes as it is checked; false, with nothing written, for any other.
bool plain_string(Out& out, std::string_view s) {
  out.room(s.size() + 2);
  char* at = out.at();
  *at++ = '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == '\\' || u >= 0x80) return false;  // (not advanced)
    *at++ = c;
  }
  *at = '"';
  out.advance(s.size() + 2);
  return true;
}

void string(Out& out, std::string_view s) {
  if (plain_string(out, s)) return;
  if (!valid_utf8(s)) {
    out.put(Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace));
    return;
  }
  out.put('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out.put("\\\"");
        break;
      case '\\':
        out.put("\\\\");
        break;
      case '\b':
        out.put("\\b");
        break;
      case '\f':
        out.put("\\f");
        break;
      case '\n':
        out.put("\\n");
        break;
      case '\r':
        out.put("\\r");
        break;
      case '\t':
        out.put("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out.put("\\u00");
          out.put(kHex[(c >> 4) & 0xF]);
          out.put(kHex[c & 0xF]);
        } else {
          out.put(c);
        }
    }
  }
  out.put('"');
}

void number(Out& out, std::uint64_t n) {
  constexpr std::size_t kDigits = 20;  // 18446744073709551615
  out.room(kDigits);
  out.advance(
      static_cast<std::size_t>(std::to_chars(out.at(), out.at() + kDigits, n).ptr - out.at()));
}

void boolean(Out& out, bool b) {
  out.put(b ? std::string_view("true") : std::string_view("false"));
}

void null(Out& out) {
  out.put("null");
}

void timestamp(Out& out, Timestamp t) {
  out.room(kMaxTimestampChars + 2);
  char* at = out.at();
  *at = '"';
  const std::size_t n = write_timestamp(at + 1, t);
  at[n + 1] = '"';
  out.advance(n + 2);
}

void timestamp(Out& out, const std::optional<Timestamp>& t) {
  if (t)
    timestamp(out, *t);
  else
    null(out);
}

// An object's members, keys given in sorted order by the caller (nlohmann's std::map order).
class Members {
 public:
  explicit Members(Out& out) : out_(out) { out_.put('{'); }
  ~Members() { out_.put('}'); }
  Members(const Members&) = delete;
  Members& operator=(const Members&) = delete;
  // A key spelled in the code (no escaping needed): `,"name":` in one copy.
  template <std::size_t N>
  Out& key(const char (&name)[N]) {
    return code_key(name, N - 1);
  }
  // A key from data (a map's).
  Out& key(const std::string& name) {
    if (!first_) out_.put(',');
    first_ = false;
    string(out_, name);
    out_.put(':');
    return out_;
  }

 private:
  [[gnu::noinline]] Out& code_key(const char* name, std::size_t size) {
    out_.room(size + 4);
    char* at = out_.at();
    if (!first_) *at++ = ',';
    *at++ = '"';
    std::memcpy(at, name, size);
    at += size;
    *at++ = '"';
    *at++ = ':';
    out_.advance(static_cast<std::size_t>(at - out_.at()));
    first_ = false;
    return out_;
  }

  Out& out_;
  bool first_ = true;
};

void strings(Out& out, const std::vector<std::string>& list) {
  out.put('[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out.put(',');
    string(out, list[i]);
  }
  out.put(']');
}

template <class T, class Write>
void maybe(Out& out, const std::optional<T>& value, Write write) {
  if (value)
    write(out, *value);
  else
    null(out);
}

// Objects, optional objects (null when absent) and maps of objects (nlohmann's sorted keys), each
// through its write() below; defined after all of them so that each one is found.
template <class T>
void object_or_null(Out& out, const std::optional<T>& value);
template <class T>
void objects_by_key(Out& out, const std::map<std::string, T>& items);

void write(Out& out, const ServerSummary& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
}

void write(Out& out, const SecurityGroupRef& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
}

void write(Out& out, const ServerIp& v) {
  Members m(out);
  string(m.key("address"), v.address);
  boolean(m.key("dynamic"), v.dynamic);
  string(m.key("family"), v.family);
  string(m.key("gateway"), v.gateway);
  string(m.key("id"), v.id);
  string(m.key("ipam_id"), v.ipam_id);
  string(m.key("netmask"), v.netmask);
  string(m.key("provisioning_mode"), v.provisioning_mode);
  string(m.key("state"), v.state);
  strings(m.key("tags"), v.tags);
}

void write(Out& out, const ServerIpv6& v) {
  Members m(out);
  string(m.key("address"), v.address);
  string(m.key("gateway"), v.gateway);
  string(m.key("netmask"), v.netmask);
}

void write(Out& out, const ServerLocation& v) {
  Members m(out);
  string(m.key("cluster_id"), v.cluster_id);
  string(m.key("hypervisor_id"), v.hypervisor_id);
  string(m.key("node_id"), v.node_id);
  string(m.key("platform_id"), v.platform_id);
  string(m.key("zone_id"), v.zone_id);
}

void write(Out& out, const ImageVolume& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
  number(m.key("size"), v.size);
  string(m.key("volume_type"), v.volume_type);
}

void write(Out& out, const ServerImage& v) {
  Members m(out);
  string(m.key("arch"), v.arch);
  timestamp(m.key("creation_date"), v.creation_date);
  null(m.key("default_bootscript"));
  objects_by_key(m.key("extra_volumes"), v.extra_volumes);
  string(m.key("from_server"), v.from_server);
  string(m.key("id"), v.id);
  timestamp(m.key("modification_date"), v.modification_date);
  string(m.key("name"), v.name);
  string(m.key("organization"), v.organization);
  string(m.key("project"), v.project);
  boolean(m.key("public"), v.is_public);
  object_or_null(m.key("root_volume"), v.root_volume);
  string(m.key("state"), v.state);
  strings(m.key("tags"), v.tags);
  string(m.key("zone"), v.zone);
}

void write(Out& out, const ServerVolume& v) {
  Members m(out);
  boolean(m.key("boot"), v.boot);
  if (v.creation_date) timestamp(m.key("creation_date"), *v.creation_date);
  if (v.export_uri) string(m.key("export_uri"), *v.export_uri);
  string(m.key("id"), v.id);
  if (v.modification_date) timestamp(m.key("modification_date"), *v.modification_date);
  if (!v.name.empty()) string(m.key("name"), v.name);
  if (!v.organization.empty()) string(m.key("organization"), v.organization);
  if (!v.project.empty()) string(m.key("project"), v.project);
  if (v.server) write(m.key("server"), *v.server);
  if (v.size) number(m.key("size"), *v.size);
  string(m.key("state"), v.state);
  if (!v.tags.empty()) strings(m.key("tags"), v.tags);
  string(m.key("volume_type"), v.volume_type);
  string(m.key("zone"), v.zone);
}

void write(Out& out, const PlacementGroupRef& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
  string(m.key("organization"), v.organization);
  string(m.key("policy_mode"), v.policy_mode);
  boolean(m.key("policy_respected"), v.policy_respected);
  string(m.key("policy_type"), v.policy_type);
  string(m.key("project"), v.project);
  strings(m.key("tags"), v.tags);
  string(m.key("zone"), v.zone);
}

void write(Out& out, const PrivateNic& v) {
  Members m(out);
  timestamp(m.key("creation_date"), v.creation_date);
  string(m.key("id"), v.id);
  strings(m.key("ipam_ip_ids"), v.ipam_ip_ids);
  string(m.key("mac_address"), v.mac_address);
  timestamp(m.key("modification_date"), v.modification_date);
  string(m.key("private_network_id"), v.private_network_id);
  string(m.key("server_id"), v.server_id);
  string(m.key("state"), v.state);
  strings(m.key("tags"), v.tags);
  string(m.key("zone"), v.zone);
}

void write(Out& out, const Maintenance& v) {
  Members m(out);
  string(m.key("reason"), v.reason);
  timestamp(m.key("start_date"), v.start_date);
}

template <class T>
void object_or_null(Out& out, const std::optional<T>& value) {
  maybe(out, value, [](Out& o, const T& x) { write(o, x); });
}

template <class T>
void objects_by_key(Out& out, const std::map<std::string, T>& items) {
  Members m(out);
  for (const auto& [key, item] : items)
    write(m.key(key), item);
}

template <class T>
void list(Out& out, const std::vector<T>& items) {
  out.put('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.put(',');
    write(out, items[i]);
  }
  out.put(']');
}

void write(Out& out, const Server& v) {
  Members m(out);
  maybe(m.key("admin_password_encryption_ssh_key_id"), v.admin_password_encryption_ssh_key_id,
        string);
  strings(m.key("allowed_actions"), v.allowed_actions);
  string(m.key("arch"), v.arch);
  string(m.key("boot_type"), v.boot_type);
  null(m.key("bootscript"));
  string(m.key("commercial_type"), v.commercial_type);
  timestamp(m.key("creation_date"), v.creation_date);
  if (v.dns) string(m.key("dns"), *v.dns);
  boolean(m.key("dynamic_ip_required"), v.dynamic_ip_required);
  boolean(m.key("enable_ipv6"), v.enable_ipv6);
  boolean(m.key("end_of_service"), v.end_of_service);
  m.key("extra_networks").put("[]");
  Out& filesystems = m.key("filesystems");
  filesystems.put('[');
  for (std::size_t i = 0; i < v.filesystems.size(); ++i) {
    if (i) filesystems.put(',');
    filesystems.put(v.filesystems[i].dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  filesystems.put(']');
  string(m.key("hostname"), v.hostname);
  string(m.key("id"), v.id);
  object_or_null(m.key("image"), v.image);
  object_or_null(m.key("ipv6"), v.ipv6);
  object_or_null(m.key("location"), v.location);
  string(m.key("mac_address"), v.mac_address);
  list(m.key("maintenances"), v.maintenances);
  timestamp(m.key("modification_date"), v.modification_date);
  string(m.key("name"), v.name);
  string(m.key("organization"), v.organization);
  object_or_null(m.key("placement_group"), v.placement_group);
  maybe(m.key("private_ip"), v.private_ip, string);
  list(m.key("private_nics"), v.private_nics);
  string(m.key("project"), v.project);
  boolean(m.key("protected"), v.is_protected);
  object_or_null(m.key("public_ip"), v.public_ip);
  list(m.key("public_ips"), v.public_ips);
  boolean(m.key("routed_ip_enabled"), v.routed_ip_enabled);
  object_or_null(m.key("security_group"), v.security_group);
  string(m.key("state"), v.state_text());
  string(m.key("state_detail"), v.state_detail);
  strings(m.key("tags"), v.tags);
  objects_by_key(m.key("volumes"), v.volumes);
  string(m.key("zone"), v.zone);
}

}  // namespace

std::string_view ServerJsonWriter::write(const Server& server) {
  Out out(buffer_);
  metal::model::write(out, server);
  return out.written();
}

void append_json(std::string& out, const Server& server) {
  ServerJsonWriter writer;
  out += writer.write(server);
}

}  // namespace metal::model
