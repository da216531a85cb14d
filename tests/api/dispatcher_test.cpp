#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <optional>

#include "api/dispatcher.hpp"

using namespace metal::api;

namespace {

// Answers with the next queued response (or 200 once the queue is spent), on deliver().
class QueuedTransport final : public Transport {
 public:
  std::deque<Response> script;
  std::vector<Request> sent;
  std::vector<RequestId> cancelled;

  RequestId send(Request request, Completion done) override {
    sent.push_back(request);
    pending_.push_back({sent.size(), std::move(done)});
    return sent.size();
  }
  void cancel(RequestId id) override { cancelled.push_back(id); }
  std::size_t in_flight() const override { return pending_.size(); }
  void deliver() {
    while (!pending_.empty()) {
      auto done = std::move(pending_.front().second);
      pending_.pop_front();
      Response response;
      if (script.empty()) {
        response.status = 200;
      } else {
        response = script.front();
        script.pop_front();
      }
      done(response);
    }
  }

 private:
  std::deque<std::pair<RequestId, Completion>> pending_;
};

Response status(int code, std::optional<std::string> retry_after = std::nullopt) {
  Response r;
  r.status = code;
  if (code == 0) r.network_error = "connection reset";
  if (retry_after) r.headers.emplace_back("Retry-After", *retry_after);
  return r;
}

Request request(Method method) {
  Request r;
  r.method = method;
  r.target = "/instance/v1/zones/fr-par-1/servers";
  return r;
}

}  // namespace

TEST_CASE("a 429 is retried after a backoff, and the caller sees only the success") {
  QueuedTransport wire;
  wire.script = {status(429)};
  Dispatcher dispatcher(wire);
  std::vector<int> answers;
  dispatcher.send(request(Method::get), [&](Response r) { answers.push_back(r.status); });
  dispatcher.pump(0);
  wire.deliver();
  CHECK(answers.empty());
  CHECK(wire.sent.size() == 1);
  for (double t = 0.05; t <= 1.0; t += 0.05) {  // the first backoff is at most 0.5 s
    dispatcher.pump(t);
    wire.deliver();
  }
  CHECK(wire.sent.size() == 2);
  CHECK(answers == std::vector<int>{200});
  CHECK(dispatcher.retries() == 1);
  CHECK(dispatcher.in_flight() == 0);
}

TEST_CASE("Retry-After is honoured, in seconds or as an HTTP date") {
  QueuedTransport wire;
  wire.script = {status(503, "3")};
  Dispatcher dispatcher(wire);
  int answered = 0;
  dispatcher.send(request(Method::get), [&](Response) { ++answered; });
  dispatcher.pump(0);
  wire.deliver();
  dispatcher.pump(2.9);
  wire.deliver();
  CHECK(wire.sent.size() == 1);  // not before the 3 s the server asked for
  dispatcher.pump(3.0);
  wire.deliver();
  CHECK(wire.sent.size() == 2);
  CHECK(answered == 1);

  CHECK(parse_retry_after("120", 0) == 120.0);
  const double now = 1'795'334'400;  // 2026-11-22T08:00:00Z
  CHECK(parse_retry_after("Sun, 22 Nov 2026 08:00:30 GMT", now) == doctest::Approx(30.0));
  CHECK_FALSE(parse_retry_after("soon", now).has_value());
  CHECK_FALSE(parse_retry_after("-5", now).has_value());
}

TEST_CASE("503s exhaust the retries and the last failure reaches the caller") {
  QueuedTransport wire;
  wire.script = {status(503), status(503), status(503), status(503), status(503)};
  Dispatcher dispatcher(wire);
  std::optional<int> answer;
  dispatcher.send(request(Method::get), [&](Response r) { answer = r.status; });
  for (double t = 0; t <= 30; t += 0.1) {
    dispatcher.pump(t);
    wire.deliver();
  }
  CHECK(wire.sent.size() == 4);  // RetryPolicy::max_attempts
  CHECK(answer == 503);
}

TEST_CASE("a network error on a GET is retried") {
  QueuedTransport wire;
  wire.script = {status(0)};
  Dispatcher dispatcher(wire);
  std::optional<int> answer;
  dispatcher.send(request(Method::del), [&](Response r) { answer = r.status; });
  for (double t = 0; t <= 2; t += 0.1) {
    dispatcher.pump(t);
    wire.deliver();
  }
  CHECK(answer == 200);
  CHECK(wire.sent.size() == 2);
}

TEST_CASE("a POST is never repeated on its own after it may have acted") {
  for (int code : {0, 502, 503}) {
    CAPTURE(code);
    QueuedTransport wire;
    wire.script = {status(code)};
    Dispatcher dispatcher(wire);
    std::optional<int> answer;
    dispatcher.send(request(Method::post), [&](Response r) { answer = r.status; });
    for (double t = 0; t <= 10; t += 0.1) {
      dispatcher.pump(t);
      wire.deliver();
    }
    CHECK(wire.sent.size() == 1);
    CHECK(answer == code);
  }
}

TEST_CASE("a rate-limited POST is sent again: the API did not act on it") {
  for (Method method : {Method::post, Method::patch}) {
    QueuedTransport wire;
    wire.script = {status(429)};
    Dispatcher dispatcher(wire);
    std::vector<int> answers;
    dispatcher.send(request(method), [&](Response r) { answers.push_back(r.status); });
    for (double t = 0; t <= 10; t += 0.1) {
      dispatcher.pump(t);
      wire.deliver();
    }
    CHECK(wire.sent.size() == 2);
    CHECK(answers == std::vector<int>{200});
  }
}

TEST_CASE("requests are paced at the rate limit and capped in flight") {
  QueuedTransport wire;
  Dispatcher dispatcher(wire, RetryPolicy{}, RatePolicy{100, 20, 16});
  int answered = 0;
  for (int i = 0; i < 500; ++i)
    dispatcher.send(request(Method::get), [&](Response) { ++answered; });
  dispatcher.pump(0);
  CHECK(wire.sent.size() == 16);  // the in-flight cap bites before the burst of 20
  wire.deliver();
  dispatcher.pump(0);
  CHECK(wire.sent.size() == 20);  // then the burst is spent
  for (double t = 0.01; t <= 1.0001; t += 0.01) {
    wire.deliver();
    dispatcher.pump(t);
  }
  // One second at 100 requests per second, after the burst of 20.
  CHECK(wire.sent.size() >= 118);
  CHECK(wire.sent.size() <= 121);
  for (double t = 1.01; answered < 500 && t < 10; t += 0.01) {
    wire.deliver();
    dispatcher.pump(t);
  }
  CHECK(answered == 500);
}

TEST_CASE("a cancelled request is never sent, or its answer never delivered") {
  QueuedTransport wire;
  Dispatcher dispatcher(wire, RetryPolicy{}, RatePolicy{100, 1, 16});
  int answered = 0;
  const auto first = dispatcher.send(request(Method::get), [&](Response) { ++answered; });
  const auto second = dispatcher.send(request(Method::get), [&](Response) { ++answered; });
  dispatcher.pump(0);  // a burst of one: only the first goes out
  dispatcher.cancel(first);
  dispatcher.cancel(second);
  CHECK(wire.cancelled.size() == 1);
  wire.deliver();
  for (double t = 0; t < 1; t += 0.1)
    dispatcher.pump(t);
  CHECK(wire.sent.size() == 1);
  CHECK(answered == 0);
  CHECK(dispatcher.in_flight() == 0);
}
