// GET /servers read for a table (ServerListItem): the console's list decodes every server of a
// fleet through here, so this file is compiled with the inliner even in the size-optimized web
// build (core/CMakeLists.txt), while whole servers (a detail, one at a time) are not.

#include "model/json_decode.hpp"
#include "model/server.hpp"

namespace metal::model {

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerListItem::Address& out) {
  return take(d, key, "address", v, out.address);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerListItem& out) {
  if (key == "state") {
    read_server_state(d, v, out.state, out.unknown_state);
    return true;
  }
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "project", v, out.project) || take(d, key, "zone", v, out.zone) ||
         take(d, key, "commercial_type", v, out.commercial_type) ||
         take(d, key, "image", v, out.image) || take(d, key, "private_ip", v, out.private_ip) ||
         take(d, key, "public_ip", v, out.public_ip) ||
         take(d, key, "public_ips", v, out.public_ips) ||
         take(d, key, "state_detail", v, out.state_detail) || take(d, key, "tags", v, out.tags) ||
         take(d, key, "allowed_actions", v, out.allowed_actions) ||
         take(d, key, "creation_date", v, out.creation_date) ||
         take(d, key, "modification_date", v, out.modification_date) ||
         take(d, key, "protected", v, out.is_protected);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerItemList& out) {
  return take(d, key, "servers", v, out.servers);
}

ServerListItem list_item_of(const Server& s) {
  ServerListItem item;
  item.id = s.id;
  item.name = s.name;
  item.project = s.project;
  item.zone = s.zone;
  item.commercial_type = s.commercial_type;
  if (s.image) item.image = ServerSummary{s.image->id, s.image->name};
  item.private_ip = s.private_ip;
  if (s.public_ip) item.public_ip = ServerListItem::Address{s.public_ip->address};
  for (const ServerIp& ip : s.public_ips)
    item.public_ips.push_back({ip.address});
  item.state = s.state;
  item.unknown_state = s.unknown_state;
  item.state_detail = s.state_detail;
  item.tags = s.tags;
  item.allowed_actions = s.allowed_actions;
  item.creation_date = s.creation_date;
  item.modification_date = s.modification_date;
  item.is_protected = s.is_protected;
  return item;
}

template Expected<ServerItemList, DecodeError> decode_text<ServerItemList>(std::string_view,
                                                                           std::size_t);

}  // namespace metal::model
