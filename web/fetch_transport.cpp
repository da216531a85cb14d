#include "fetch_transport.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <map>

// clang-format off
EM_JS(void, js_fetch, (double id, const char* method, const char* url, const char* headers,
                       const char* body, int body_length), {
  const controller = new AbortController();
  (window.metalFetches = window.metalFetches || new Map()).set(id, controller);
  const lines = UTF8ToString(headers).split("\n");
  const sent = {};
  for (let i = 0; i + 1 < lines.length; i += 2) sent[lines[i]] = lines[i + 1];
  const payload = body_length > 0 ? HEAPU8.slice(body, body + body_length) : undefined;
  const deliver = (status, received, bytes) => {
    window.metalFetches.delete(id);
    const text = lengthBytesUTF8(received) + 1, h = _malloc(text);
    stringToUTF8(received, h, text);
    const b = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, b);
    _metal_fetch_done(id, status, h, b, bytes.length);
    _free(h);
    _free(b);
    _metal_answers_arrived();
  };
  fetch(UTF8ToString(url), {method: UTF8ToString(method), headers: sent, body: payload,
                            signal: controller.signal, credentials: "omit", cache: "no-store",
                            redirect: "error"})
    .then(async (answer) => {
      const bytes = new Uint8Array(await answer.arrayBuffer());
      let received = "";
      answer.headers.forEach((value, name) => { received += name + "\n" + value + "\n"; });
      deliver(answer.status, received, bytes);
    })
    .catch((error) => {
      if (error && error.name === "AbortError") { window.metalFetches.delete(id); return; }
      // fetch says little on purpose (CORS, DNS, refused all look alike): say what it says.
      deliver(0, "x-metal-network-error\n" + String(error && error.message || error) + "\n",
              new Uint8Array(0));
    });
});
EM_JS(void, js_fetch_abort, (double id), {
  const controller = window.metalFetches && window.metalFetches.get(id);
  if (controller) { window.metalFetches.delete(id); controller.abort(); }
});
// clang-format on

namespace metal::web {
namespace {

std::map<api::Transport::RequestId, FetchTransport*>& owners() {
  static std::map<api::Transport::RequestId, FetchTransport*> map;
  return map;
}
api::Transport::RequestId g_next_id = 1;  // unique across transports (sessions change)

}  // namespace

FetchTransport::FetchTransport(std::string base_url) : base_url_(std::move(base_url)) {}

FetchTransport::~FetchTransport() {
  for (const auto& [id, done] : pending_) {
    js_fetch_abort(static_cast<double>(id));
    owners().erase(id);
  }
}

api::Transport::RequestId FetchTransport::send(api::Request request, Completion done) {
  const RequestId id = g_next_id++;
  pending_.emplace(id, std::move(done));
  owners()[id] = this;
  std::string headers;
  for (const auto& [name, value] : request.headers)
    headers += name + "\n" + value + "\n";
  const bool absolute =
      request.target.starts_with("http://") || request.target.starts_with("https://");
  const std::string url = absolute ? request.target : base_url_ + request.target;
  js_fetch(static_cast<double>(id), std::string(api::to_string(request.method)).c_str(),
           url.c_str(), headers.c_str(), request.body.data(),
           static_cast<int>(request.body.size()));
  return id;
}

void FetchTransport::cancel(RequestId id) {
  if (!pending_.erase(id)) return;
  owners().erase(id);
  js_fetch_abort(static_cast<double>(id));
}

void FetchTransport::deliver(RequestId id, api::Response response) {
  const auto owner = owners().find(id);
  if (owner == owners().end()) return;  // cancelled
  FetchTransport* transport = owner->second;
  owners().erase(owner);
  auto it = transport->pending_.find(id);
  if (it == transport->pending_.end()) return;
  Completion done = std::move(it->second);
  transport->pending_.erase(it);
  done(std::move(response));
}

}  // namespace metal::web

extern "C" EMSCRIPTEN_KEEPALIVE void metal_fetch_done(double id, int status, const char* headers,
                                                      const char* body, int body_length) {
  metal::api::Response response;
  response.status = status;
  std::string_view rest(headers);
  while (!rest.empty()) {
    const auto name_end = rest.find('\n');
    if (name_end == std::string_view::npos) break;
    const auto value_end = rest.find('\n', name_end + 1);
    const std::string_view name = rest.substr(0, name_end);
    const std::string_view value =
        rest.substr(name_end + 1, value_end == std::string_view::npos ? std::string_view::npos
                                                                      : value_end - name_end - 1);
    if (status == 0 && name == "x-metal-network-error")
      response.network_error = std::string(value);
    else
      response.headers.emplace_back(std::string(name), std::string(value));
    if (value_end == std::string_view::npos) break;
    rest.remove_prefix(value_end + 1);
  }
  response.body.assign(body, static_cast<std::size_t>(body_length));
  metal::web::FetchTransport::deliver(static_cast<metal::api::Transport::RequestId>(id),
                                      std::move(response));
}
