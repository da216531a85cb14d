#pragma once
// What the parts of a world share: its simulated now, the generators whose draws make a seed's
// world, and the count of its changes. The world hands it to the part it changes.

#include <cstdint>

#include "model/timestamp.hpp"
#include "sim/random.hpp"

namespace metal::sim {

struct WorldContext {
  model::Timestamp now;
  Random random;            // servers, keys, tasks and addresses, in the order they are drawn
  Random inventory_random;  // ids of inventory rows: seeded servers do not shift with them
  // Faults on demand: drawn apart, so a world with faults otherwise evolves as the same world
  // without.
  Random fault_random{0xFA175EEDull};
  std::uint64_t changes = 0;  // every change (a state step, an action, a backup)
};

}  // namespace metal::sim
