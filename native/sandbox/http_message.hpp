#pragma once
// From Beast's parsed request to the core's api::Request: the one translation the sandbox makes,
// header-only so the request fuzz target runs exactly this code.

#include <optional>
#include <string>

#include <boost/beast/http.hpp>

#include "api/http.hpp"

namespace metal::native {

inline std::optional<api::Method> method_of(boost::beast::http::verb method) {
  using boost::beast::http::verb;
  switch (method) {
    case verb::get:
      return api::Method::get;
    case verb::post:
      return api::Method::post;
    case verb::put:
      return api::Method::put;
    case verb::patch:
      return api::Method::patch;
    case verb::delete_:
      return api::Method::del;
    default:
      return std::nullopt;
  }
}

/// nullopt for a method the API does not have (answered 405).
inline std::optional<api::Request> to_core_request(
    const boost::beast::http::request<boost::beast::http::string_body>& request) {
  const auto method = method_of(request.method());
  if (!method) return std::nullopt;
  api::Request core;
  core.method = *method;
  core.target = std::string(request.target());
  for (const auto& field : request)
    core.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  core.body = request.body();
  return core;
}

}  // namespace metal::native
