#pragma once
// There is no all-zones call in the API: a client asks each zone, concurrently, and merges.
// One zone failing does not lose the others: their answers arrive merged, the failure named.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "api/paging.hpp"

namespace metal::api {

/// Every zone of the Instance API (api-notes.md).
const std::vector<std::string>& all_zones();

struct ZoneFailure {
  std::string zone;
  ApiError error;
};

template <class List>
struct AcrossZones {
  List merged;                        // the zones' answers, in the order the zones were given
  std::vector<std::string> answered;  // zones that answered
  std::vector<ZoneFailure> failures;  // zones that did not, and why
};

/// Calls `per_zone(zone, done)` for every zone at once; `done` runs once, after the last zone.
template <class List>
void across_zones(const std::vector<std::string>& zones,
                  Callback<void(const std::string& zone, Done<List> done)> per_zone,
                  Callback<void(AcrossZones<List>)> done) {
  struct Gather {
    std::vector<std::string> zones;
    std::vector<std::optional<ApiResult<List>>> results;
    std::size_t pending = 0;
    Callback<void(AcrossZones<List>)> done;
  };
  auto gather = std::make_shared<Gather>();
  gather->zones = zones;
  gather->results.resize(zones.size());
  gather->pending = zones.size();
  gather->done = std::move(done);
  auto finish = [](Gather& g) {
    AcrossZones<List> out;
    for (std::size_t i = 0; i < g.zones.size(); ++i) {
      ApiResult<List>& result = *g.results[i];
      if (!result) {
        out.failures.push_back({g.zones[i], result.error()});
        continue;
      }
      if (out.answered.empty())
        out.merged = std::move(result).value();
      else
        append_page(out.merged, std::move(result).value());
      out.answered.push_back(g.zones[i]);
    }
    g.done(std::move(out));
  };
  if (zones.empty()) return finish(*gather);
  for (std::size_t i = 0; i < zones.size(); ++i) {
    per_zone(zones[i], [gather, i, finish](ApiResult<List> result) {
      gather->results[i] = std::move(result);
      if (--gather->pending == 0) finish(*gather);
    });
  }
}

}  // namespace metal::api
