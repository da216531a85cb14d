#include "curl_transport.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <vector>

namespace metal::native {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

struct CurlTransport::Transfer {
  RequestId id = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  api::Request request;  // keeps the body alive while curl reads it
  Completion done;
  api::Response response;
  std::size_t max_bytes = 0;
  bool too_large = false;
  char error[CURL_ERROR_SIZE] = {};

  static size_t on_body(char* data, size_t size, size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const size_t bytes = size * count;
    if (t.response.body.size() + bytes > t.max_bytes) {
      t.too_large = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t.response.body.append(data, bytes);
    return bytes;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
      t.response.headers.clear();  // a new response (after a 100 Continue or a redirect)
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
      t.response.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    return size * count;
  }
};

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {
  global_init_once();
  while (!options_.api_url.empty() && options_.api_url.back() == '/')
    options_.api_url.pop_back();
  multi_ = curl_multi_init();
  // Connections stay open for reuse (HTTP/1.1 keep-alive); a handful per host is plenty for the
  // Dispatcher's 16 requests in flight.
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 16L);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 32L);
  share_ = curl_share_init();
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlTransport::~CurlTransport() {
  for (auto& [id, transfer] : transfers_) {
    curl_multi_remove_handle(multi_, transfer->easy);
    curl_easy_cleanup(transfer->easy);
    curl_slist_free_all(transfer->headers);
  }
  transfers_.clear();
  curl_multi_cleanup(multi_);
  curl_share_cleanup(share_);
}

std::string CurlTransport::url_for(const std::string& target) const {
  if (target.starts_with("http://") || target.starts_with("https://")) return target;
  return options_.api_url + target;
}

api::Transport::RequestId CurlTransport::send(api::Request request, Completion done) {
  auto transfer = std::make_unique<Transfer>();
  Transfer& t = *transfer;
  t.id = next_id_++;
  t.request = std::move(request);
  t.done = std::move(done);
  t.max_bytes = options_.max_response_bytes;
  t.easy = curl_easy_init();

  CURL* easy = t.easy;
  const std::string url = url_for(t.request.target);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(easy, CURLOPT_SHARE, share_);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.error);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode (gzip...)
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  // Redirects are not followed: the key travels in a header and must not reach another host.
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options_.insecure ? 0L : 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options_.insecure ? 0L : 2L);

  for (const auto& [name, value] : t.request.headers)
    t.headers = curl_slist_append(t.headers, (name + ": " + value).c_str());
  t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
  t.headers = curl_slist_append(t.headers, "Accept: application/json");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headers);

  switch (t.request.method) {
    case api::Method::get:
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
      break;
    case api::Method::post:
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      break;
    case api::Method::put:
    case api::Method::patch:
    case api::Method::del:
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST,
                       std::string(api::to_string(t.request.method)).c_str());
      break;
  }
  if (t.request.method != api::Method::get &&
      (!t.request.body.empty() || t.request.method == api::Method::post)) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t.request.body.size()));
  }

  const RequestId id = t.id;
  curl_multi_add_handle(multi_, easy);
  transfers_.emplace(id, std::move(transfer));
  return id;
}

void CurlTransport::cancel(RequestId id) {
  auto it = transfers_.find(id);
  if (it == transfers_.end()) {
    // Finished in this poll but not yet delivered: its completion must not run either.
    if (delivering_) cancelled_while_delivering_.insert(id);
    return;
  }
  curl_multi_remove_handle(multi_, it->second->easy);
  curl_easy_cleanup(it->second->easy);
  curl_slist_free_all(it->second->headers);
  transfers_.erase(it);
}

void CurlTransport::finish(Transfer& t, int curl_code) {
  const auto code = static_cast<CURLcode>(curl_code);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    t.response.status = static_cast<int>(status);
  } else {
    // curl's own words ("Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused"):
    // they name the host, never a header.
    t.response = api::Response{};
    if (t.too_large)
      t.response.network_error =
          "response larger than " + std::to_string(t.max_bytes >> 20) + " MiB, not read";
    else
      t.response.network_error = t.error[0] ? t.error : curl_easy_strerror(code);
  }
}

void CurlTransport::wakeup() {
  curl_multi_wakeup(multi_);
}

int CurlTransport::poll(std::chrono::milliseconds wait) {
  int running = 0;
  curl_multi_perform(multi_, &running);
  // Nothing finished yet: wait for the network (curl_multi_poll also waits with no transfers,
  // which keeps a caller's loop from spinning while the Dispatcher holds requests back).
  if (running == static_cast<int>(transfers_.size()) && wait.count() > 0) {
    curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    curl_multi_perform(multi_, &running);
  }
  // Collect first, complete after: a completion may send new requests or cancel others.
  struct Finished {
    RequestId id;
    Completion done;
    api::Response response;
  };
  std::vector<Finished> finished;
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    Transfer* t = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
    finish(*t, message->data.result);
    const RequestId id = t->id;
    finished.push_back({id, std::move(t->done), std::move(t->response)});
    curl_multi_remove_handle(multi_, t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    transfers_.erase(id);
  }
  cancelled_while_delivering_.clear();
  delivering_ = true;
  for (Finished& f : finished)
    if (!cancelled_while_delivering_.contains(f.id)) f.done(std::move(f.response));
  delivering_ = false;
  return static_cast<int>(finished.size());
}

}  // namespace metal::native
