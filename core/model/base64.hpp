#pragma once
// Base64 (RFC 4648, with padding): what the serial websocket frames carry and how a saved world
// keeps bytes that are not text (user data may be gzip'd cloud-init).

#include <optional>
#include <string>
#include <string_view>

namespace metal::model {

std::string base64_encode(std::string_view bytes);
/// The bytes, or nullopt when the text is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace metal::model
