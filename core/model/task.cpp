#include "task.hpp"

namespace metal::model {

void decode(Decoder& d, const Json& o, Task& out) {
  required(d, o, "id", out.id);
  field(d, o, "description", out.description);
  field(d, o, "status", out.status);
  field(d, o, "href_from", out.href_from);
  field(d, o, "href_result", out.href_result);
  field(d, o, "started_at", out.started_at);
  field(d, o, "terminated_at", out.terminated_at);
  field(d, o, "progress", out.progress);
  field(d, o, "zone", out.zone);
}

void decode(Decoder& d, const Json& o, TaskEnvelope& out) {
  required(d, o, "task", out.task);
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

}  // namespace metal::model
