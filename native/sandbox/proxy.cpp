#include "proxy.hpp"

#include <curl/curl.h>

#include <cctype>

namespace metal::native {
namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

size_t on_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* out) {
  auto& headers = *static_cast<api::Headers*>(out);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/"))
    headers.clear();
  else if (auto colon = line.find(':'); colon != std::string_view::npos)
    headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  return size * count;
}

// Headers worth passing on in each direction; hop-by-hop ones stay behind.
bool forwarded_request_header(std::string_view name) {
  for (std::string_view keep : {"x-auth-token", "content-type", "accept", "authorization"})
    if (name.size() == keep.size() &&
        std::equal(name.begin(), name.end(), keep.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
      return true;
  return false;
}
bool forwarded_response_header(std::string_view name) {
  for (std::string_view keep :
       {"content-type", "x-total-count", "link", "location", "retry-after", "x-request-id"})
    if (name.size() == keep.size() &&
        std::equal(name.begin(), name.end(), keep.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
      return true;
  return false;
}

}  // namespace

void init_proxy() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

api::Response forward_request(const std::string& base, const api::Request& request, bool insecure) {
  // One connection kept per proxy thread: requests to the same API reuse it.
  thread_local CURL* easy = curl_easy_init();
  curl_easy_reset(easy);
  api::Response response;
  api::Headers received;
  const std::string url = base + request.target;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &received);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, 10'000L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 60'000L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, insecure ? 0L : 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, insecure ? 0L : 2L);
  curl_slist* headers = curl_slist_append(nullptr, "Expect:");
  for (const auto& [name, value] : request.headers)
    if (forwarded_request_header(name))
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  const std::string method(api::to_string(request.method));
  if (request.method != api::Method::get) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode code = curl_easy_perform(easy);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    api::Response failed;
    failed.status = 502;
    failed.headers.emplace_back("Content-Type", "application/json");
    // curl's words name the host and the cause, never a header.
    std::string reason = curl_easy_strerror(code);
    for (char& c : reason)
      if (c == '"' || c == '\\') c = '\'';
    failed.body = "{\"message\":\"the upstream API could not be reached: " + reason +
                  "\",\"type\":\"bad_gateway\"}";
    return failed;
  }
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  for (auto& header : received)
    if (forwarded_response_header(header.first)) response.headers.push_back(std::move(header));
  return response;
}

}  // namespace metal::native
