#pragma once
// The create-server wizard's state: what a zone offers (server types with prices and
// availability, public and private images, security and placement groups, free flexible IPs),
// the form as the user fills it, its checks in words, the cost estimate, and the creation itself
// (a new flexible IP first when asked, then the server, then power on; a failure leaves nothing
// half-made behind).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/account_client.hpp"
#include "api/instance_client.hpp"
#include "model/money.hpp"

namespace metal::state {

struct ZoneOffer {
  int pending = 0;    // listings still on their way
  std::string error;  // the first listing that failed, in words
  std::map<std::string, model::ServerType> types;
  std::map<std::string, std::string> availability;  // type -> available | scarce | shortage
  std::vector<model::Image> public_images;
  std::vector<model::Image> private_images;
  std::vector<model::SecurityGroup> security_groups;
  std::vector<model::PlacementGroup> placement_groups;
  std::vector<model::FlexibleIp> free_ips;
  std::vector<model::SshKey> ssh_keys;  // the project's: the API installs them all
  bool ready() const { return pending == 0 && error.empty(); }
};

struct CreateForm {
  enum class Ip { new_flexible, existing, dynamic, none };
  std::string zone;
  std::string commercial_type;
  std::string image_id;
  std::string root_volume_type = "l_ssd";  // l_ssd (local) | b_ssd (block)
  std::uint64_t root_size_gb = 0;          // 0: the type's smallest
  std::vector<std::uint64_t> block_volumes_gb;
  Ip ip = Ip::new_flexible;
  std::string existing_ip_id;
  std::string security_group_id;   // empty: the project's default group
  std::string placement_group_id;  // empty: none
  std::string name;
  std::string tags;  // as typed: commas or spaces
  bool power_on = true;
};

struct CostEstimate {
  model::Money hourly;
  model::Money monthly;
  bool complete = false;  // false: the type is not chosen yet
};

class CreateWizard {
 public:
  /// ok == false: `text` is the failure in words. `created` is called with the new server.
  using Report = std::function<void(bool ok, std::string text)>;
  using Created = std::function<void(const model::Server&)>;

  CreateWizard(api::InstanceClient& client, api::AccountClient& account, Report report,
               Created created);

  /// Starts (or restarts) the form in `zone` for `project`, loading what the zone offers.
  void start(const std::string& zone, const std::string& project);
  bool active() const { return active_; }
  void close() { active_ = false; }

  CreateForm& form() { return form_; }
  /// Picks a type; the boot volume follows what the type has (local storage, or block only).
  void choose_type(const std::string& commercial_type);
  const CreateForm& form() const { return form_; }
  const ZoneOffer& offer() const { return offer_; }
  /// Everything that stops the form from being sent, in words; empty when it can go.
  std::vector<std::string> problems() const;
  CostEstimate estimate() const;
  /// The smallest and largest total local storage the chosen type takes, in GB.
  std::pair<std::uint64_t, std::uint64_t> local_storage_range_gb() const;

  /// Sends the form (when problems() is empty); `submitting()` until the API has answered.
  void submit();
  bool submitting() const { return submitting_; }

 private:
  void load_offer();
  api::ServerCreate server_spec(const std::string& ip_id) const;
  void create_server(const std::string& new_ip_id);

  api::InstanceClient& client_;
  api::AccountClient& account_;
  Report report_;
  Created created_;
  bool active_ = false;
  bool submitting_ = false;
  std::string project_;
  std::uint64_t generation_ = 0;
  CreateForm form_;
  ZoneOffer offer_;
};

/// Tags as typed ("web, prod k8s") to the list the API takes, duplicates dropped.
std::vector<std::string> split_tags(const std::string& text);
/// Names the API takes: 1 to 63 letters, digits, '-', '_' or '.', not starting with '-'.
std::optional<std::string> name_problem(const std::string& name);

}  // namespace metal::state
