#pragma once
// Who is who in the simulated cloud: organizations, their projects, API keys with their roles,
// SSH keys, and the quotas that bound what an organization may create. A key of one organization
// never sees another's resources; the checks that decide it are here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/expected.hpp"
#include "model/timestamp.hpp"
#include "sim/api_refusal.hpp"
#include "sim/world_context.hpp"

namespace metal::sim {

struct Organization {
  std::string id;
  std::string name;
};

struct Project {
  std::string id;
  std::string name;
  std::string organization_id;
  model::Timestamp created_at;
};

enum class KeyRole { read_only, read_write, admin };
std::string_view to_string(KeyRole role);

struct ApiKey {
  std::string access_key;  // SCW..., names the key
  std::string secret_key;  // the token itself
  std::string organization_id;
  std::string project_id;  // default project
  KeyRole role = KeyRole::read_write;
  std::string description;
  model::Timestamp created;
};

/// An SSH key of IAM: organization-wide, attached to a project.
struct SshKeyRecord {
  std::string id;
  std::string name;
  std::string public_key;
  std::string fingerprint;
  std::string organization_id;
  std::string project_id;
  model::Timestamp created, updated;
  bool disabled = false;
};

/// Limits per organization: creating beyond one is refused with `quotas_exceeded`.
struct Quotas {
  std::int64_t servers = 0, volumes = 0, snapshots = 0, images = 0, ips = 0, security_groups = 0,
               placement_groups = 0;
};

class Tenancy {
 public:
  const std::vector<Organization>& organizations() const { return organizations_; }
  const std::vector<Project>& projects() const { return projects_; }
  const std::vector<ApiKey>& api_keys() const { return api_keys_; }
  const std::vector<SshKeyRecord>& ssh_keys() const { return ssh_keys_; }
  const ApiKey* find_key_by_secret(std::string_view secret) const;
  /// "" when there is no such project.
  std::string organization_of_project(std::string_view project) const;
  /// Per project: whether a listing for `organization` / `project` ("" : any) shows its servers.
  std::vector<char> projects_listed(std::string_view organization, std::string_view project) const;
  /// Refused unless `key` may create in `project` (its organization's, or any for an admin).
  std::optional<ApiRefusal> check_project(const ApiKey& key, std::string_view project,
                                          std::string_view resource) const;
  const Quotas& quotas(std::string_view organization) const;
  /// Refused when the organization already holds `current` of what `limit` allows.
  std::optional<ApiRefusal> check_quota(std::string_view organization, std::string_view resource,
                                        std::int64_t Quotas::*limit, std::int64_t current) const;

  // Seeding.
  void add_organization(Organization organization);
  void add_project(Project project);
  void add_key(WorldContext& context, const std::string& organization, const std::string& project,
               KeyRole role);
  void set_default_quotas(const Quotas& quotas) { default_quotas_ = quotas; }
  void backdate_ssh_keys(model::Timestamp at);

  void set_quotas(WorldContext& context, const std::string& organization, const Quotas& quotas);
  Expected<SshKeyRecord, ApiRefusal> create_ssh_key(WorldContext& context, const ApiKey& key,
                                                    std::string name, std::string public_key,
                                                    std::string project);
  Expected<SshKeyRecord, ApiRefusal> update_ssh_key(WorldContext& context, std::string_view id,
                                                    std::optional<std::string> name,
                                                    std::optional<bool> disabled);
  std::optional<ApiRefusal> delete_ssh_key(WorldContext& context, std::string_view id);
  /// A new key of the creator's organization and role; its secret is in the answer only.
  /// (Keys move in memory: a caller holding an ApiKey* must not use it after these.)
  Expected<ApiKey, ApiRefusal> create_api_key(WorldContext& context, const ApiKey& creator,
                                              std::string description, std::string project);
  std::optional<ApiRefusal> delete_api_key(WorldContext& context, std::string_view access_key);

 private:
  friend class World;  // saves and restores it

  std::vector<Organization> organizations_;
  std::vector<Project> projects_;
  std::vector<ApiKey> api_keys_;
  std::vector<SshKeyRecord> ssh_keys_;
  std::map<std::string, Quotas, std::less<>> quotas_;  // by organization; absent: the default
  Quotas default_quotas_;
};

}  // namespace metal::sim
