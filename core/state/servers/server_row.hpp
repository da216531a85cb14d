#pragma once
// What the server list keeps of each server: the fields its columns, filters and actions need,
// in a compact form (100,000 full API objects would not fit a browser tab comfortably).
// The detail panel fetches the full object when it opens.

#include <cstdint>
#include <string>
#include <vector>

#include "model/server.hpp"
#include "model/timestamp.hpp"

namespace metal::state {

struct ServerRow {
  std::string id;
  std::string name;
  std::string zone;
  std::string project;
  std::string commercial_type;
  std::string image_name;
  std::string public_ip;
  std::string private_ip;
  std::string state_detail;
  std::string unknown_state;
  std::vector<std::string> tags;
  model::ServerState state = model::ServerState::stopped;
  model::Timestamp created;
  model::Timestamp modified;
  std::uint8_t allowed_actions = 0;  // bit per model::ServerAction
  bool is_protected = false;
  std::string search_text;  // lower-case name, id, addresses and tags, for the filter box

  bool allows(model::ServerAction action) const {
    return (allowed_actions >> static_cast<int>(action)) & 1u;
  }
  std::string_view state_text() const {
    return state == model::ServerState::unknown ? std::string_view(unknown_state)
                                                : model::to_string(state);
  }
  bool operator==(const ServerRow&) const = default;
};

ServerRow make_row(const model::Server& server);
/// From a table's reading of the server (its strings move into the row).
ServerRow make_row(model::ServerListItem&& server);

}  // namespace metal::state
