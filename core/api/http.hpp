#pragma once
// Requests and responses as the core sees them, independent of who carries them
// (libcurl on the desktop, fetch in the browser, or the simulator in-process).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace metal::api {

enum class Method { get, post, put, patch, del };
std::string_view to_string(Method method);
std::optional<Method> parse_method(std::string_view text);

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Case-insensitive header lookup (HTTP header names are case-insensitive).
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

struct Request {
  Method method = Method::get;
  std::string target;  // path and query, relative to the API URL:
                       // "/instance/v1/zones/fr-par-1/servers?page=2"
  Headers headers;     // the X-Auth-Token travels here and nowhere else
  std::string body;

  /// "GET /instance/v1/zones/fr-par-1/servers": what a message may say about a request
  /// (never its headers, which hold the secret key).
  std::string describe() const;
  std::string_view path() const;   // target without the query
  std::string_view query() const;  // after '?', or empty
};

struct Response {
  int status = 0;             // 0: no HTTP answer at all (see network_error)
  std::string network_error;  // "connection refused", "timed out", ... when status == 0
  Headers headers;
  std::string body;

  bool ok() const { return status >= 200 && status < 300; }
  std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

/// "Not Found" for 404, ...: used when an error body is not JSON.
std::string_view status_text(int status);

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
std::string url_encode(std::string_view text);
std::string url_decode(std::string_view text);

/// Builds "?a=1&b=x%20y" from pairs, skipping empty values.
std::string build_query(const std::vector<std::pair<std::string, std::string>>& params);
/// Splits "a=1&b=x%20y" into decoded pairs.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace metal::api
