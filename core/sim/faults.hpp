#pragma once
// Faults on demand, for tests and demos of bad days: answers refused with 503 (a gateway page, not
// JSON) or 429 (no body, no Retry-After: as the real API has sent them), latency, and transitions
// that never finish, nodes that fail under their servers. Spec:
// "error_rate=0.05,rate_limit=0.02,latency_ms=80,stuck=0.1,failed_nodes=2".

#include <string>
#include <string_view>

#include "model/expected.hpp"

namespace metal::sim {

struct Faults {
  double error_rate = 0;       // share of API requests answered 503
  double rate_limit_rate = 0;  // share answered 429
  int latency_ms = 0;          // added before each answer (by the transport that carries it)
  double stuck_rate = 0;       // share of actions whose transition stops after its first step
  int failed_nodes = 0;        // per zone, nodes in use that fail (their servers stop); 0 repairs

  bool any() const {
    return error_rate > 0 || rate_limit_rate > 0 || latency_ms > 0 || stuck_rate > 0 ||
           failed_nodes > 0;
  }
  /// The spec form, parse_faults() reads it back.
  std::string to_spec() const;
};

/// Reads "key=value,..." (keys error_rate, rate_limit, latency_ms, stuck, failed_nodes; "" or
/// "none" for no faults); says which part is wrong otherwise.
Expected<Faults, std::string> parse_faults(std::string_view spec);

}  // namespace metal::sim
