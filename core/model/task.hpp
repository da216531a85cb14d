#pragma once
// An Instance task, as answered by POST /servers/{id}/action (202, with a Location header).
// There is no task endpoint to poll: clients poll the resource named by href_result.

#include <optional>
#include <string>

#include "json_codec.hpp"
#include "timestamp.hpp"

namespace metal::model {

struct Task {
  std::string id;
  std::string description;  // server_batch_poweron, server_poweroff, server_terminate, ...
  std::string status;       // pending | started | success | failure | retry
  std::string href_from;
  std::string href_result;
  std::optional<Timestamp> started_at;
  std::optional<Timestamp> terminated_at;
  std::int64_t progress = 0;
  std::string zone;
  bool operator==(const Task&) const = default;
};

struct TaskEnvelope {
  Task task;
  bool operator==(const TaskEnvelope&) const = default;
};

std::span<const std::string_view> required_fields(const Task*);
std::span<const std::string_view> required_fields(const TaskEnvelope*);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, Task& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, TaskEnvelope& out);
Json encode(const Task& v);
Json encode(const TaskEnvelope& v);

}  // namespace metal::model
