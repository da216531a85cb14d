#include "state/servers/rule_form.hpp"

#include <charconv>
#include <cstdint>
#include <optional>

namespace metal::state {
namespace {

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_ipv4(std::string_view text) {
  int parts = 0;
  while (true) {
    const auto dot = text.find('.');
    const std::string_view part = text.substr(0, dot);
    const auto value = whole_number(part);
    if (part.empty() || part.size() > 3 || !value || *value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool is_ipv6(std::string_view text) {
  if (text.size() < 2 || text.find(':') == std::string_view::npos) return false;
  for (char c : text)
    if (!(c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return false;
  return true;
}

}  // namespace

RuleForm form_of(const model::SecurityGroupRule& rule) {
  RuleForm form;
  form.direction = rule.direction;
  form.action = rule.action;
  form.protocol = rule.protocol;
  form.ip_range = rule.ip_range;
  if (rule.dest_port_from) form.port_from = std::to_string(*rule.dest_port_from);
  if (rule.dest_port_to && rule.dest_port_to != rule.dest_port_from)
    form.port_to = std::to_string(*rule.dest_port_to);
  return form;
}

Expected<api::RuleSpec, std::string> check_rule_form(const RuleForm& form) {
  using Fail = Unexpected<std::string>;
  api::RuleSpec rule;
  if (form.direction != "inbound" && form.direction != "outbound")
    return Fail{"direction must be inbound or outbound"};
  if (form.action != "accept" && form.action != "drop")
    return Fail{"action must be accept or drop"};
  if (form.protocol != "TCP" && form.protocol != "UDP" && form.protocol != "ICMP" &&
      form.protocol != "ANY")
    return Fail{"protocol must be TCP, UDP, ICMP or ANY"};
  rule.direction = form.direction;
  rule.action = form.action;
  rule.protocol = form.protocol;

  // An address alone means that one host.
  const std::string_view range = form.ip_range;
  const auto slash = range.find('/');
  const std::string_view address = range.substr(0, slash);
  const bool v4 = is_ipv4(address);
  if (!v4 && !is_ipv6(address))
    return Fail{"\"" + form.ip_range +
                "\" is not an IP range: write 203.0.113.0/24 or 2001:db8::/32"};
  if (slash != std::string_view::npos) {
    const auto length = whole_number(range.substr(slash + 1));
    const int max = v4 ? 32 : 128;
    if (!length || *length < 0 || *length > max)
      return Fail{"the prefix length in \"" + form.ip_range + "\" must be 0 to " +
                  std::to_string(max)};
    rule.ip_range = form.ip_range;
  } else {
    rule.ip_range = form.ip_range + (v4 ? "/32" : "/128");
  }

  const bool has_ports = form.protocol == "TCP" || form.protocol == "UDP";
  if (!has_ports) {
    if (!form.port_from.empty() || !form.port_to.empty())
      return Fail{form.protocol + " has no ports: leave them empty"};
    return rule;
  }
  if (form.port_from.empty()) {
    if (!form.port_to.empty()) return Fail{"a port range needs its first port"};
    return rule;  // every port
  }
  auto port = [](const std::string& text) -> std::optional<std::int64_t> {
    auto value = whole_number(text);
    if (!value || *value < 1 || *value > 65535) return std::nullopt;
    return value;
  };
  const auto from = port(form.port_from);
  if (!from) return Fail{"port \"" + form.port_from + "\" must be a number from 1 to 65535"};
  rule.dest_port_from = *from;
  if (!form.port_to.empty()) {
    const auto to = port(form.port_to);
    if (!to) return Fail{"port \"" + form.port_to + "\" must be a number from 1 to 65535"};
    if (*to < *from) return Fail{"the port range ends before it starts"};
    if (*to != *from) rule.dest_port_to = *to;
  }
  return rule;
}

}  // namespace metal::state
