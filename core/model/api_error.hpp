#pragma once
// The API's error bodies: the typed ones ({"type": "not_found", "message": ..., ...}), the older
// Instance ones (invalid_request_error, unknown_resource), Prometheus's ({"errorType", "error"})
// and bodies that are not JSON at all.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json_codec.hpp"

namespace metal::model {

struct ErrorDetail {
  std::string argument_name;  // invalid_arguments
  std::string reason;
  std::string help_message;
  std::string resource;  // permissions_denied, quotas_exceeded
  std::string action;
  std::optional<std::int64_t> quota;
  std::optional<std::int64_t> current;
  bool operator==(const ErrorDetail&) const = default;
};

struct ApiErrorBody {
  std::string type;  // invalid_arguments, not_found, transient_state, invalid_request_error, ...
  std::string message;
  std::string resource;
  std::string resource_id;
  std::string current_state;
  std::string method;  // denied_authentication
  std::string reason;
  std::vector<ErrorDetail> details;
  std::map<std::string, std::vector<std::string>> fields;  // invalid_request_error
  bool operator==(const ApiErrorBody&) const = default;

  /// One readable sentence: the message, plus the details that say what to fix.
  std::string summary() const;
};

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ErrorDetail& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ApiErrorBody& out);
Json encode(const ErrorDetail& v);
Json encode(const ApiErrorBody& v);

/// Reads an error response body of any kind; a non-JSON body (a gateway page) yields nullopt
/// and the caller falls back to the HTTP status text.
std::optional<ApiErrorBody> parse_error_body(std::string_view body);

}  // namespace metal::model
