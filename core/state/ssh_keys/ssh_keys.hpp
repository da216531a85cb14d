#pragma once
// The SSH keys of the organization (IAM v1alpha1): listed through a generic resource list while
// their page shows, filtered and sorted as the address says; added (the key's text checked before
// it is sent), renamed and deleted. And the functions the page registry's rows point at.
//   #/ssh-keys?q=laptop&sort=name&order=desc      the list
//   #/ssh-keys/new                                the list, with the form to add one

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/account_client.hpp"
#include "model/iam.hpp"
#include "state/console.hpp"
#include "state/feature.hpp"
#include "state/resources/resource_list.hpp"

namespace metal::state {

inline constexpr std::string_view kSshKeysPage = "ssh-keys";
inline constexpr std::string_view kSshKeyNewPage = "ssh-key-new";

using SshKeyList = ResourceList<model::SshKeyList, model::SshKey, &model::SshKeyList::ssh_keys>;
const ResourceKind& ssh_keys_kind();

enum class SshKeyColumn { name, fingerprint, project, created };
std::string_view to_string(SshKeyColumn column);

struct SshKeyQuery {
  std::string text;  // every word in the name, the fingerprint or the key's comment
  SshKeyColumn sort = SshKeyColumn::created;
  bool descending = false;  // created: newest first unless asked otherwise
  bool operator==(const SshKeyQuery&) const = default;
};
SshKeyQuery ssh_key_query_of(const Route& route);
RouteParams ssh_key_query_params(const SshKeyQuery& query);

/// The add form's fields as the user typed them.
struct NewSshKey {
  std::string name;
  std::string public_key;
  std::string project_id;  // empty: the organization's default project
};

class SshKeys final : public Feature {
 public:
  explicit SshKeys(Console& hub);

  const SshKeyList& list() const { return list_; }
  /// The keys the query admits, in its order.
  const std::vector<const model::SshKey*>& rows() const;
  SshKeyQuery query() const { return ssh_key_query_of(hub_.route()); }

  /// What is wrong with the form, field by field, before anything is sent (empty when fine).
  struct FormProblems {
    std::string name, public_key;
    bool empty() const { return name.empty() && public_key.empty(); }
  };
  FormProblems check(const NewSshKey& form) const;
  /// The add form as typed (emptied each time the form opens): its fields are the page's to edit.
  NewSshKey& draft() { return draft_; }
  const NewSshKey& draft() const { return draft_; }
  bool adding() const { return adding_; }
  /// The API's refusal of the last add, in its words (empty when none).
  const std::string& add_refusal() const { return add_refusal_; }
  /// The key added last (the page scrolls to it and marks it), until another is added.
  const std::string& added_id() const { return added_id_; }
  bool busy(const std::string& id) const { return busy_.contains(id); }

  // ---- intents ----------------------------------------------------------------------------
  void set_query(SshKeyQuery query);
  void open_add_form();
  void close_add_form();
  /// Sends the draft when it is fine; on success the form closes and the list reads again.
  void add();
  void rename(const std::string& id, std::string name);
  void remove(const std::string& id);

 private:
  void changed();

  Console& hub_;
  api::AccountClient client_;
  SshKeyList& list_;
  NewSshKey draft_;
  bool adding_ = false;
  std::string add_refusal_;
  std::string added_id_;
  std::set<std::string> busy_;
  mutable std::uint64_t rows_version_ = ~0ull;
  mutable SshKeyQuery rows_query_;
  mutable std::vector<const model::SshKey*> rows_;
};

// ---- the registry rows' functions ------------------------------------------------------------
void check_ssh_keys_route(Route& route, std::vector<std::string>& problems);
void need_ssh_keys(Console& console, const Route& route);
void report_ssh_keys(const Console& console, const Route& route, model::Json& status);
void ssh_key_commands(Console& console, std::string_view typed, std::vector<PaletteCommand>& out);
std::string ssh_keys_nav_badge(const Console& console);

}  // namespace metal::state
