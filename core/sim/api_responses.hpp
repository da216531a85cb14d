#pragma once
// How the simulated API answers: JSON bodies, the API's error shapes, paging links, path and
// query helpers. Shared by the route files of the handler (*_routes.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "model/api_error.hpp"
#include "model/json_codec.hpp"
#include "model/server.hpp"
#include "sim/api_refusal.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {

inline constexpr int kMaxPerPage = 100;
inline constexpr int kDefaultPerPage = 50;

/// Every answer leaves through here. Request bytes echoed in messages (a path, a name) may not be
/// valid UTF-8: they are replaced (U+FFFD) rather than allowed to abort the serializer.
api::Response json_response(int status, const model::Json& body);
/// {"server": ...}: written directly (model::ServerJsonWriter), the same bytes as encoding it.
api::Response server_response(int status, const model::Server& server);
api::Response error_response(int status, const model::ApiErrorBody& body);
api::Response error_response(int status, std::string type, std::string message);
/// The world's refusal (sim/refusals.hpp builds them), as the API sends it.
api::Response answer(const ApiRefusal& refusal);
api::Response invalid_argument(std::string name, std::string reason, std::string help);
api::Response not_found(std::string resource, std::string_view id);
/// 403 permissions_denied naming the resource and the action refused.
api::Response permissions_denied(std::string resource, std::string action);
api::Response write_denied();  // permissions_denied("instance_server", "write")
api::Response method_not_allowed();
/// 404 for a path no route answers.
api::Response no_route(const api::Request& request);
/// Refused unless the caller sees server {id} and, to change it, holds a key that writes.
std::optional<api::Response> refuse_server(const RouteCall& call);
/// A body that does not decode: broken JSON is a bad request; a field of the wrong kind is an
/// invalid argument, named by its path.
api::Response bad_body(const model::DecodeError& error);

/// A paging parameter of a list query: `page`, or the page size under `size_name` ("per_page"
/// for Instance, "page_size" for the newer APIs). True when `name` was one of them; a value out of
/// range sets `refused` to the API's answer.
bool read_paging_param(std::string_view name, std::string_view value, std::string_view size_name,
                       int& page, int& size, std::optional<api::Response>& refused);

/// Whether a JSON text nests arrays and objects deeper than `limit` (strings skipped). Decoders
/// skip unknown fields however deep; the API refuses such bodies before anything reads them.
bool nested_deeper_than(std::string_view json, int limit);

/// Takes "/segment" off the front of `path`.
bool take_segment(std::string_view& path, std::string_view& segment);
std::optional<int> parse_int(std::string_view text);
std::vector<std::string> split_list(std::string_view text);
/// RFC 5988 links in the API's own form: </servers?page=2&per_page=50&>; rel="next"
std::string link_header(std::string_view resource, int page, int per_page, std::int64_t total);

}  // namespace metal::sim
