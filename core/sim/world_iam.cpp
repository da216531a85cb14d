// The world's IAM side: SSH keys (projects and API keys are seeded in world.cpp).

#include <algorithm>

#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {
namespace {

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

Expected<SshKeyRecord, ApiRefusal> World::create_ssh_key(const ApiKey& key, std::string name,
                                                         std::string public_key,
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
  record.id = random_.uuid();
  record.name = name.empty() ? "key-" + random_.hex(6) : std::move(name);
  record.fingerprint = fingerprint_of(type, body, comment);
  record.public_key = std::move(public_key);
  record.organization_id = key.organization_id;
  record.project_id = std::move(project);
  record.created = record.updated = now_;
  ssh_keys_.push_back(record);
  ++changes_;
  return record;
}

Expected<SshKeyRecord, ApiRefusal> World::update_ssh_key(std::string_view id,
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
  it->updated = now_;
  ++changes_;
  return *it;
}

std::optional<ApiRefusal> World::delete_ssh_key(std::string_view id) {
  auto it = std::find_if(ssh_keys_.begin(), ssh_keys_.end(),
                         [&](const SshKeyRecord& k) { return k.id == id; });
  if (it == ssh_keys_.end()) return not_found_refusal("ssh_key", id);
  ssh_keys_.erase(it);
  ++changes_;
  return std::nullopt;
}

Expected<ApiKey, ApiRefusal> World::create_api_key(const ApiKey& creator, std::string description,
                                                   std::string project) {
  if (description.size() > 200) return Unexpected{invalid("description", "at most 200 characters")};
  if (project.empty()) project = creator.project_id;
  const auto owner = std::find_if(projects_.begin(), projects_.end(),
                                  [&](const Project& p) { return p.id == project; });
  if (owner == projects_.end() || owner->organization_id != creator.organization_id)
    return Unexpected{invalid("default_project_id", "a project of this organization")};
  ApiKey key{"SCW" + random_.hex(17),
             random_.uuid(),
             creator.organization_id,
             project,
             creator.role,
             std::move(description),
             now_};
  for (char& c : key.access_key)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  api_keys_.push_back(key);
  ++changes_;
  return key;
}

std::optional<ApiRefusal> World::delete_api_key(std::string_view access_key) {
  const auto found = std::find_if(api_keys_.begin(), api_keys_.end(),
                                  [&](const ApiKey& k) { return k.access_key == access_key; });
  if (found == api_keys_.end()) return not_found_refusal("api_key", access_key);
  api_keys_.erase(found);
  ++changes_;
  return std::nullopt;
}

}  // namespace metal::sim
