#pragma once
// A feature's store: the data of one part of the product (servers, monitoring, SSH keys...) and
// the intents that change it, in its own folder. The hub (Console) creates a feature the first
// time something asks for it and ticks it every frame; a new session is a new hub, so every
// feature starts afresh with it.

#include <cstdint>

#include "model/json_codec.hpp"

namespace metal::state {

class Console;
struct Route;

class Feature {
 public:
  virtual ~Feature() = default;
  /// Every frame, after the shown page said what it needs.
  virtual void tick() {}
  /// The route changed (the hub's route() is already the new one).
  virtual void route_changed(const Route& /*from*/) {}
  /// What the feature always adds to status(), whatever the page.
  virtual void report(model::Json& /*status*/) const {}
  /// Changes whenever something the feature's pages show changed (the frame pacer draws then).
  virtual std::uint64_t version() const { return 0; }
  /// A first load is streaming many rows in: the feature refreshes what it shows, and the frame
  /// pacer draws, every kStreamingRefreshInterval meanwhile (every frame would have new rows, and
  /// drawing each would take the time the load needs).
  virtual bool streaming_first_load() const { return false; }
  /// The user is looking at a placeholder for something just opened (a frame may take longer to
  /// answer it sooner).
  virtual bool opening() const { return false; }
};

/// Seconds between refreshes of what a streaming first load shows, and between its frames (the
/// count of rows loaded moves twice a second; ui/frame_pacer.hpp says what a frame costs).
inline constexpr double kStreamingRefreshInterval = 0.5;

/// One address per feature type: how the hub finds a feature without RTTI (the web build has none).
template <class F>
inline constexpr char kFeatureKey = 0;

}  // namespace metal::state
