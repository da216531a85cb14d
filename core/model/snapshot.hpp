#pragma once
// Snapshots: GET /snapshots -> {"snapshots": [...]}; a server's private NICs
// (GET /servers/{id}/private_nics) and user data keys (GET /servers/{id}/user_data).

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "server.hpp"

namespace metal::model {

struct Snapshot {
  std::string id;
  std::string name;
  std::string volume_type;
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::string organization;
  std::string project;
  std::uint64_t size = 0;
  std::string state;
  std::optional<ServerSummary> base_volume;  // {id, name} of the volume it was taken from
  std::vector<std::string> tags;
  std::string zone;
  std::optional<std::string> error_details;
  bool operator==(const Snapshot&) const = default;
};
struct SnapshotEnvelope {
  Snapshot snapshot;
  bool operator==(const SnapshotEnvelope&) const = default;
};
struct SnapshotList {
  std::vector<Snapshot> snapshots;
  bool operator==(const SnapshotList&) const = default;
};

struct PrivateNicEnvelope {
  PrivateNic private_nic;
  bool operator==(const PrivateNicEnvelope&) const = default;
};
struct PrivateNicList {
  std::vector<PrivateNic> private_nics;
  bool operator==(const PrivateNicList&) const = default;
};

template <class V, class S>
requires Of<S, Snapshot>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("volume_type", x.volume_type);
  v("creation_date", x.creation_date), v("modification_date", x.modification_date);
  v("organization", x.organization), v("project", x.project), v("size", x.size);
  v("state", x.state), v("base_volume", x.base_volume), v("tags", x.tags), v("zone", x.zone);
  v("error_details", x.error_details);
}
template <class V, class S>
requires Of<S, SnapshotEnvelope>
void fields(V& v, S& x) {
  v("snapshot", x.snapshot);
}
template <class V, class S>
requires Of<S, PrivateNicEnvelope>
void fields(V& v, S& x) {
  v("private_nic", x.private_nic);
}
template <class V, class S>
requires Of<S, SnapshotList>
void fields(V& v, S& x) {
  v("snapshots", x.snapshots);
}
template <class V, class S>
requires Of<S, PrivateNicList>
void fields(V& v, S& x) {
  v("private_nics", x.private_nics);
}

/// GET /servers/{id}/user_data -> {"user_data": ["cloud-init", ...]}: the keys; each value is
/// text/plain at /user_data/{key}.
struct UserDataKeys {
  std::vector<std::string> user_data;
  bool operator==(const UserDataKeys&) const = default;
};
template <class V, class S>
requires Of<S, UserDataKeys>
void fields(V& v, S& x) {
  v("user_data", x.user_data);
}

}  // namespace metal::model
