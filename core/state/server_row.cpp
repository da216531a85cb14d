#include "state/server_row.hpp"

namespace metal::state {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

ServerRow make_row(const model::Server& s) {
  ServerRow row;
  row.id = s.id;
  row.name = s.name;
  row.zone = s.zone;
  row.project = s.project;
  row.commercial_type = s.commercial_type;
  row.image_name = s.image ? s.image->name : std::string();
  if (!s.public_ips.empty())
    row.public_ip = s.public_ips.front().address;
  else if (s.public_ip)
    row.public_ip = s.public_ip->address;
  row.private_ip = s.private_ip.value_or("");
  row.state_detail = s.state_detail;
  row.unknown_state = s.unknown_state;
  row.tags = s.tags;
  row.state = s.state;
  row.created = s.creation_date;
  row.modified = s.modification_date;
  for (const std::string& name : s.allowed_actions)
    if (auto action = model::parse_server_action(name))
      row.allowed_actions |= static_cast<std::uint8_t>(1u << static_cast<int>(*action));
  row.is_protected = s.is_protected;

  std::string search = s.name + ' ' + s.id + ' ' + row.public_ip + ' ' + row.private_ip;
  for (const std::string& tag : s.tags)
    search += ' ' + tag;
  row.search_text = to_lower(search);
  return row;
}

}  // namespace metal::state
