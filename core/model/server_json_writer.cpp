#include "model/server_json_writer.hpp"

#include <charconv>

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

void string(std::string& out, std::string_view s) {
  bool plain = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' ||
        static_cast<unsigned char>(c) >= 0x80)
      plain = false;
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  if (!valid_utf8(s)) {
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void number(std::string& out, std::uint64_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void boolean(std::string& out, bool b) {
  out += b ? "true" : "false";
}

void timestamp(std::string& out, Timestamp t) {
  out += '"';
  append_timestamp(out, t);
  out += '"';
}

void timestamp(std::string& out, const std::optional<Timestamp>& t) {
  if (t)
    timestamp(out, *t);
  else
    out += "null";
}

// An object's members, keys given in sorted order by the caller (nlohmann's std::map order).
class Members {
 public:
  explicit Members(std::string& out) : out_(out) { out_ += '{'; }
  ~Members() { out_ += '}'; }
  Members(const Members&) = delete;
  Members& operator=(const Members&) = delete;
  // A key spelled in the code (no escaping needed).
  template <std::size_t N>
  std::string& key(const char (&name)[N]) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_.append(name, N - 1);
    out_.append("\":", 2);
    return out_;
  }
  // A key from data (a map's).
  std::string& key(const std::string& name) {
    if (!first_) out_ += ',';
    first_ = false;
    string(out_, name);
    out_ += ':';
    return out_;
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void strings(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    string(out, list[i]);
  }
  out += ']';
}

template <class T, class Write>
void maybe(std::string& out, const std::optional<T>& value, Write write) {
  if (value)
    write(out, *value);
  else
    out += "null";
}

// Objects, optional objects (null when absent) and maps of objects (nlohmann's sorted keys), each
// through its write() below; defined after all of them so that each one is found.
template <class T>
void object_or_null(std::string& out, const std::optional<T>& value);
template <class T>
void objects_by_key(std::string& out, const std::map<std::string, T>& items);

void write(std::string& out, const ServerSummary& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
}

void write(std::string& out, const SecurityGroupRef& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
}

void write(std::string& out, const ServerIp& v) {
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

void write(std::string& out, const ServerIpv6& v) {
  Members m(out);
  string(m.key("address"), v.address);
  string(m.key("gateway"), v.gateway);
  string(m.key("netmask"), v.netmask);
}

void write(std::string& out, const ServerLocation& v) {
  Members m(out);
  string(m.key("cluster_id"), v.cluster_id);
  string(m.key("hypervisor_id"), v.hypervisor_id);
  string(m.key("node_id"), v.node_id);
  string(m.key("platform_id"), v.platform_id);
  string(m.key("zone_id"), v.zone_id);
}

void write(std::string& out, const ImageVolume& v) {
  Members m(out);
  string(m.key("id"), v.id);
  string(m.key("name"), v.name);
  number(m.key("size"), v.size);
  string(m.key("volume_type"), v.volume_type);
}

void write(std::string& out, const ServerImage& v) {
  Members m(out);
  string(m.key("arch"), v.arch);
  timestamp(m.key("creation_date"), v.creation_date);
  m.key("default_bootscript") += "null";
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

void write(std::string& out, const ServerVolume& v) {
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

void write(std::string& out, const PlacementGroupRef& v) {
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

void write(std::string& out, const PrivateNic& v) {
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

void write(std::string& out, const Maintenance& v) {
  Members m(out);
  string(m.key("reason"), v.reason);
  timestamp(m.key("start_date"), v.start_date);
}

template <class T>
void object_or_null(std::string& out, const std::optional<T>& value) {
  maybe(out, value, [](std::string& o, const T& x) { write(o, x); });
}

template <class T>
void objects_by_key(std::string& out, const std::map<std::string, T>& items) {
  Members m(out);
  for (const auto& [key, item] : items)
    write(m.key(key), item);
}

template <class T>
void list(std::string& out, const std::vector<T>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    write(out, items[i]);
  }
  out += ']';
}

}  // namespace

void append_json(std::string& out, const Server& v) {
  Members m(out);
  maybe(m.key("admin_password_encryption_ssh_key_id"), v.admin_password_encryption_ssh_key_id,
        string);
  strings(m.key("allowed_actions"), v.allowed_actions);
  string(m.key("arch"), v.arch);
  string(m.key("boot_type"), v.boot_type);
  m.key("bootscript") += "null";
  string(m.key("commercial_type"), v.commercial_type);
  timestamp(m.key("creation_date"), v.creation_date);
  if (v.dns) string(m.key("dns"), *v.dns);
  boolean(m.key("dynamic_ip_required"), v.dynamic_ip_required);
  boolean(m.key("enable_ipv6"), v.enable_ipv6);
  boolean(m.key("end_of_service"), v.end_of_service);
  m.key("extra_networks") += "[]";
  std::string& filesystems = m.key("filesystems");
  filesystems += '[';
  for (std::size_t i = 0; i < v.filesystems.size(); ++i) {
    if (i) filesystems += ',';
    filesystems += v.filesystems[i].dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  filesystems += ']';
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

}  // namespace metal::model
