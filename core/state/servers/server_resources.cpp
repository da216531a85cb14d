#include "state/servers/server_resources.hpp"

#include <algorithm>

#include "model/stable_order.hpp"

namespace metal::state {

ServerResources::ServerResources(api::InstanceClient& client, Report report, ServerChanged changed)
    : client_(client), report_(std::move(report)), changed_(std::move(changed)) {}

template <class F>
auto ServerResources::for_this_server(F f) {
  return [this, generation = generation_, f = std::move(f)](auto result) mutable {
    if (generation != generation_) return;  // another server is open now
    f(std::move(result));
  };
}

void ServerResources::open(const std::string& zone, const std::string& id) {
  if (zone == zone_ && id == id_) return;
  zone_ = zone;
  id_ = id;
  ++generation_;
  writes_ = 0;
  rules_requested_ = attachable_requested_ = user_data_requested_ = false;
  group_.reset();
  rules_.reset();
  attachable_.reset();
  user_keys_.reset();
  user_data_.clear();
}

void ServerResources::need(DetailTab tab, const model::Server& server) {
  if (server.id != id_) return;
  project_ = server.project;
  switch (tab) {
    case DetailTab::security:
      if (server.security_group && !rules_requested_) load_rules(server.security_group->id);
      break;
    case DetailTab::volumes:
      if (!attachable_requested_) load_attachable();
      break;
    case DetailTab::user_data:
      if (!user_data_requested_) load_user_data();
      break;
    default:
      break;
  }
}

void ServerResources::load_rules(const std::string& group_id) {
  rules_requested_ = true;
  client_.get_security_group(
      zone_, group_id, for_this_server([this](api::ApiResult<model::SecurityGroup> result) {
        if (!result)
          return report_(false, "Could not load the security group: " + result.error().message);
        group_ = std::move(result).value();
      }));
  client_.list_security_group_rules(
      zone_, group_id, api::ListQuery{},
      for_this_server([this](api::ApiResult<model::SecurityGroupRuleList> result) {
        if (!result)
          return report_(false,
                         "Could not load the security group's rules: " + result.error().message);
        auto rules = std::move(result).value().rules;
        model::stable_sort(rules, [](const auto& a, const auto& b) {
          return a.direction != b.direction ? a.direction < b.direction : a.position < b.position;
        });
        rules_ = std::move(rules);
      }));
}

void ServerResources::load_attachable() {
  attachable_requested_ = true;
  // Block volumes of the server's project only: a zone's local volumes are one per server, and
  // a big account would page through all of them for nothing.
  client_.list_volumes(
      zone_, api::ListQuery{}.with("volume_type", "b_ssd").with("project", project_),
      for_this_server([this](api::ApiResult<model::VolumeList> result) {
        if (!result)
          return report_(false, "Could not list the zone's volumes: " + result.error().message);
        std::vector<model::Volume> free;
        for (model::Volume& volume : result->volumes)
          // Local volumes live and die with their server; only free block volumes can attach.
          if (!volume.server && volume.volume_type != "l_ssd" && volume.volume_type != "scratch")
            free.push_back(std::move(volume));
        attachable_ = std::move(free);
      }));
}

void ServerResources::load_user_data() {
  user_data_requested_ = true;
  client_.list_user_data(
      zone_, id_, for_this_server([this](api::ApiResult<model::UserDataKeys> result) {
        if (!result)
          return report_(false, "Could not list the user data: " + result.error().message);
        user_keys_ = result->user_data;
        for (const std::string& key : result->user_data)
          client_.get_user_data(
              zone_, id_, key, for_this_server([this, key](api::ApiResult<std::string> value) {
                if (!value)
                  return report_(
                      false, "Could not read user data \"" + key + "\": " + value.error().message);
                user_data_[key] = std::move(value).value();
              }));
      }));
}

template <class Apply>
auto ServerResources::written(std::string failed, std::string done, Apply apply) {
  ++writes_;
  return for_this_server([this, failed = std::move(failed), done = std::move(done),
                          apply = std::move(apply)](auto result) mutable {
    --writes_;
    if (!result) return report_(false, failed + ": " + result.error().message);
    apply(*result);
    report_(true, done);
  });
}

void ServerResources::attach_volume(const std::string& volume_id) {
  client_.attach_volume(zone_, id_, volume_id,
                        written("Could not attach the volume", "Volume attached",
                                [this](const model::Server& server) {
                                  changed_(server);
                                  load_attachable();
                                }));
}

void ServerResources::detach_volume(const std::string& volume_id) {
  client_.detach_volume(zone_, id_, volume_id,
                        written("Could not detach the volume", "Volume detached",
                                [this](const model::Server& server) {
                                  changed_(server);
                                  load_attachable();
                                }));
}

void ServerResources::add_rule(const std::string& group_id, const api::RuleSpec& rule) {
  client_.create_security_group_rule(
      zone_, group_id, rule,
      written("Could not add the rule", "Rule added",
              [this, group_id](const model::SecurityGroupRule&) { load_rules(group_id); }));
}

void ServerResources::update_rule(const std::string& group_id, const std::string& rule_id,
                                  const api::RuleSpec& rule) {
  client_.update_security_group_rule(
      zone_, group_id, rule_id, rule,
      written("Could not save the rule", "Rule saved",
              [this, group_id](const model::SecurityGroupRule&) { load_rules(group_id); }));
}

void ServerResources::delete_rule(const std::string& group_id, const std::string& rule_id) {
  client_.delete_security_group_rule(
      zone_, group_id, rule_id,
      written("Could not delete the rule", "Rule deleted",
              [this, group_id](const api::NoContent&) { load_rules(group_id); }));
}

void ServerResources::set_user_data(const std::string& key, std::string value) {
  client_.set_user_data(
      zone_, id_, key, value,
      written("Could not save user data \"" + key + "\"", "Saved user data \"" + key + "\"",
              [this, key, value](const api::NoContent&) {
                user_data_[key] = value;
                if (user_keys_ &&
                    std::find(user_keys_->begin(), user_keys_->end(), key) == user_keys_->end())
                  user_keys_->push_back(key);
              }));
}

void ServerResources::delete_user_data(const std::string& key) {
  client_.delete_user_data(
      zone_, id_, key,
      written("Could not delete user data \"" + key + "\"", "Deleted user data \"" + key + "\"",
              [this, key](const api::NoContent&) {
                user_data_.erase(key);
                if (user_keys_) std::erase(*user_keys_, key);
              }));
}

void ServerResources::update_server(const api::ServerUpdate& changes, std::string done_text) {
  client_.update_server(zone_, id_, changes,
                        written("Could not save", std::move(done_text),
                                [this](const model::Server& server) { changed_(server); }));
}

}  // namespace metal::state
