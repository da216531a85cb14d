// Who is who: organizations, projects, API keys and SSH keys, and the quotas per organization.

#include "sim/tenancy.hpp"

#include <algorithm>

#include "sim/refusals.hpp"

namespace metal::sim {
namespace {

// Equal or not, in a time that depends on the lengths only: the answer's timing tells an attacker
// nothing about how much of a guessed key was right.
bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    difference |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ (i < b.size() ? b[i] : 0));
  return difference == 0;
}

ApiRefusal invalid(std::string argument, std::string help) {
  return invalid_argument_refusal(std::move(argument), "constraint", std::move(help));
}

bool base64_text(std::string_view text) {
  if (text.size() < 16) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
  });
}

// "256 SHA256:... comment (ssh-ed25519)": the shape IAM shows. The digest here is the simulator's
// own (FNV-1a of the key), stable for the same key; not a real SHA-256.
std::string fingerprint_of(std::string_view type, std::string_view body, std::string_view comment) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : body)
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string digest;
  for (int round = 0; round < 4; ++round) {
    std::uint64_t bits = h ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(round + 1));
    for (int i = 0; i < 11; ++i, bits >>= 6)
      digest += kB64[bits & 63];
  }
  digest.resize(43);
  const std::string bits = type == "ssh-rsa" ? "4096" : "256";
  return bits + " SHA256:" + digest + (comment.empty() ? "" : " " + std::string(comment)) + " (" +
         std::string(type) + ")";
}

}  // namespace

std::string_view to_string(KeyRole role) {
  switch (role) {
    case KeyRole::read_only:
      return "read-only";
    case KeyRole::read_write:
      return "read-write";
    case KeyRole::admin:
      return "admin";
  }
  return "read-only";
}

const ApiKey* Tenancy::find_key_by_secret(std::string_view secret) const {
  const ApiKey* found = nullptr;
  for (const ApiKey& key : api_keys_)  // every key is compared, found or not
    if (constant_time_equal(key.secret_key, secret)) found = &key;
  return found;
}

std::string Tenancy::organization_of_project(std::string_view project) const {
  for (const Project& p : projects_)
    if (p.id == project) return p.organization_id;
  return {};
}

// Tenancy decided once per project, not by comparing ids on every server of a zone.
std::vector<char> Tenancy::projects_listed(std::string_view organization,
                                           std::string_view project) const {
  std::vector<char> listed(projects_.size());
  for (std::size_t p = 0; p < projects_.size(); ++p)
    listed[p] = (organization.empty() || projects_[p].organization_id == organization) &&
                (project.empty() || projects_[p].id == project);
  return listed;
}

std::optional<ApiRefusal> Tenancy::check_project(const ApiKey& key, std::string_view project,
                                                 std::string_view resource) const {
  const std::string owner = organization_of_project(project);
  if (owner.empty() || (owner != key.organization_id && key.role != KeyRole::admin))
    return permissions_refusal(std::string(resource), "write");
  return std::nullopt;
}

const Quotas& Tenancy::quotas(std::string_view organization) const {
  auto it = quotas_.find(organization);
  return it == quotas_.end() ? default_quotas_ : it->second;
}

void Tenancy::set_quotas(WorldContext& context, const std::string& organization,
                         const Quotas& quotas) {
  quotas_[organization] = quotas;
  ++context.changes;
}

std::optional<ApiRefusal> Tenancy::check_quota(std::string_view organization,
                                               std::string_view resource,
                                               std::int64_t Quotas::*limit,
                                               std::int64_t current) const {
  const std::int64_t quota = quotas(organization).*limit;
  if (current < quota) return std::nullopt;
  return quotas_refusal(std::string(resource), quota, current);
}

void Tenancy::add_organization(Organization organization) {
  organizations_.push_back(std::move(organization));
}

void Tenancy::add_project(Project project) {
  projects_.push_back(std::move(project));
}

void Tenancy::add_key(WorldContext& context, const std::string& organization,
                      const std::string& project, KeyRole role) {
  ApiKey key{"SCW" + context.random.hex(17),
             context.random.uuid(),
             organization,
             project,
             role,
             "",
             context.now};
  for (char& c : key.access_key)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  api_keys_.push_back(std::move(key));
}

void Tenancy::backdate_ssh_keys(model::Timestamp at) {
  for (SshKeyRecord& k : ssh_keys_)
    k.created = k.updated = at;
}

Expected<SshKeyRecord, ApiRefusal> Tenancy::create_ssh_key(WorldContext& context, const ApiKey& key,
                                                           std::string name, std::string public_key,
                                                           std::string project) {
  // "<type> <base64> [comment]", one line.
  const auto first_space = public_key.find(' ');
  const std::string_view type = std::string_view(public_key).substr(0, first_space);
  const std::string_view rest = first_space == std::string::npos
                                    ? std::string_view()
                                    : std::string_view(public_key).substr(first_space + 1);
  const std::string_view body = rest.substr(0, rest.find(' '));
  const std::string_view comment = rest.find(' ') == std::string_view::npos
                                       ? std::string_view()
                                       : rest.substr(rest.find(' ') + 1);
  if ((type != "ssh-ed25519" && type != "ssh-rsa" && type != "ecdsa-sha2-nistp256") ||
      !base64_text(body) || public_key.find('\n') != std::string::npos)
    return Unexpected{invalid("public_key",
                              "not a valid SSH public key (ssh-ed25519, ssh-rsa, "
                              "ecdsa-sha2-nistp256)")};
  if (name.size() > 255) return Unexpected{invalid("name", "at most 255 characters")};
  for (const SshKeyRecord& existing : ssh_keys_)
    if (existing.organization_id == key.organization_id &&
        existing.public_key.substr(
            0, existing.public_key.find(' ', existing.public_key.find(' ') + 1)) ==
            public_key.substr(0, public_key.find(' ', first_space + 1))) {
      ApiRefusal r = refusal(409, "resource_already_exists", "this SSH key is already registered");
      r.body.resource = "ssh_key";
      r.body.resource_id = existing.id;
      return Unexpected{r};
    }
  if (project.empty()) project = key.project_id;
  const bool own_project = std::any_of(projects_.begin(), projects_.end(), [&](const Project& p) {
    return p.id == project && p.organization_id == key.organization_id;
  });
  if (!own_project) return Unexpected{invalid("project_id", "not a project of this organization")};

  SshKeyRecord record;
  record.id = context.random.uuid();
  record.name = name.empty() ? "key-" + context.random.hex(6) : std::move(name);
  record.fingerprint = fingerprint_of(type, body, comment);
  record.public_key = std::move(public_key);
  record.organization_id = key.organization_id;
  record.project_id = std::move(project);
  record.created = record.updated = context.now;
  ssh_keys_.push_back(record);
  ++context.changes;
  return record;
}

Expected<SshKeyRecord, ApiRefusal> Tenancy::update_ssh_key(WorldContext& context,
                                                           std::string_view id,
                                                           std::optional<std::string> name,
                                                           std::optional<bool> disabled) {
  auto it = std::find_if(ssh_keys_.begin(), ssh_keys_.end(),
                         [&](const SshKeyRecord& k) { return k.id == id; });
  if (it == ssh_keys_.end()) return Unexpected{not_found_refusal("ssh_key", id)};
  if (name) {
    if (name->empty() || name->size() > 255)
      return Unexpected{invalid("name", "1 to 255 characters")};
    it->name = std::move(*name);
  }
  if (disabled) it->disabled = *disabled;
  it->updated = context.now;
  ++context.changes;
  return *it;
}

std::optional<ApiRefusal> Tenancy::delete_ssh_key(WorldContext& context, std::string_view id) {
  auto it = std::find_if(ssh_keys_.begin(), ssh_keys_.end(),
                         [&](const SshKeyRecord& k) { return k.id == id; });
  if (it == ssh_keys_.end()) return not_found_refusal("ssh_key", id);
  ssh_keys_.erase(it);
  ++context.changes;
  return std::nullopt;
}

Expected<ApiKey, ApiRefusal> Tenancy::create_api_key(WorldContext& context, const ApiKey& creator,
                                                     std::string description, std::string project) {
  if (description.size() > 200) return Unexpected{invalid("description", "at most 200 characters")};
  if (project.empty()) project = creator.project_id;
  const auto owner = std::find_if(projects_.begin(), projects_.end(),
                                  [&](const Project& p) { return p.id == project; });
  if (owner == projects_.end() || owner->organization_id != creator.organization_id)
    return Unexpected{invalid("default_project_id", "a project of this organization")};
  ApiKey key{"SCW" + context.random.hex(17),
             context.random.uuid(),
             creator.organization_id,
             project,
             creator.role,
             std::move(description),
             context.now};
  for (char& c : key.access_key)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  api_keys_.push_back(key);
  ++context.changes;
  return key;
}

std::optional<ApiRefusal> Tenancy::delete_api_key(WorldContext& context,
                                                  std::string_view access_key) {
  const auto found = std::find_if(api_keys_.begin(), api_keys_.end(),
                                  [&](const ApiKey& k) { return k.access_key == access_key; });
  if (found == api_keys_.end()) return not_found_refusal("api_key", access_key);
  api_keys_.erase(found);
  ++context.changes;
  return std::nullopt;
}

}  // namespace metal::sim
