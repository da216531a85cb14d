#pragma once
// What the open server's tabs show beyond the server object itself: its security group and rules,
// its user data, the volumes it could attach. Each is loaded when its tab is first shown, kept
// until another server opens, and reloaded after a write. Writes report in words through
// `Report`; a write's answer for a server no longer open is dropped.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/instance_client.hpp"
#include "state/servers/server_route.hpp"

namespace metal::state {

class ServerResources {
 public:
  /// ok == false: `text` is the failure in words.
  using Report = std::function<void(bool ok, std::string text)>;
  /// A write that returned the server (attach, detach, PATCH): for the store.
  using ServerChanged = std::function<void(const model::Server&)>;

  ServerResources(api::InstanceClient& client, Report report, ServerChanged changed);

  /// The open server changed (or closed, with an empty id): forget the previous one's resources.
  void open(const std::string& zone, const std::string& id);
  /// Loads what `tab` shows, once. `server` is the open server's full object.
  void need(DetailTab tab, const model::Server& server);

  const std::optional<model::SecurityGroup>& security_group() const { return group_; }
  const std::optional<std::vector<model::SecurityGroupRule>>& rules() const { return rules_; }
  const std::optional<std::vector<model::Volume>>& attachable_volumes() const {
    return attachable_;
  }
  const std::optional<std::vector<std::string>>& user_data_keys() const { return user_keys_; }
  /// Values of the keys loaded so far (all of them are fetched with the keys).
  const std::map<std::string, std::string>& user_data() const { return user_data_; }
  /// A write is on its way: forms disable their buttons.
  bool writing() const { return writes_ > 0; }
  std::string_view zone() const { return zone_; }
  std::string_view server_id() const { return id_; }

  void attach_volume(const std::string& volume_id);
  void detach_volume(const std::string& volume_id);
  void add_rule(const std::string& group_id, const api::RuleSpec& rule);
  void update_rule(const std::string& group_id, const std::string& rule_id,
                   const api::RuleSpec& rule);
  void delete_rule(const std::string& group_id, const std::string& rule_id);
  void set_user_data(const std::string& key, std::string value);
  void delete_user_data(const std::string& key);
  void update_server(const api::ServerUpdate& changes, std::string done_text);

 private:
  void load_rules(const std::string& group_id);
  void load_attachable();
  void load_user_data();
  /// Wraps a callback so it runs only if the same server is still open.
  template <class F>
  auto for_this_server(F f);
  /// The answer to a write: counted while on its way; a failure reported as "<failed>: <the
  /// API's message>", a success as `done` once `apply` has taken the answer in.
  template <class Apply>
  auto written(std::string failed, std::string done, Apply apply);

  api::InstanceClient& client_;
  Report report_;
  ServerChanged changed_;
  std::string zone_, id_, project_;
  std::uint64_t generation_ = 0;
  int writes_ = 0;
  bool rules_requested_ = false, attachable_requested_ = false, user_data_requested_ = false;
  std::optional<model::SecurityGroup> group_;
  std::optional<std::vector<model::SecurityGroupRule>> rules_;
  std::optional<std::vector<model::Volume>> attachable_;
  std::optional<std::vector<std::string>> user_keys_;
  std::map<std::string, std::string> user_data_;
};

}  // namespace metal::state
