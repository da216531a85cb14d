#include <doctest/doctest.h>

#include <string>

#include "api/wire.hpp"

using namespace metal::api;

TEST_CASE("wire frames carry requests and responses byte for byte, back to back") {
  Request request;
  request.method = Method::patch;
  request.target = "/instance/v1/zones/fr-par-1/servers/abc?x=%20y";
  request.headers = {{"X-Auth-Token", "secret"}, {"Content-Type", "application/json"}};
  request.body = std::string("{\"name\":\"\xc3\xa9\"}\0tail", 19);
  Response response;
  response.status = 201;
  response.headers = {{"X-Total-Count", "100000"}};
  response.body = std::string(300'000, 'x');

  std::string bytes;
  wire::encode(wire::RequestFrame{7, request}, bytes);
  wire::encode(wire::ResponseFrame{7, response}, bytes);
  wire::encode(wire::HelloFrame{"key", {"fr-par-1", "nl-ams-1"}, true, 42, "set aside", 10.0, 5, 6},
               bytes);
  std::string_view rest = bytes;
  auto first = wire::decode(rest);
  REQUIRE(first);
  const auto& got = std::get<wire::RequestFrame>(*first);
  CHECK(got.id == 7);
  CHECK(got.request.method == Method::patch);
  CHECK(got.request.target == request.target);
  CHECK(got.request.headers == request.headers);
  CHECK(got.request.body == request.body);
  auto second = wire::decode(rest);
  REQUIRE(second);
  const auto& answer = std::get<wire::ResponseFrame>(*second).response;
  CHECK(answer.status == 201);
  CHECK(answer.headers == response.headers);
  CHECK(answer.body == response.body);
  // Room for the JSON decoder's padding: the body is decoded where it lies.
  CHECK(answer.body.capacity() >= answer.body.size() + 64);
  auto third = wire::decode(rest);
  REQUIRE(third);
  const auto& hello = std::get<wire::HelloFrame>(*third);
  CHECK(hello.zones == std::vector<std::string>{"fr-par-1", "nl-ams-1"});
  CHECK(hello.restored);
  CHECK(hello.clock_speed == 10.0);
  CHECK(hello.clock_sim == 6);
  CHECK(rest.empty());
}

TEST_CASE("a frame that cannot be read is refused with what was wrong, and consumes nothing") {
  std::string bytes = wire::encode(wire::SerialDataFrame{3, "1aGVsbG8="});
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string_view part(bytes.data(), cut);
    auto frame = wire::decode(part);
    CHECK_FALSE(frame);
    CHECK(part.size() == cut);  // nothing consumed
  }
  std::string_view truncated(bytes.data(), bytes.size() - 2);
  CHECK(wire::decode(truncated).error() ==
        "the frame ends inside the serial frame (9 bytes needed, 7 left)");
  std::string unknown = "\x7f";
  std::string_view view = unknown;
  CHECK(wire::decode(view).error() == "unknown frame kind 127");
  // A length that claims more than there is, however large, is refused without allocating it.
  std::string huge = wire::encode(wire::CancelFrame{1});
  huge[0] = static_cast<char>(wire::Frame(wire::SerialOpenFrame{}).index());  // id, then a zone
  huge += std::string("\xff\xff\xff\xff", 4);
  view = huge;
  CHECK(wire::decode(view).error().starts_with("the frame ends inside the zone"));
}
