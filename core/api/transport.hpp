#pragma once
// How requests leave the core. Implementations: the in-process simulator (sim/), fetch in the
// browser (web/), libcurl on the desktop (native/). The core never does IO itself.

#include <cstdint>

#include "http.hpp"
#include "model/callback.hpp"

namespace metal::api {

class Transport {
 public:
  using RequestId = std::uint64_t;
  using Completion = Callback<void(Response)>;

  virtual ~Transport() = default;

  /// Starts a request. `done` runs later, on the UI thread, never inside send() itself.
  virtual RequestId send(Request request, Completion done) = 0;
  /// Drops a request that is still under way: its completion will not run.
  virtual void cancel(RequestId id) = 0;
  /// Requests sent whose completion has not run yet (for the status bar).
  virtual std::size_t in_flight() const = 0;
  /// Whether a rate limit stands behind this transport (an API over the network), which the
  /// dispatcher paces requests for; the simulator answering in the same process has none.
  virtual bool rate_limited() const { return true; }
};

}  // namespace metal::api
