#include "api_error.hpp"

#include "json_decode.hpp"

namespace metal::model {

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ErrorDetail& out) {
  return take(d, key, "argument_name", v, out.argument_name) ||
         take(d, key, "reason", v, out.reason) ||
         take(d, key, "help_message", v, out.help_message) ||
         take(d, key, "resource", v, out.resource) || take(d, key, "action", v, out.action) ||
         take(d, key, "quota", v, out.quota) || take(d, key, "current", v, out.current);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ApiErrorBody& out) {
  return take(d, key, "type", v, out.type) || take(d, key, "message", v, out.message) ||
         take(d, key, "resource", v, out.resource) ||
         take(d, key, "resource_id", v, out.resource_id) ||
         take(d, key, "current_state", v, out.current_state) ||
         take(d, key, "method", v, out.method) || take(d, key, "reason", v, out.reason) ||
         take(d, key, "details", v, out.details) || take(d, key, "fields", v, out.fields) ||
         // Prometheus-compatible APIs: {"status":"error","errorType":"bad_data","error":"..."}
         take(d, key, "errorType", v, out.type) || take(d, key, "error", v, out.message);
}

Json encode(const ErrorDetail& v) {
  Json out = Json::object();
  if (!v.argument_name.empty()) out["argument_name"] = v.argument_name;
  if (!v.reason.empty()) out["reason"] = v.reason;
  if (!v.help_message.empty()) out["help_message"] = v.help_message;
  if (!v.resource.empty()) out["resource"] = v.resource;
  if (!v.action.empty()) out["action"] = v.action;
  if (v.quota) out["quota"] = *v.quota;
  if (v.current) out["current"] = *v.current;
  return out;
}

Json encode(const ApiErrorBody& v) {
  Json out{{"type", v.type}, {"message", v.message}};
  if (!v.resource.empty()) out["resource"] = v.resource;
  if (!v.resource_id.empty()) out["resource_id"] = v.resource_id;
  if (!v.current_state.empty()) out["current_state"] = v.current_state;
  if (!v.method.empty()) out["method"] = v.method;
  if (!v.reason.empty()) out["reason"] = v.reason;
  if (!v.details.empty()) out["details"] = to_json(v.details);
  if (!v.fields.empty()) out["fields"] = to_json(v.fields);
  return out;
}

std::string ApiErrorBody::summary() const {
  std::string out = message.empty() ? type : message;
  for (const ErrorDetail& detail : details) {
    if (!detail.argument_name.empty()) {
      out += "; " + detail.argument_name;
      if (!detail.help_message.empty())
        out += ": " + detail.help_message;
      else if (!detail.reason.empty())
        out += ": " + detail.reason;
    } else if (!detail.resource.empty() && detail.quota) {
      out += "; " + detail.resource + " quota " + std::to_string(*detail.quota) + " reached";
    }
  }
  for (const auto& [name, problems] : fields)
    for (const std::string& problem : problems)
      out += "; " + name + ": " + problem;
  if (!current_state.empty()) out += " (current state: " + current_state + ")";
  return out;
}

std::optional<ApiErrorBody> parse_error_body(std::string_view body) {
  auto decoded = decode_text<ApiErrorBody>(body);
  if (!decoded || (decoded->type.empty() && decoded->message.empty())) return std::nullopt;
  return std::move(decoded).value();
}

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<ApiErrorBody, DecodeError> decode_text<ApiErrorBody>(std::string_view,
                                                                       std::size_t);

}  // namespace metal::model
