#include "task.hpp"

#include "json_decode.hpp"

namespace metal::model {

namespace {
constexpr std::string_view kTaskRequired[] = {"id"};
constexpr std::string_view kTaskEnvelopeRequired[] = {"task"};
}  // namespace

std::span<const std::string_view> required_fields(const Task*) {
  return kTaskRequired;
}
std::span<const std::string_view> required_fields(const TaskEnvelope*) {
  return kTaskEnvelopeRequired;
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, Task& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "description", v, out.description) ||
         take(d, key, "status", v, out.status) || take(d, key, "href_from", v, out.href_from) ||
         take(d, key, "href_result", v, out.href_result) ||
         take(d, key, "started_at", v, out.started_at) ||
         take(d, key, "terminated_at", v, out.terminated_at) ||
         take(d, key, "progress", v, out.progress) || take(d, key, "zone", v, out.zone);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, TaskEnvelope& out) {
  return take(d, key, "task", v, out.task);
}

Json encode(const Task& v) {
  return Json{{"id", v.id},
              {"description", v.description},
              {"status", v.status},
              {"href_from", v.href_from},
              {"href_result", v.href_result},
              {"started_at", to_json(v.started_at)},
              {"terminated_at", to_json(v.terminated_at)},
              {"progress", v.progress},
              {"zone", v.zone}};
}

Json encode(const TaskEnvelope& v) {
  return Json{{"task", encode(v.task)}};
}

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<Task, DecodeError> decode_text<Task>(std::string_view, std::size_t);
template Expected<TaskEnvelope, DecodeError> decode_text<TaskEnvelope>(std::string_view,
                                                                       std::size_t);

}  // namespace metal::model
