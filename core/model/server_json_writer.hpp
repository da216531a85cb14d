#pragma once
// A server's JSON written straight into bytes: byte for byte what encode(server).dump() gives
// (keys in nlohmann's sorted order, the same escaping, invalid UTF-8 replaced the same way, which
// tests check on whole worlds), without building the tree first. The simulator answers every list
// page with it: at 20,000 servers, 5.3 s of the demo's load under WebAssembly went to the tree.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "model/server.hpp"

namespace metal::model {

/// Writes servers one after another into a buffer it keeps (grown, never shrunk), so that writing
/// a page of them allocates nothing once the first is written.
class ServerJsonWriter {
 public:
  /// The server's JSON; valid until the next write.
  std::string_view write(const Server& server);

  struct Buffer {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
  };

 private:
  Buffer buffer_;
};

/// The same, appended to `out` (one server: tests, and answers that are not lists).
void append_json(std::string& out, const Server& server);

}  // namespace metal::model
