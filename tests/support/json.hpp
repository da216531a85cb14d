#pragma once
// Tests read and edit JSON documents freely with nlohmann's DOM; the product decodes with
// simdjson (core/model/json_codec.hpp).

#include <string_view>

#include <nlohmann/json.hpp>

namespace metal::test {

/// The parsed document, or a discarded value when the text is not JSON.
inline nlohmann::json parse(std::string_view text) {
  return nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace metal::test
