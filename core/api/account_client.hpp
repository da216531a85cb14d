#pragma once
// Projects (Account v3), SSH keys and API keys (IAM v1alpha1). Organization-wide: no zone.

#include <optional>
#include <string>

#include "api/api_client.hpp"
#include "model/iam.hpp"
#include "model/project.hpp"

namespace metal::api {

struct SshKeyCreate {
  std::string name;
  std::string public_key;
  std::string project_id;
};
struct ApiKeyCreate {
  std::string description;
  std::string default_project_id;
  std::string application_id;  // one of application_id / user_id
  std::string user_id;
  std::optional<model::Timestamp> expires_at;
};

class AccountClient : public ApiClient {
 public:
  using ApiClient::ApiClient;

  /// Every project the key can see (`organization_id`, `name`, `order_by` filters pass through).
  void list_projects(ListQuery query, Done<model::ProjectList> done);
  void get_project(std::string id, Done<model::Project> done);
  void create_project(std::string organization_id, std::string name, std::string description,
                      Done<model::Project> done);
  void update_project(std::string id, std::optional<std::string> name,
                      std::optional<std::string> description, Done<model::Project> done);
  void delete_project(std::string id, Done<NoContent> done);

  void list_ssh_keys(ListQuery query, Done<model::SshKeyList> done);
  void get_ssh_key(std::string id, Done<model::SshKey> done);
  void create_ssh_key(const SshKeyCreate& spec, Done<model::SshKey> done);
  void update_ssh_key(std::string id, std::optional<std::string> name, std::optional<bool> disabled,
                      Done<model::SshKey> done);
  void delete_ssh_key(std::string id, Done<NoContent> done);

  void list_api_keys(ListQuery query, Done<model::ApiKeyList> done);
  void get_api_key(std::string access_key, Done<model::ApiKey> done);
  /// The answer is the one place the new key's secret appears.
  void create_api_key(const ApiKeyCreate& spec, Done<model::ApiKey> done);
  void update_api_key(std::string access_key, std::optional<std::string> description,
                      std::optional<std::string> default_project_id, Done<model::ApiKey> done);
  void delete_api_key(std::string access_key, Done<NoContent> done);
};

}  // namespace metal::api
