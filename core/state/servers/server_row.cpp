#include "state/servers/server_row.hpp"

#include "state/format.hpp"

namespace metal::state {

ServerRow make_row(model::ServerListItem&& s) {
  ServerRow row;
  if (!s.public_ips.empty())
    row.public_ip = std::move(s.public_ips.front().address);
  else if (s.public_ip)
    row.public_ip = std::move(s.public_ip->address);
  if (s.private_ip) row.private_ip = std::move(*s.private_ip);
  // The filter box's text: lower-case name, id, addresses and tags.
  std::size_t length =
      s.name.size() + s.id.size() + row.public_ip.size() + row.private_ip.size() + 3;
  for (const std::string& tag : s.tags)
    length += tag.size() + 1;
  row.search_text.reserve(length);
  for (const std::string* part : {&s.name, &s.id, &row.public_ip, &row.private_ip}) {
    if (part != &s.name) row.search_text += ' ';
    row.search_text += *part;
  }
  for (const std::string& tag : s.tags) {
    row.search_text += ' ';
    row.search_text += tag;
  }
  lower_in_place(row.search_text);

  row.id = std::move(s.id);
  row.name = std::move(s.name);
  row.zone = std::move(s.zone);
  row.project = std::move(s.project);
  row.commercial_type = std::move(s.commercial_type);
  if (s.image) row.image_name = std::move(s.image->name);
  row.state_detail = std::move(s.state_detail);
  row.unknown_state = std::move(s.unknown_state);
  row.tags = std::move(s.tags);
  row.state = s.state;
  row.created = s.creation_date;
  row.modified = s.modification_date;
  for (const std::string& name : s.allowed_actions)
    if (auto action = model::parse_server_action(name))
      row.allowed_actions |= static_cast<std::uint8_t>(1u << static_cast<int>(*action));
  row.is_protected = s.is_protected;
  return row;
}

ServerRow make_row(const model::Server& s) {
  return make_row(model::list_item_of(s));
}

}  // namespace metal::state
