#pragma once
// IAM v1alpha1: SSH keys (GET /iam/v1alpha1/ssh-keys -> {"ssh_keys", "total_count"}) and API keys
// (GET /iam/v1alpha1/api-keys -> {"api_keys", "total_count"}). Single resources come bare.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "timestamp.hpp"

namespace metal::model {

struct SshKey {
  std::string id;
  std::string name;
  std::string public_key;
  std::string fingerprint;
  std::string organization_id;
  std::string project_id;
  bool disabled = false;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;
  bool operator==(const SshKey&) const = default;
};
struct SshKeyList {
  std::int64_t total_count = 0;
  std::vector<SshKey> ssh_keys;
  bool operator==(const SshKeyList&) const = default;
};

/// An API key. The secret only exists in the answer to its creation; the console shows it once.
struct ApiKey {
  std::string access_key;                 // "SCW...": names the key, grants nothing
  std::optional<std::string> secret_key;  // null except right after creation
  std::optional<std::string> application_id;
  std::optional<std::string> user_id;
  std::string description;
  std::string default_project_id;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;
  std::optional<Timestamp> expires_at;  // null: never expires
  bool editable = true;
  bool deletable = true;
  bool managed = false;
  std::string creation_ip;
  bool operator==(const ApiKey&) const = default;
};
struct ApiKeyList {
  std::int64_t total_count = 0;
  std::vector<ApiKey> api_keys;
  bool operator==(const ApiKeyList&) const = default;
};

template <class V, class S>
requires Of<S, SshKey>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("public_key", x.public_key);
  v("fingerprint", x.fingerprint), v("organization_id", x.organization_id);
  v("project_id", x.project_id), v("disabled", x.disabled), v("created_at", x.created_at);
  v("updated_at", x.updated_at);
}
template <class V, class S>
requires Of<S, SshKeyList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("ssh_keys", x.ssh_keys);
}
template <class V, class S>
requires Of<S, ApiKey>
void fields(V& v, S& x) {
  v("access_key", x.access_key), v("secret_key", x.secret_key);
  v("application_id", x.application_id), v("user_id", x.user_id);
  v("description", x.description), v("default_project_id", x.default_project_id);
  v("created_at", x.created_at), v("updated_at", x.updated_at), v("expires_at", x.expires_at);
  v("editable", x.editable), v("deletable", x.deletable), v("managed", x.managed);
  v("creation_ip", x.creation_ip);
}
template <class V, class S>
requires Of<S, ApiKeyList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("api_keys", x.api_keys);
}

}  // namespace metal::model
