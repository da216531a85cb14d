#include "api/api_client.hpp"

#include <charconv>

namespace metal::api {

std::string join_comma(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::string list_query_string(const ListQuery& query) {
  auto params = query.filters;
  params.emplace_back("page", std::to_string(query.page));
  params.emplace_back(query.page_size_name, std::to_string(query.per_page));
  return build_query(params);
}

std::int64_t total_from_headers(const Response& response, std::int64_t fallback) {
  auto header = response.header("X-Total-Count");
  if (!header) return fallback;
  std::int64_t total = 0;
  auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), total);
  if (ec != std::errc() || end != header->data() + header->size() || total < 0) return fallback;
  return total;
}

Request ApiClient::make_request(Method method, std::string target, std::string body,
                                std::string_view content_type) const {
  Request request;
  request.method = method;
  request.target = std::move(target);
  request.headers.emplace_back("X-Auth-Token", credentials_.secret_key);
  if (!body.empty() || method == Method::post || method == Method::put || method == Method::patch)
    request.headers.emplace_back("Content-Type", std::string(content_type));
  request.body = std::move(body);
  return request;
}

void ApiClient::send(Request request, Done<Response> done) {
  // Only the method and target outlives the send: the headers (and the key in them) stay with the
  // transport.
  Request for_errors;
  for_errors.method = request.method;
  for_errors.target = request.target;
  transport_.send(std::move(request),
                  [for_errors = std::move(for_errors), done = std::move(done)](Response response) {
                    if (!response.ok())
                      return done(Unexpected{error_from_response(for_errors, response)});
                    done(std::move(response));
                  });
}

void ApiClient::call_no_content(Request request, Done<NoContent> done) {
  send(std::move(request), [done = std::move(done)](ApiResult<Response> result) {
    if (!result) return done(Unexpected{result.error()});
    done(NoContent{});
  });
}

void ApiClient::call_text(Request request, Done<std::string> done) {
  send(std::move(request), [done = std::move(done)](ApiResult<Response> result) {
    if (!result) return done(Unexpected{result.error()});
    done(std::move(result->body));
  });
}

}  // namespace metal::api
