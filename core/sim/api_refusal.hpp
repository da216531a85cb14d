#pragma once
// What the world answers when it says no (sim/refusals.hpp builds each shape).

#include "model/api_error.hpp"

namespace metal::sim {

/// A refusal in the API's own words: HTTP status and error body.
struct ApiRefusal {
  int status = 400;
  model::ApiErrorBody body;
};

}  // namespace metal::sim
