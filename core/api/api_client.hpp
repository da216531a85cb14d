#pragma once
// What every typed client shares: the transport, the key, and the few generic ways a call can go
// (decode a JSON body, take text, expect nothing). Typed clients (instance, account, billing,
// metrics) are thin lists of routes over these.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "api/api_error.hpp"
#include "api/transport.hpp"
#include "model/json_codec.hpp"

namespace metal::api {

struct Credentials {
  std::string secret_key;  // sent as X-Auth-Token; never logged, never in a URL
};

template <class T>
using Done = Callback<void(ApiResult<T>)>;

/// A call that answers no body (DELETE -> 204).
struct NoContent {};

/// The filters of any list route, passed through as the API names them
/// ({"project", id}, {"name", "web"}, {"order", "creation_date_asc"}, ...), plus paging.
struct ListQuery {
  std::vector<std::pair<std::string, std::string>> filters;
  int page = 1;
  int per_page = 100;  // the API's maximum
  // Instance v1 says "per_page"; the newer APIs (Account, IAM, Billing, Cockpit) "page_size".
  const char* page_size_name = "per_page";
  ListQuery& with(std::string key, std::string value) {
    filters.emplace_back(std::move(key), std::move(value));
    return *this;
  }
};

/// "?filters...&page=N&per_page=M" for a list route.
std::string list_query_string(const ListQuery& query);
/// Joins values the way list filters take them ("a,b,c").
std::string join_comma(const std::vector<std::string>& items);
/// The total a list answer announces: the X-Total-Count header, else `fallback`.
std::int64_t total_from_headers(const Response& response, std::int64_t fallback);

class ApiClient {
 public:
  ApiClient(Transport& transport, Credentials credentials)
      : transport_(transport), credentials_(std::move(credentials)) {}

  Transport& transport() { return transport_; }
  const Transport& transport() const { return transport_; }

  /// A request with the key in its X-Auth-Token header (and nowhere else).
  Request make_request(Method method, std::string target, std::string body = {},
                       std::string_view content_type = "application/json") const;

  /// Sends and hands back the raw response when it is a success, one ApiError otherwise.
  void send(Request request, Done<Response> done);

  /// Sends and decodes a success body as `Body`.
  template <class Body>
  void call(Request request, Done<Body> done) {
    std::string described = request.describe();
    send(std::move(request),
         [described = std::move(described), done = std::move(done)](ApiResult<Response> result) {
           if (!result) return done(Unexpected{result.error()});
           auto body = model::decode_body<Body>(result->body);
           if (!body)
             return done(Unexpected{error_from_decode(described, body.error().to_string())});
           done(std::move(body).value());
         });
  }
  template <class Body>
  void get(std::string target, Done<Body> done) {
    call<Body>(make_request(Method::get, std::move(target)), std::move(done));
  }
  /// POST / PUT / PATCH with a JSON body.
  template <class Body>
  void write(Method method, std::string target, const model::Json& body, Done<Body> done) {
    call<Body>(make_request(method, std::move(target), body.dump()), std::move(done));
  }
  /// A call whose answer body does not matter (DELETE, user data PATCH).
  void call_no_content(Request request, Done<NoContent> done);
  /// A call whose answer is text (user data).
  void call_text(Request request, Done<std::string> done);

 private:
  Transport& transport_;
  Credentials credentials_;
};

}  // namespace metal::api
