#include "api/account_client.hpp"

#include "api/paging.hpp"

namespace metal::api {
namespace {

using model::Json;

constexpr const char* kProjects = "/account/v3/projects";
constexpr const char* kSshKeys = "/iam/v1alpha1/ssh-keys";
constexpr const char* kApiKeys = "/iam/v1alpha1/api-keys";

std::string item(const char* collection, std::string_view id) {
  return std::string(collection) + "/" + url_encode(id);
}

ListQuery newer_api(ListQuery query) {
  query.page_size_name = "page_size";
  return query;
}

}  // namespace

void AccountClient::list_projects(ListQuery query, Done<model::ProjectList> done) {
  list_all<model::ProjectList>(*this, kProjects, newer_api(std::move(query)), std::move(done));
}

void AccountClient::get_project(std::string id, Done<model::Project> done) {
  get<model::Project>(item(kProjects, id), std::move(done));
}

void AccountClient::create_project(std::string organization_id, std::string name,
                                   std::string description, Done<model::Project> done) {
  write<model::Project>(
      Method::post, kProjects,
      Json{{"organization_id", organization_id}, {"name", name}, {"description", description}},
      std::move(done));
}

void AccountClient::update_project(std::string id, std::optional<std::string> name,
                                   std::optional<std::string> description,
                                   Done<model::Project> done) {
  Json body = Json::object();
  if (name) body["name"] = *name;
  if (description) body["description"] = *description;
  write<model::Project>(Method::patch, item(kProjects, id), body, std::move(done));
}

void AccountClient::delete_project(std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, item(kProjects, id)), std::move(done));
}

void AccountClient::list_ssh_keys(ListQuery query, Done<model::SshKeyList> done) {
  list_all<model::SshKeyList>(*this, kSshKeys, newer_api(std::move(query)), std::move(done));
}

void AccountClient::get_ssh_key(std::string id, Done<model::SshKey> done) {
  get<model::SshKey>(item(kSshKeys, id), std::move(done));
}

void AccountClient::create_ssh_key(const SshKeyCreate& spec, Done<model::SshKey> done) {
  Json body{{"name", spec.name}, {"public_key", spec.public_key}};
  if (!spec.project_id.empty()) body["project_id"] = spec.project_id;
  write<model::SshKey>(Method::post, kSshKeys, body, std::move(done));
}

void AccountClient::update_ssh_key(std::string id, std::optional<std::string> name,
                                   std::optional<bool> disabled, Done<model::SshKey> done) {
  Json body = Json::object();
  if (name) body["name"] = *name;
  if (disabled) body["disabled"] = *disabled;
  write<model::SshKey>(Method::patch, item(kSshKeys, id), body, std::move(done));
}

void AccountClient::delete_ssh_key(std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, item(kSshKeys, id)), std::move(done));
}

void AccountClient::list_api_keys(ListQuery query, Done<model::ApiKeyList> done) {
  list_all<model::ApiKeyList>(*this, kApiKeys, newer_api(std::move(query)), std::move(done));
}

void AccountClient::get_api_key(std::string access_key, Done<model::ApiKey> done) {
  get<model::ApiKey>(item(kApiKeys, access_key), std::move(done));
}

void AccountClient::create_api_key(const ApiKeyCreate& spec, Done<model::ApiKey> done) {
  Json body{{"description", spec.description}};
  if (!spec.default_project_id.empty()) body["default_project_id"] = spec.default_project_id;
  if (!spec.application_id.empty()) body["application_id"] = spec.application_id;
  if (!spec.user_id.empty()) body["user_id"] = spec.user_id;
  if (spec.expires_at) body["expires_at"] = model::format_timestamp(*spec.expires_at);
  write<model::ApiKey>(Method::post, kApiKeys, body, std::move(done));
}

void AccountClient::update_api_key(std::string access_key, std::optional<std::string> description,
                                   std::optional<std::string> default_project_id,
                                   Done<model::ApiKey> done) {
  Json body = Json::object();
  if (description) body["description"] = *description;
  if (default_project_id) body["default_project_id"] = *default_project_id;
  write<model::ApiKey>(Method::patch, item(kApiKeys, access_key), body, std::move(done));
}

void AccountClient::delete_api_key(std::string access_key, Done<NoContent> done) {
  call_no_content(make_request(Method::del, item(kApiKeys, access_key)), std::move(done));
}

}  // namespace metal::api
