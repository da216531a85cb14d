// libFuzzer: bytes as they would arrive on a sandbox connection, through Beast's parser (with the
// sandbox's limits), the translation to the core's request, and the API handler. Must never crash
// (ASan, UBSan) and every parsed request must get an HTTP status.

#include <cstddef>
#include <cstdint>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "http_message.hpp"
#include "sim/api_handler.hpp"
#include "sim/world.hpp"

using namespace metal;
namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A fresh small world per input, so every finding reproduces on its own.
  sim::World world(sim::WorldConfig{3, 12, model::Timestamp{1'790'000'000'000'000}});
  sim::ApiHandler handler(world);
  http::request_parser<http::string_body> parser;
  parser.body_limit(1u << 20);
  parser.header_limit(16u << 10);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == http::error::need_more) break;
    if (ec) return 0;  // refused: the server answers 400/413/431 and closes
    if (n == 0) break;
    used += n;
  }
  if (!parser.is_done()) return 0;
  auto request = native::to_core_request(parser.get());
  if (!request) return 0;  // 405
  // The world's keys are not in random bytes: also try the request as an authenticated one.
  const api::Response anonymous = handler.handle(*request);
  if (anonymous.status < 100 || anonymous.status > 599) __builtin_trap();
  request->headers.emplace_back("X-Auth-Token", world.tenancy().api_keys().front().secret_key);
  const api::Response answered = handler.handle(*request);
  if (answered.status < 100 || answered.status > 599) __builtin_trap();
  return 0;
}
