#include "api_error.hpp"

#include "model/api_error.hpp"

namespace metal::api {

std::string ApiError::to_string() const {
  std::string out = message;
  out += " (";
  if (status != 0) out += std::to_string(status);
  // "http" only says the body was not one of the API's typed errors: the status says it all.
  if (type != "http") out += (status != 0 ? " " : "") + type;
  out += ", " + request + ")";
  return out;
}

ApiError error_from_response(const Request& request, const Response& response) {
  ApiError error;
  error.request = request.describe();
  error.status = response.status;
  if (response.status == 0) {
    error.type = "network";
    error.message =
        response.network_error.empty() ? "no response from the API" : response.network_error;
    return error;
  }
  if (auto body = model::parse_error_body(response.body)) {
    error.type = body->type.empty() ? "error" : body->type;
    error.message = body->summary();
  } else {
    error.type = "http";
    error.message = std::string(status_text(response.status));
  }
  return error;
}

ApiError error_from_decode(std::string request, const std::string& what) {
  return ApiError{std::move(request), 0, "bad_response", "unexpected response body: " + what};
}

}  // namespace metal::api
