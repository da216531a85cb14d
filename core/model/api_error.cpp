#include "api_error.hpp"

namespace metal::model {

void decode(Decoder& d, const Json& o, ErrorDetail& out) {
  field(d, o, "argument_name", out.argument_name);
  field(d, o, "reason", out.reason);
  field(d, o, "help_message", out.help_message);
  field(d, o, "resource", out.resource);
  field(d, o, "action", out.action);
  field(d, o, "quota", out.quota);
  field(d, o, "current", out.current);
}

void decode(Decoder& d, const Json& o, ApiErrorBody& out) {
  field(d, o, "type", out.type);
  field(d, o, "message", out.message);
  field(d, o, "resource", out.resource);
  field(d, o, "resource_id", out.resource_id);
  field(d, o, "current_state", out.current_state);
  field(d, o, "method", out.method);
  field(d, o, "reason", out.reason);
  field(d, o, "details", out.details);
  field(d, o, "fields", out.fields);
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
  auto document = parse_json(body);
  if (!document || !document->is_object()) return std::nullopt;
  auto decoded = decode_document<ApiErrorBody>(*document);
  if (!decoded || (decoded->type.empty() && decoded->message.empty())) return std::nullopt;
  return std::move(decoded).value();
}

}  // namespace metal::model
