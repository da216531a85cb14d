#include "api/dispatcher.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "model/timestamp.hpp"

namespace metal::api {

bool RetryPolicy::is_idempotent(Method method) {
  return method == Method::get || method == Method::put || method == Method::del;
}

bool RetryPolicy::is_retryable(const Response& response) {
  return response.status == 0 || response.status == 429 || response.status >= 500;
}

std::optional<double> RetryPolicy::delay(const Request& request, const Response& response,
                                         int attempt, double jitter) const {
  // A 429 means the API refused before acting, so even a POST may go again; after anything else
  // a POST or PATCH may have acted, and is not repeated.
  if (!is_retryable(response) || attempt >= max_attempts ||
      (!is_idempotent(request.method) && response.status != 429))
    return std::nullopt;
  // Full jitter: many clients backing off at once do not come back at once.
  const double ceiling = std::min(max_backoff, first_backoff * std::ldexp(1.0, attempt - 1));
  return jitter * ceiling;
}

std::optional<double> parse_retry_after(std::string_view value, double now_unix) {
  while (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ')
    value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size())
    return seconds < 0 ? std::nullopt : std::optional<double>(static_cast<double>(seconds));
  // An HTTP date: "Sun, 22 Nov 2026 12:00:00 GMT".
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (value.size() != 29 || value.substr(25) != " GMT") return std::nullopt;
  int month = 0;
  for (int i = 0; i < 12; ++i)
    if (value.substr(8, 3) == kMonths[i]) month = i + 1;
  if (month == 0) return std::nullopt;
  char iso[32];
  const std::string text(value);
  std::snprintf(iso, sizeof iso, "%.4s-%02d-%.2sT%.8sZ", text.c_str() + 12, month, text.c_str() + 5,
                text.c_str() + 17);
  auto when = model::parse_timestamp(iso);
  if (!when) return std::nullopt;
  return std::max(0.0, when->seconds() - now_unix);
}

Dispatcher::Dispatcher(Transport& inner, RetryPolicy retry, RatePolicy rate, std::uint64_t seed)
    : inner_(inner), retry_(retry), rate_(rate), tokens_(rate.burst), random_state_(seed) {}

double Dispatcher::jitter() {
  std::uint64_t z = (random_state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

Dispatcher::~Dispatcher() {
  for (const Entry& entry : entries_)
    if (entry.on_the_wire) inner_.cancel(entry.inner_id);
}

Transport::RequestId Dispatcher::send(Request request, Completion done) {
  const RequestId id = next_id_++;
  entries_.push_back(Entry{id, std::move(request), std::move(done), 1, 0, false, 0});
  return id;
}

void Dispatcher::cancel(RequestId id) {
  auto it =
      std::find_if(entries_.begin(), entries_.end(), [id](const Entry& e) { return e.id == id; });
  if (it == entries_.end()) return;
  if (it->on_the_wire) {
    inner_.cancel(it->inner_id);
    --on_the_wire_;
  }
  entries_.erase(it);
}

void Dispatcher::pump(double now, double now_unix) {
  now_ = now;
  now_unix_ = now_unix;
  if (last_refill_ >= 0)
    tokens_ = std::min(rate_.burst, tokens_ + (now - last_refill_) * rate_.requests_per_second);
  last_refill_ = now;
  const bool paced = inner_.rate_limited();
  for (Entry& entry : entries_) {
    if (on_the_wire_ >= rate_.max_in_flight || (paced && tokens_ < 1)) break;
    if (entry.on_the_wire || entry.not_before > now) continue;
    if (paced) tokens_ -= 1;
    ++on_the_wire_;
    entry.on_the_wire = true;
    const RequestId id = entry.id;
    entry.inner_id = inner_.send(
        entry.request, [this, id](Response response) { completed(id, std::move(response)); });
  }
}

void Dispatcher::completed(RequestId id, Response response) {
  auto it =
      std::find_if(entries_.begin(), entries_.end(), [id](const Entry& e) { return e.id == id; });
  if (it == entries_.end()) return;  // cancelled meanwhile
  --on_the_wire_;
  it->on_the_wire = false;
  if (auto wait = retry_.delay(it->request, response, it->attempt, jitter())) {
    if (auto header = response.header("Retry-After")) {
      if (auto asked = parse_retry_after(*header, now_unix_)) {
        if (*asked > retry_.max_retry_after)
          wait.reset();  // too long to hold the user: report it
        else
          wait = std::max(*wait, *asked);
      }
    }
    if (wait) {
      ++it->attempt;
      ++retries_;
      it->not_before = now_ + *wait;
      return;
    }
  }
  Completion done = std::move(it->done);
  entries_.erase(it);
  done(std::move(response));
}

}  // namespace metal::api
