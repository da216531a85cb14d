#pragma once
// One action applied to many servers: power on/off, reboot, standby, terminate, add or remove a
// tag. Items go out a few at a time (the dispatcher paces them under the API's rate limit), each
// with its own progress; failures keep the API's reason and can be retried, the rest cancelled.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/server.hpp"

namespace metal::state {

struct BulkOperation {
  enum class Kind { action, add_tag, remove_tag };
  Kind kind = Kind::action;
  model::ServerAction action = model::ServerAction::poweroff;
  std::string tag;
  bool operator==(const BulkOperation&) const = default;
};
/// "Power off", "Add tag web".
std::string describe(const BulkOperation& operation);

struct BulkItem {
  enum class Status { queued, sending, done, skipped, failed };
  std::string id;
  std::string zone;
  std::string name;
  Status status = Status::queued;
  std::string reason;  // why it was skipped or failed, in the API's words where it gave them
};
std::string_view to_string(BulkItem::Status status);

class BulkJob {
 public:
  BulkJob(std::uint64_t serial, BulkOperation operation, std::vector<BulkItem> items);

  std::uint64_t serial() const { return serial_; }
  const BulkOperation& operation() const { return operation_; }
  std::span<const BulkItem> items() const { return items_; }
  const BulkItem& item(std::size_t index) const { return items_[index]; }
  std::size_t count(BulkItem::Status status) const { return counts_[static_cast<int>(status)]; }
  std::size_t size() const { return items_.size(); }
  /// Nothing queued or on its way.
  bool finished() const;

  /// The next queued item, now marked sending, if fewer than `window` are on their way.
  std::optional<std::size_t> take_next(std::size_t window);
  void succeeded(std::size_t index);
  void failed(std::size_t index, std::string reason);
  /// Failed items go back to the queue.
  void retry_failed();
  /// Items not sent yet are skipped; those on their way finish.
  void cancel();

 private:
  void move(std::size_t index, BulkItem::Status to, std::string reason = {});

  std::uint64_t serial_;
  BulkOperation operation_;
  std::vector<BulkItem> items_;
  std::size_t counts_[5] = {};
  std::size_t next_queued_ = 0;  // no queued item before this index
};

}  // namespace metal::state
