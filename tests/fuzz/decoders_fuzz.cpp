// libFuzzer: every JSON decoder of the model, the frames between the console and the demo's
// worker (api/wire), and the demo's saved world in bytes, on arbitrary bytes. Besides not crashing
// (ASan, UBSan), two properties must hold: a refusal always says what was wrong, and whatever
// decodes re-encodes to a body that decodes to the same data (for frames: to the very bytes read).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/wire.hpp"
#include "model/api_error.hpp"
#include "model/billing.hpp"
#include "model/catalog.hpp"
#include "model/cockpit.hpp"
#include "model/dashboard.hpp"
#include "model/flexible_ip.hpp"
#include "model/iam.hpp"
#include "model/image.hpp"
#include "model/placement_group.hpp"
#include "model/project.hpp"
#include "model/prometheus.hpp"
#include "model/security_group.hpp"
#include "model/server.hpp"
#include "model/server_type.hpp"
#include "model/snapshot.hpp"
#include "model/task.hpp"
#include "model/volume.hpp"
#include "sim/world.hpp"

using namespace metal::model;

namespace {
template <class T>
void check(std::string_view text) {
  auto first = decode_text<T>(text);
  if (!first) {
    if (first.error().message.empty()) __builtin_trap();  // a refusal must say why
    return;
  }
  auto second = decode_text<T>(to_json(*first).dump());
  if (!second || !(*second == *first)) __builtin_trap();  // encoding lost or changed something
}
void check_frames(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::string_view before = bytes;
    auto frame = metal::api::wire::decode(bytes);
    if (!frame) {
      if (frame.error().empty() || bytes.size() != before.size()) __builtin_trap();
      return;
    }
    const std::size_t read = before.size() - bytes.size();
    if (read == 0 || metal::api::wire::encode(*frame) != before.substr(0, read)) __builtin_trap();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check<ServerList>(text);
  check<ServerEnvelope>(text);
  check<TaskEnvelope>(text);
  check<ApiErrorBody>(text);
  check<ImageList>(text);
  check<FlexibleIpList>(text);
  check<SecurityGroupEnvelope>(text);
  check<SecurityGroupRuleList>(text);
  check<SnapshotList>(text);
  check<ServerTypeList>(text);
  check<ServerTypeAvailability>(text);
  check<CatalogProductList>(text);
  check<DataSourceList>(text);
  check<PromResponse>(text);
  check<VolumeList>(text);
  check<PlacementGroupList>(text);
  check<DashboardEnvelope>(text);
  check<ProjectList>(text);
  check<SshKeyList>(text);
  check<ApiKeyList>(text);
  check<ConsumptionList>(text);
  check<InvoiceList>(text);
  check<SecurityGroupList>(text);
  check<UserDataKeys>(text);
  (void)parse_error_body(text);
  check_frames(text);
  // A saved world in bytes (the demo's copy in IndexedDB): refused with a reason, or a world that
  // saves to bytes that read again.
  if (text.starts_with(metal::sim::World::kBinaryMagic)) {
    using metal::sim::World;
    auto world = World::restore(text);
    if (!world && world.error().empty()) __builtin_trap();
    if (world && !World::restore(world->save_binary())) __builtin_trap();
  }
  return 0;
}
