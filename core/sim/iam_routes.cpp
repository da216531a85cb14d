// Account v3 projects and IAM v1alpha1 SSH keys and API keys, as the simulated cloud answers
// them: organization-wide, paged by page/page_size with the total in the body.

#include <algorithm>

#include "model/iam.hpp"
#include "model/json_decode.hpp"
#include "model/project.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/route_table.hpp"

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

model::Json project_json(const Project& p) {
  model::Project out;
  out.id = p.id;
  out.name = p.name;
  out.organization_id = p.organization_id;
  out.created_at = out.updated_at = p.created_at;
  return model::to_json(out);
}

bool sees_project(const ApiKey& key, const Project& p) {
  return p.organization_id == key.organization_id || key.role == KeyRole::admin;
}

Response list_projects(const RouteCall& call) {
  const ApiKey& key = *call.key;
  std::vector<const Project*> visible;
  for (const Project& p : call.world.tenancy().projects())
    if (sees_project(key, p)) visible.push_back(&p);
  Paging paging;
  if (auto refused = read_paging(call.request, paging)) return *refused;
  if (auto refused = tenant_of(key, paging)) return *refused;
  std::vector<const Project*> matching;
  for (const Project* p : visible)
    if ((paging.organization_id.empty() || p->organization_id == paging.organization_id) &&
        (paging.name.empty() || p->name.find(paging.name) != std::string::npos))
      matching.push_back(p);
  return paged(matching, paging, "projects", [](const Project* p) { return project_json(*p); });
}

Response get_project(const RouteCall& call) {
  const std::string_view id = call.param("id");
  for (const Project& p : call.world.tenancy().projects())
    if (sees_project(*call.key, p) && p.id == id) return json_response(200, project_json(p));
  return not_found("project", id);
}

// ---- API keys: the secret never leaves in a listing, only in the answer to a creation ---------

std::vector<const ApiKey*> visible_keys(const RouteCall& call) {
  std::vector<const ApiKey*> keys;
  for (const ApiKey& k : call.world.tenancy().api_keys())
    if (k.organization_id == call.key->organization_id || call.key->role == KeyRole::admin)
      keys.push_back(&k);
  return keys;
}

model::ApiKey api_key_model(const ApiKey& k) {
  model::ApiKey out;
  out.access_key = k.access_key;
  out.default_project_id = k.project_id;
  out.description = k.description.empty() ? std::string(to_string(k.role)) + " key" : k.description;
  out.application_id =
      "00000000-0000-0000-0000-00000000" + k.access_key.substr(k.access_key.size() - 4);
  if (k.created.micros) out.created_at = out.updated_at = k.created;
  return out;
}

Response list_api_keys(const RouteCall& call) {
  const std::vector<const ApiKey*> keys = visible_keys(call);
  Paging paging;
  if (auto refused = read_paging(call.request, paging)) return *refused;
  if (auto refused = tenant_of(*call.key, paging)) return *refused;
  std::vector<const ApiKey*> matching;
  for (const ApiKey* k : keys)
    if (paging.organization_id.empty() || k->organization_id == paging.organization_id)
      matching.push_back(k);
  return paged(matching, paging, "api_keys",
               [](const ApiKey* k) { return model::to_json(api_key_model(*k)); });
}

Response create_api_key(const RouteCall& call) {
  const ApiKey& key = *call.key;
  if (key.role == KeyRole::read_only) return permissions_denied("api_key", "write");
  auto body = model::decode_text<ApiKeyRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  auto created = call.world.create_api_key(key, body->description.value_or(""),
                                           body->default_project_id.value_or(""));
  // `key` may point into the moved keys from here on: not used again.
  if (!created) return answer(created.error());
  model::ApiKey out = api_key_model(*created);
  out.secret_key = created->secret_key;
  return json_response(200, model::to_json(out));
}

Response get_api_key(const RouteCall& call) {
  const std::string_view id = call.param("id");
  for (const ApiKey* k : visible_keys(call))
    if (k->access_key == id) return json_response(200, model::to_json(api_key_model(*k)));
  return not_found("api_key", id);
}

Response delete_api_key(const RouteCall& call) {
  const std::string_view id = call.param("id");
  if (call.key->role == KeyRole::read_only) return permissions_denied("api_key", "delete");
  const std::vector<const ApiKey*> keys = visible_keys(call);
  if (std::none_of(keys.begin(), keys.end(), [&](const ApiKey* k) { return k->access_key == id; }))
    return not_found("api_key", id);
  if (auto refused = call.world.delete_api_key(id)) return answer(*refused);
  Response gone;
  gone.status = 204;
  return gone;
}

// ---- SSH keys ----------------------------------------------------------------------------------

model::Json ssh_key_json(const SshKeyRecord& k) {
  return model::to_json(to_model(k));
}

bool sees_ssh_key(const ApiKey& key, const SshKeyRecord& k) {
  return k.organization_id == key.organization_id || key.role == KeyRole::admin;
}

/// The caller's SSH key {id}; null when there is none it may see.
const SshKeyRecord* ssh_key_of(const RouteCall& call) {
  const auto& all = call.world.tenancy().ssh_keys();
  const auto found = std::find_if(all.begin(), all.end(), [&](const SshKeyRecord& k) {
    return k.id == call.param("id") && sees_ssh_key(*call.key, k);
  });
  return found == all.end() ? nullptr : &*found;
}

Response list_ssh_keys(const RouteCall& call) {
  const ApiKey& key = *call.key;
  Paging paging;
  if (auto refused = read_paging(call.request, paging)) return *refused;
  if (auto refused = tenant_of(key, paging)) return *refused;
  std::vector<const SshKeyRecord*> matching;
  for (const SshKeyRecord& k : call.world.tenancy().ssh_keys())
    if (sees_ssh_key(key, k) &&
        (paging.organization_id.empty() || k.organization_id == paging.organization_id) &&
        (paging.project_id.empty() || k.project_id == paging.project_id) &&
        (paging.name.empty() || k.name.find(paging.name) != std::string::npos))
      matching.push_back(&k);
  return paged(matching, paging, "ssh_keys",
               [](const SshKeyRecord* k) { return ssh_key_json(*k); });
}

Response create_ssh_key(const RouteCall& call) {
  if (call.key->role == KeyRole::read_only) return write_denied();
  auto body = model::decode_text<SshKeyRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->public_key)
    return invalid_argument("public_key", "required", "required key not provided");
  auto created = call.world.create_ssh_key(*call.key, body->name.value_or(""), *body->public_key,
                                           body->project_id.value_or(""));
  if (!created) return answer(created.error());
  return json_response(200, ssh_key_json(*created));
}

Response get_ssh_key(const RouteCall& call) {
  const SshKeyRecord* found = ssh_key_of(call);
  if (!found) return not_found("ssh_key", call.param("id"));
  return json_response(200, ssh_key_json(*found));
}

Response update_ssh_key(const RouteCall& call) {
  if (call.key->role == KeyRole::read_only) return write_denied();
  if (!ssh_key_of(call)) return not_found("ssh_key", call.param("id"));
  auto body = model::decode_text<SshKeyRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  auto updated = call.world.update_ssh_key(call.param("id"), body->name, body->disabled);
  if (!updated) return answer(updated.error());
  return json_response(200, ssh_key_json(*updated));
}

Response delete_ssh_key(const RouteCall& call) {
  if (call.key->role == KeyRole::read_only) return write_denied();
  if (!ssh_key_of(call)) return not_found("ssh_key", call.param("id"));
  if (auto refused = call.world.delete_ssh_key(call.param("id"))) return answer(*refused);
  Response gone;
  gone.status = 204;
  return gone;
}

}  // namespace

void add_iam_routes(RouteTable& table) {
  table.add(Method::get, "/account/v3/projects", list_projects);
  table.add(Method::get, "/account/v3/projects/{id}", get_project);
  table.add(Method::get, "/iam/v1alpha1/ssh-keys", list_ssh_keys);
  table.add(Method::post, "/iam/v1alpha1/ssh-keys", create_ssh_key);
  table.add(Method::get, "/iam/v1alpha1/ssh-keys/{id}", get_ssh_key);
  table.add(Method::patch, "/iam/v1alpha1/ssh-keys/{id}", update_ssh_key);
  table.add(Method::del, "/iam/v1alpha1/ssh-keys/{id}", delete_ssh_key);
  table.add(Method::get, "/iam/v1alpha1/api-keys", list_api_keys);
  table.add(Method::post, "/iam/v1alpha1/api-keys", create_api_key);
  table.add(Method::get, "/iam/v1alpha1/api-keys/{id}", get_api_key);
  table.add(Method::del, "/iam/v1alpha1/api-keys/{id}", delete_api_key);
}

}  // namespace metal::sim
