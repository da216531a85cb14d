#include "sim/demo_host.hpp"

#include <type_traits>
#include <utility>

namespace metal::sim {

namespace wire = api::wire;

DemoHost::DemoHost(const DemoOptions& options, model::Timestamp real_now, Post post,
                   std::optional<std::string_view> saved, std::int64_t saved_at, std::string notice)
    : options_(options), post_(std::move(post)), problem_(std::move(notice)) {
  if (saved) {
    auto world = World::restore_binary(*saved);
    if (world) {
      cloud_ = std::make_unique<DemoCloud>(std::move(world).value(), options_, real_now);
      restored_ = true;
      saved_at_ = saved_at;
    } else {
      if (!problem_.empty()) problem_ += '\n';
      problem_ += "The saved demo could not be read (" + world.error() +
                  "): it was set aside and a new demo started.";
    }
  }
  if (!cloud_) cloud_ = std::make_unique<DemoCloud>(options_, real_now);
  last_save_ = restored_ ? real_now.micros : 0;
  hello();
}

DemoHost::~DemoHost() {
  // The sockets read the world: they go first.
  sockets_.clear();
}

void DemoHost::post(const wire::Frame& frame) {
  post_(wire::encode(frame));
}

void DemoHost::hello() {
  wire::HelloFrame hello;
  hello.secret_key = cloud_->demo_key().secret_key;
  hello.zones = cloud_->world().fleet().zones();
  hello.restored = restored_;
  hello.saved_at = saved_at_;
  hello.problem = problem_;
  hello.clock_speed = cloud_->clock_speed();
  hello.clock_real = cloud_->clock().real_start().micros;
  hello.clock_sim = cloud_->clock().sim_start().micros;
  post(hello);
}

void DemoHost::receive(std::string_view bytes) {
  while (!bytes.empty()) {
    auto frame = wire::decode(bytes);
    if (!frame) return;  // a console that speaks another protocol: nothing sensible to answer
    std::visit(
        [this](auto& f) {
          using T = std::decay_t<decltype(f)>;
          if constexpr (std::is_same_v<T, wire::RequestFrame>) {
            const std::uint64_t id = f.id;
            if (f.request.method != api::Method::get) unsaved_write_ = true;
            requests_[id] =
                cloud_->transport().send(std::move(f.request), [this, id](api::Response response) {
                  requests_.erase(id);
                  post(wire::ResponseFrame{id, std::move(response)});
                });
          } else if constexpr (std::is_same_v<T, wire::CancelFrame>) {
            if (auto it = requests_.find(f.id); it != requests_.end()) {
              cloud_->transport().cancel(it->second);
              requests_.erase(it);
            }
          } else if constexpr (std::is_same_v<T, wire::SerialOpenFrame>) {
            sockets_[f.socket] = cloud_->serial().connect(f.zone);
          } else if constexpr (std::is_same_v<T, wire::SerialDataFrame>) {
            if (auto it = sockets_.find(f.socket); it != sockets_.end())
              it->second->send(std::move(f.data));
          } else if constexpr (std::is_same_v<T, wire::SerialCloseFrame>) {
            sockets_.erase(f.socket);
          } else if constexpr (std::is_same_v<T, wire::ResetFrame>) {
            reset_requested_ = true;
          } else if constexpr (std::is_same_v<T, wire::AttachFrame>) {
            hello();
          }
          // Responses, hellos and the rest travel the other way: a console never sends them.
        },
        *frame);
  }
}

void DemoHost::tick(model::Timestamp real_now, const std::function<bool()>& should_yield) {
  cloud_->tick(real_now, should_yield);
  serial_clock_ = static_cast<double>(real_now.micros) / 1e6;
  for (auto& [id, socket] : sockets_) {
    events_.clear();
    socket->poll(serial_clock_, events_);
    for (api::SerialSocketEvent& event : events_) {
      using Kind = api::SerialSocketEvent::Kind;
      if (event.kind == Kind::message)
        post(wire::SerialDataFrame{id, std::move(event.text)});
      else
        post(wire::SerialStateFrame{id, event.kind == Kind::opened, std::move(event.text)});
    }
  }
}

std::optional<std::string> DemoHost::take_save(model::Timestamp real_now, double interval_seconds) {
  if (!unsaved_write_ || unanswered() > 0) return std::nullopt;
  if (static_cast<double>(real_now.micros - last_save_) < interval_seconds * 1e6)
    return std::nullopt;
  unsaved_write_ = false;
  last_save_ = real_now.micros;
  return cloud_->world().save_binary();
}

void DemoHost::saved(model::Timestamp real_now) {
  saved_at_ = real_now.micros;
  post(wire::SavedFrame{saved_at_});
}

void DemoHost::reset(model::Timestamp real_now) {
  reset_requested_ = false;
  sockets_.clear();
  // Requests under way belong to the console that asked for the reset: it starts afresh too.
  requests_.clear();
  cloud_ = std::make_unique<DemoCloud>(options_, real_now);
  restored_ = false;
  unsaved_write_ = false;
  problem_.clear();
  saved_at_ = 0;
  last_save_ = 0;
  hello();
}

}  // namespace metal::sim
