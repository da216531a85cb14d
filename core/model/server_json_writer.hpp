#pragma once
// A server's JSON written straight into a string: byte for byte what encode(server).dump() gives
// (keys in nlohmann's sorted order, the same escaping, invalid UTF-8 replaced the same way, which
// tests check on whole worlds), without building the tree first. The simulator answers every list
// page with it: at 20,000 servers, 5.3 s of the demo's load under WebAssembly went to the tree.

#include <string>

#include "model/server.hpp"

namespace metal::model {

void append_json(std::string& out, const Server& server);

}  // namespace metal::model
