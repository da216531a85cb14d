#pragma once
// Volumes: GET /volumes -> {"volumes": [...]}, GET|POST|PATCH /volumes/{id} -> {"volume"}.

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "server.hpp"

namespace metal::model {

struct Volume {
  std::string id;
  std::string name;
  std::optional<std::string> export_uri;  // deprecated, null on current volumes
  std::uint64_t size = 0;                 // bytes
  std::string volume_type;                // l_ssd | b_ssd | sbs_volume | scratch
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::string organization;
  std::string project;
  std::vector<std::string> tags;
  std::optional<ServerSummary> server;  // null when not attached
  std::string
      state;  // available | snapshotting | fetching | resizing | saving | hotsyncing | error
  std::string zone;
  bool operator==(const Volume&) const = default;
};
struct VolumeEnvelope {
  Volume volume;
  bool operator==(const VolumeEnvelope&) const = default;
};
struct VolumeList {
  std::vector<Volume> volumes;
  bool operator==(const VolumeList&) const = default;
};

template <class V, class S>
requires Of<S, Volume>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("export_uri", x.export_uri), v("size", x.size);
  v("volume_type", x.volume_type), v("creation_date", x.creation_date);
  v("modification_date", x.modification_date), v("organization", x.organization);
  v("project", x.project), v("tags", x.tags), v("server", x.server), v("state", x.state);
  v("zone", x.zone);
}
template <class V, class S>
requires Of<S, VolumeEnvelope>
void fields(V& v, S& x) {
  v("volume", x.volume);
}
template <class V, class S>
requires Of<S, VolumeList>
void fields(V& v, S& x) {
  v("volumes", x.volumes);
}

}  // namespace metal::model
