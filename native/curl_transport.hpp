#pragma once
// The desktop's Transport: libcurl's multi interface, driven from the thread that owns it.
// poll() moves every transfer forward and runs the completions of those that finished, on the
// calling thread (the UI thread in the app, the main thread in metalctl), so results reach the
// core the same way they do from the simulator. Connections are kept and reused; TLS is verified
// unless the configuration says `insecure`.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "api/transport.hpp"

namespace metal::native {

struct CurlOptions {
  std::string api_url = "https://api.scaleway.com";  // relative targets are appended to this
  bool insecure = false;  // skip TLS verification (self-signed test endpoints only)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // a whole transfer
  std::size_t max_response_bytes = 512u << 20;
  std::string user_agent = "metal-console/0.1";
};

class CurlTransport final : public api::Transport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  RequestId send(api::Request request, Completion done) override;
  void cancel(RequestId id) override;
  std::size_t in_flight() const override { return transfers_.size(); }

  /// Drives the transfers, waiting up to `wait` for network activity, and runs the completions
  /// of those that finished. Returns how many completed.
  int poll(std::chrono::milliseconds wait);

  /// Makes a poll() waiting on another thread return now (curl_multi_wakeup); thread-safe.
  void wakeup();

  /// The URL a target goes to (absolute targets are taken as they are).
  std::string url_for(const std::string& target) const;

 private:
  struct Transfer;
  void finish(Transfer& transfer, int curl_code);

  CurlOptions options_;
  void* multi_ = nullptr;  // CURLM*
  void* share_ = nullptr;  // CURLSH*: DNS and TLS sessions shared across transfers
  RequestId next_id_ = 1;
  std::unordered_map<RequestId, std::unique_ptr<Transfer>> transfers_;
  bool delivering_ = false;
  std::unordered_set<RequestId> cancelled_while_delivering_;
};

}  // namespace metal::native
