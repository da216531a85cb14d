#pragma once
// Every request the console sends goes through here: the one place that decides pacing, the
// number of requests in flight and retries. It is a Transport wrapping another, so the client and
// the pages never know. Time comes in through pump(); the core reads no clock itself.
//
// Retry policy: GET, PUT and DELETE are retried on network errors, 429 and 5xx, with exponential
// backoff and full jitter, honouring Retry-After, a bounded number of times. POST and PATCH are
// repeated only after a 429 (refused before anything was done); after a network error or a 5xx
// they may have acted, and creating twice or acting twice is worse than reporting a failure.

#include <cstdint>
#include <optional>
#include <vector>

#include "api/transport.hpp"

namespace metal::api {

struct RetryPolicy {
  int max_attempts = 4;           // the first try and three retries
  double first_backoff = 0.5;     // seconds, doubled per attempt...
  double max_backoff = 8.0;       // ...up to this
  double max_retry_after = 60.0;  // a longer Retry-After is not waited for: the failure is reported

  static bool is_idempotent(Method method);
  static bool is_retryable(const Response& response);
  /// Seconds to wait before attempt `attempt + 1` after `response`, or nullopt for "do not retry".
  /// `jitter` is uniform in [0, 1).
  std::optional<double> delay(const Request& request, const Response& response, int attempt,
                              double jitter) const;
};

struct RatePolicy {
  double requests_per_second = 100;  // what the real API was quoted to tolerate
  double burst = 20;                 // sent at once before pacing starts
  int max_in_flight = 16;
};

/// Retry-After as seconds ("120") or an HTTP date relative to `now_unix` seconds.
std::optional<double> parse_retry_after(std::string_view value, double now_unix);

class Dispatcher final : public Transport {
 public:
  Dispatcher(Transport& inner, RetryPolicy retry = {}, RatePolicy rate = {},
             std::uint64_t seed = 1);
  /// Cancels what is on the wire: a transport that outlives its console (the demo's worker)
  /// never calls back into a dispatcher that is gone.
  ~Dispatcher() override;
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  RequestId send(Request request, Completion done) override;
  void cancel(RequestId id) override;
  /// Waiting, paced or on the wire.
  std::size_t in_flight() const override { return entries_.size(); }

  /// Sends what pacing and the in-flight limit allow. `now` is monotonic seconds; `now_unix`
  /// (wall clock) only reads Retry-After dates.
  void pump(double now, double now_unix = 0);

  std::uint64_t retries() const { return retries_; }

 private:
  struct Entry {
    RequestId id;
    Request request;
    Completion done;
    int attempt = 1;
    double not_before = 0;
    bool on_the_wire = false;
    RequestId inner_id = 0;
  };
  void completed(RequestId id, Response response);
  double jitter();

  Transport& inner_;
  RetryPolicy retry_;
  RatePolicy rate_;
  std::vector<Entry> entries_;  // in order of sending: earlier requests go first
  RequestId next_id_ = 1;
  double tokens_;
  double last_refill_ = -1;
  double now_ = 0;
  double now_unix_ = 0;
  int on_the_wire_ = 0;
  std::uint64_t random_state_;
  std::uint64_t retries_ = 0;
};

}  // namespace metal::api
