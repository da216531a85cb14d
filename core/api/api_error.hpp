#pragma once
// The one error type every API call reports, and the one place that turns a failed response
// into words for a person. It names the request (method and path, never the key).

#include <string>

#include "http.hpp"
#include "model/expected.hpp"

namespace metal::api {

struct ApiError {
  std::string request;  // "POST /instance/v1/zones/fr-par-1/servers/<id>/action"
  int status = 0;       // 0: no HTTP answer (network) or an answer the console could not read
  std::string type;     // the API's error type, or "network" / "bad_response"
  std::string message;  // readable, from the API's own message where there is one

  /// "server should be stopped (400 invalid_request_error, POST /instance/v1/...)"
  std::string to_string() const;
};

template <class T>
using ApiResult = Expected<T, ApiError>;

/// The error for a response that is not a success: the API's typed body when there is one,
/// the HTTP status text otherwise, the transport's message when nothing came back.
ApiError error_from_response(const Request& request, const Response& response);
/// The error for a success response whose body the console could not decode; `request` is the
/// request's describe().
ApiError error_from_decode(std::string request, const std::string& what);

}  // namespace metal::api
