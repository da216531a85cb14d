#include "sim/api_responses.hpp"

#include "model/server_json_writer.hpp"
#include "sim/refusals.hpp"

#include <algorithm>
#include <charconv>

namespace metal::sim {

using api::Response;
using model::ApiErrorBody;
using model::Json;

// Every answer leaves through here. Request bytes echoed in messages (a path, a name) may not be
// valid UTF-8: they are replaced (U+FFFD) rather than allowed to abort the serializer.
Response json_response(int status, const Json& body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response server_response(int status, const model::Server& server) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = "{\"server\":";
  model::append_json(r.body, server);
  r.body += '}';
  return r;
}

Response error_response(int status, const ApiErrorBody& body) {
  return json_response(status, model::encode(body));
}

Response answer(const ApiRefusal& refusal) {
  return error_response(refusal.status, refusal.body);
}

Response error_response(int status, std::string type, std::string message) {
  ApiErrorBody body;
  body.type = std::move(type);
  body.message = std::move(message);
  return error_response(status, body);
}

Response invalid_argument(std::string name, std::string reason, std::string help) {
  return answer(invalid_argument_refusal(std::move(name), std::move(reason), std::move(help)));
}

Response not_found(std::string resource, std::string_view id) {
  return answer(not_found_refusal(std::move(resource), id));
}

Response permissions_denied(std::string resource, std::string action) {
  return answer(permissions_refusal(std::move(resource), std::move(action)));
}

Response write_denied() {
  return permissions_denied("instance_server", "write");
}

Response method_not_allowed() {
  return error_response(405, "invalid_request_error", "method not allowed");
}

Response no_route(const api::Request& request) {
  return error_response(404, "not_found", "no route for " + std::string(request.path()));
}

bool take_segment(std::string_view& path, std::string_view& segment) {
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  const auto slash = path.find('/');
  segment = path.substr(0, slash);
  path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  return !segment.empty();
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    if (auto item = text.substr(0, comma); !item.empty()) out.emplace_back(item);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

// RFC 5988 links in the API's own form: </servers?page=2&per_page=50&>; rel="next"
std::string link_header(std::string_view resource, int page, int per_page, std::int64_t total) {
  const auto last = static_cast<int>(std::max<std::int64_t>(1, (total + per_page - 1) / per_page));
  auto link = [&](int p, std::string_view rel) {
    return "<" + std::string(resource) + "?page=" + std::to_string(p) +
           "&per_page=" + std::to_string(per_page) + "&>; rel=\"" + std::string(rel) + "\"";
  };
  std::string out;
  auto add = [&](std::string item) {
    if (!out.empty()) out += ',';
    out += item;
  };
  if (page > 1) {
    add(link(1, "first"));
    add(link(std::min(page - 1, last), "previous"));
  }
  if (page < last) add(link(page + 1, "next"));
  add(link(last, "last"));
  return out;
}

// A body that does not decode: broken JSON is a bad request; a field of the wrong kind is an
// invalid argument, named by its path.
Response bad_body(const model::DecodeError& error) {
  if (error.path.empty() || error.message.starts_with("invalid JSON"))
    return error_response(400, "invalid_request_error", error.to_string());
  return invalid_argument(error.path, "constraint", error.message);
}

bool read_paging_param(std::string_view name, std::string_view value, std::string_view size_name,
                       int& page, int& size, std::optional<api::Response>& refused) {
  if (name == "page") {
    auto p = parse_int(value);
    if (!p || *p < 1)
      refused = invalid_argument("page", "constraint", "must be a positive integer");
    else
      page = *p;
    return true;
  }
  if (name == size_name) {
    auto p = parse_int(value);
    if (!p || *p < 1 || *p > kMaxPerPage)
      refused = invalid_argument(std::string(size_name), "constraint", "must be between 1 and 100");
    else
      size = *p;
    return true;
  }
  return false;
}

bool nested_deeper_than(std::string_view json, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : json) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace metal::sim
