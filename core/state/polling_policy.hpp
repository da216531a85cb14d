#pragma once
// When the console asks the API again. One place decides it: poll fast while something the user
// cares about is moving, slowly when the account is at rest, and back off after failures.

#include <algorithm>

namespace metal::state {

struct PollingPolicy {
  double watched_interval = 1.0;     // a server the user just acted on or has open, while it moves
  double busy_sync_interval = 3.0;   // some server in the account is starting or stopping
  double idle_sync_interval = 30.0;  // nothing moves
  double metrics_interval = 60.0;    // charts on screen take in new points
  // After the user changed a collection (created, renamed, deleted in it), what they touched may
  // still move (a volume attaching, a snapshot being taken): it is read at the busy pace this long.
  double settling_time = 30.0;
  double first_retry = 2.0;  // after a failed poll...
  double max_retry = 60.0;   // ...doubling up to this
  // Following changes page by page beats reloading a zone until the changes are a good part of
  // it; past this share of the zone's servers, reload it instead.
  double reload_share = 0.5;
  // The serial console: reconnect after a drop, doubling from 1 s to 30 s; a ping every 30 s
  // keeps the websocket open through proxies (api-notes).
  double serial_first_retry = 1.0;
  double serial_max_retry = 30.0;
  double serial_ping_interval = 30.0;

  double sync_interval(bool anything_moving) const {
    return anything_moving ? busy_sync_interval : idle_sync_interval;
  }
  double retry_delay(int consecutive_failures) const {
    return doubling(first_retry, max_retry, consecutive_failures);
  }
  double serial_retry_delay(int consecutive_failures) const {
    return doubling(serial_first_retry, serial_max_retry, consecutive_failures);
  }

 private:
  static double doubling(double first, double max, int consecutive_failures) {
    double delay = first;
    for (int i = 1; i < consecutive_failures && delay < max; ++i)
      delay *= 2;
    return std::min(delay, max);
  }
};

}  // namespace metal::state
