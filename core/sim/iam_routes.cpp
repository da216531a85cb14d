// Account v3 projects and IAM v1alpha1 SSH keys and API keys, as the simulated cloud answers
// them: organization-wide, paged by page/page_size with the total in the body.

#include <algorithm>

#include "model/iam.hpp"
#include "model/json_decode.hpp"
#include "model/project.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {

constexpr int kDefaultPageSize = 20;

struct Paging {
  int page = 1;
  int page_size = kDefaultPageSize;
  std::string organization_id, project_id, name;
};

// page, page_size and the common filters; anything malformed is refused with its name.
std::optional<Response> read_paging(const Request& request, Paging& out) {
  std::optional<Response> refused;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (read_paging_param(name, value, "page_size", out.page, out.page_size, refused)) {
      if (refused) return refused;
    } else if (name == "organization_id") {
      out.organization_id = value;
    } else if (name == "project_id") {
      out.project_id = value;
    } else if (name == "name") {
      out.name = value;
    }
  }
  return std::nullopt;
}

// Which organization a key may list: its own (an admin: any it names).
std::optional<Response> tenant_of(const ApiKey& key, Paging& paging) {
  if (paging.organization_id.empty()) {
    if (key.role != KeyRole::admin) paging.organization_id = key.organization_id;
    return std::nullopt;
  }
  if (paging.organization_id != key.organization_id && key.role != KeyRole::admin)
    return permissions_denied("organization", "read");
  return std::nullopt;
}

template <class Item, class Encode>
Response paged(const std::vector<Item>& items, const Paging& paging, const char* collection,
               Encode encode) {
  Json list = Json::array();
  const auto first =
      static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
  for (std::size_t i = first;
       i < items.size() && i < first + static_cast<std::size_t>(paging.page_size); ++i)
    list.push_back(encode(items[i]));
  return json_response(200, Json{{collection, std::move(list)}, {"total_count", items.size()}});
}

model::SshKey to_model(const SshKeyRecord& k) {
  model::SshKey out;
  out.id = k.id;
  out.name = k.name;
  out.public_key = k.public_key;
  out.fingerprint = k.fingerprint;
  out.organization_id = k.organization_id;
  out.project_id = k.project_id;
  out.disabled = k.disabled;
  out.created_at = k.created;
  out.updated_at = k.updated;
  return out;
}

struct SshKeyRequest {
  std::optional<std::string> name, public_key, project_id;
  std::optional<bool> disabled;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, SshKeyRequest& out) {
  return model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "public_key", v, out.public_key) ||
         model::take(d, key, "project_id", v, out.project_id) ||
         model::take(d, key, "disabled", v, out.disabled);
}

// POST /iam/v1alpha1/api-keys
struct ApiKeyRequest {
  std::optional<std::string> description, default_project_id, application_id, user_id;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, ApiKeyRequest& out) {
  return model::take(d, key, "description", v, out.description) ||
         model::take(d, key, "default_project_id", v, out.default_project_id) ||
         model::take(d, key, "application_id", v, out.application_id) ||
         model::take(d, key, "user_id", v, out.user_id);
}

}  // namespace

Response ApiHandler::account_route(const Request& request, const ApiKey& key,
                                   std::string_view rest) {
  // rest: "" or "/{id}" after /account/v3/projects
  if (request.method != Method::get) return method_not_allowed();
  std::vector<const Project*> visible;
  for (const Project& p : world_.tenancy().projects())
    if (p.organization_id == key.organization_id || key.role == KeyRole::admin)
      visible.push_back(&p);
  auto encode = [](const Project* p) {
    model::Project out;
    out.id = p->id;
    out.name = p->name;
    out.organization_id = p->organization_id;
    out.created_at = out.updated_at = p->created_at;
    return model::to_json(out);
  };
  std::string_view id;
  if (take_segment(rest, id)) {
    if (!rest.empty())
      return error_response(404, "not_found", "no route for " + std::string(request.path()));
    for (const Project* p : visible)
      if (p->id == id) return json_response(200, encode(p));
    return not_found("project", id);
  }
  Paging paging;
  if (auto refused = read_paging(request, paging)) return *refused;
  if (auto refused = tenant_of(key, paging)) return *refused;
  std::vector<const Project*> matching;
  for (const Project* p : visible)
    if ((paging.organization_id.empty() || p->organization_id == paging.organization_id) &&
        (paging.name.empty() || p->name.find(paging.name) != std::string::npos))
      matching.push_back(p);
  return paged(matching, paging, "projects", encode);
}

Response ApiHandler::iam_route(const Request& request, const ApiKey& key,
                               std::string_view collection, std::string_view rest) {
  std::string_view id;
  const bool one = take_segment(rest, id);
  if (!rest.empty())
    return error_response(404, "not_found", "no route for " + std::string(request.path()));

  if (collection == "api-keys") {
    std::vector<const ApiKey*> keys;
    for (const ApiKey& k : world_.tenancy().api_keys())
      if (k.organization_id == key.organization_id || key.role == KeyRole::admin)
        keys.push_back(&k);
    // The secret never leaves in a listing: it exists only in the answer to a creation.
    auto to_model = [](const ApiKey& k) {
      model::ApiKey out;
      out.access_key = k.access_key;
      out.default_project_id = k.project_id;
      out.description =
          k.description.empty() ? std::string(to_string(k.role)) + " key" : k.description;
      out.application_id =
          "00000000-0000-0000-0000-00000000" + k.access_key.substr(k.access_key.size() - 4);
      if (k.created.micros) out.created_at = out.updated_at = k.created;
      return out;
    };
    auto encode = [&](const ApiKey* k) { return model::to_json(to_model(*k)); };
    if (request.method == Method::post && !one) {
      if (key.role == KeyRole::read_only) return permissions_denied("api_key", "write");
      auto body = model::decode_text<ApiKeyRequest>(request.body);
      if (!body) return bad_body(body.error());
      auto created = world_.create_api_key(key, body->description.value_or(""),
                                           body->default_project_id.value_or(""));
      // `key` may point into the moved keys from here on: not used again.
      if (!created) return answer(created.error());
      model::ApiKey out = to_model(*created);
      out.secret_key = created->secret_key;
      return json_response(200, model::to_json(out));
    }
    if (request.method == Method::del && one) {
      if (key.role == KeyRole::read_only) return permissions_denied("api_key", "delete");
      if (std::none_of(keys.begin(), keys.end(),
                       [&](const ApiKey* k) { return k->access_key == id; }))
        return not_found("api_key", id);
      if (auto refused = world_.delete_api_key(id)) return answer(*refused);
      Response gone;
      gone.status = 204;
      return gone;
    }
    if (request.method != Method::get) return method_not_allowed();
    if (one) {
      for (const ApiKey* k : keys)
        if (k->access_key == id) return json_response(200, encode(k));
      return not_found("api_key", id);
    }
    Paging paging;
    if (auto refused = read_paging(request, paging)) return *refused;
    if (auto refused = tenant_of(key, paging)) return *refused;
    std::vector<const ApiKey*> matching;
    for (const ApiKey* k : keys)
      if (paging.organization_id.empty() || k->organization_id == paging.organization_id)
        matching.push_back(k);
    return paged(matching, paging, "api_keys", encode);
  }

  // ssh-keys
  auto encode = [](const SshKeyRecord* k) { return model::to_json(to_model(*k)); };
  auto visible = [&](const SshKeyRecord& k) {
    return k.organization_id == key.organization_id || key.role == KeyRole::admin;
  };
  const bool writes = request.method != Method::get;
  if (writes && key.role == KeyRole::read_only) return write_denied();
  if (!one) {
    if (request.method == Method::post) {
      auto body = model::decode_text<SshKeyRequest>(request.body);
      if (!body) return bad_body(body.error());
      if (!body->public_key)
        return invalid_argument("public_key", "required", "required key not provided");
      auto created = world_.create_ssh_key(key, body->name.value_or(""), *body->public_key,
                                           body->project_id.value_or(""));
      if (!created) return answer(created.error());
      return json_response(200, encode(&*created));
    }
    if (request.method != Method::get) return method_not_allowed();
    Paging paging;
    if (auto refused = read_paging(request, paging)) return *refused;
    if (auto refused = tenant_of(key, paging)) return *refused;
    std::vector<const SshKeyRecord*> matching;
    for (const SshKeyRecord& k : world_.tenancy().ssh_keys())
      if (visible(k) &&
          (paging.organization_id.empty() || k.organization_id == paging.organization_id) &&
          (paging.project_id.empty() || k.project_id == paging.project_id) &&
          (paging.name.empty() || k.name.find(paging.name) != std::string::npos))
        matching.push_back(&k);
    return paged(matching, paging, "ssh_keys", encode);
  }
  const auto found =
      std::find_if(world_.tenancy().ssh_keys().begin(), world_.tenancy().ssh_keys().end(),
                   [&](const SshKeyRecord& k) { return k.id == id && visible(k); });
  if (found == world_.tenancy().ssh_keys().end()) return not_found("ssh_key", id);
  if (request.method == Method::get) return json_response(200, encode(&*found));
  if (request.method == Method::patch) {
    auto body = model::decode_text<SshKeyRequest>(request.body);
    if (!body) return bad_body(body.error());
    auto updated = world_.update_ssh_key(id, body->name, body->disabled);
    if (!updated) return answer(updated.error());
    return json_response(200, encode(&*updated));
  }
  if (request.method == Method::del) {
    if (auto refused = world_.delete_ssh_key(id)) return answer(*refused);
    Response gone;
    gone.status = 204;
    return gone;
  }
  return method_not_allowed();
}

}  // namespace metal::sim
