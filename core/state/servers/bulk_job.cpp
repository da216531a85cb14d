#include "state/servers/bulk_job.hpp"

#include <algorithm>

#include "state/servers/action_text.hpp"

namespace metal::state {

std::string describe(const BulkOperation& operation) {
  switch (operation.kind) {
    case BulkOperation::Kind::action:
      return std::string(action_label(operation.action));
    case BulkOperation::Kind::add_tag:
      return "Add tag " + operation.tag;
    case BulkOperation::Kind::remove_tag:
      return "Remove tag " + operation.tag;
  }
  return {};
}

std::string_view to_string(BulkItem::Status status) {
  switch (status) {
    case BulkItem::Status::queued:
      return "queued";
    case BulkItem::Status::sending:
      return "sending";
    case BulkItem::Status::done:
      return "done";
    case BulkItem::Status::skipped:
      return "skipped";
    case BulkItem::Status::failed:
      return "failed";
  }
  return "queued";
}

BulkJob::BulkJob(std::uint64_t serial, BulkOperation operation, std::vector<BulkItem> items)
    : serial_(serial), operation_(std::move(operation)), items_(std::move(items)) {
  for (const BulkItem& item : items_)
    ++counts_[static_cast<int>(item.status)];
}

bool BulkJob::finished() const {
  return count(BulkItem::Status::queued) == 0 && count(BulkItem::Status::sending) == 0;
}

std::optional<std::size_t> BulkJob::take_next(std::size_t window) {
  if (count(BulkItem::Status::sending) >= window) return std::nullopt;
  while (next_queued_ < items_.size() && items_[next_queued_].status != BulkItem::Status::queued)
    ++next_queued_;
  if (next_queued_ >= items_.size()) return std::nullopt;
  move(next_queued_, BulkItem::Status::sending);
  return next_queued_++;
}

void BulkJob::succeeded(std::size_t index) {
  if (index < items_.size() && items_[index].status == BulkItem::Status::sending)
    move(index, BulkItem::Status::done);
}

void BulkJob::failed(std::size_t index, std::string reason) {
  if (index < items_.size() && items_[index].status == BulkItem::Status::sending)
    move(index, BulkItem::Status::failed, std::move(reason));
}

void BulkJob::retry_failed() {
  for (std::size_t i = 0; i < items_.size(); ++i)
    if (items_[i].status == BulkItem::Status::failed) {
      move(i, BulkItem::Status::queued);
      next_queued_ = std::min(next_queued_, i);
    }
}

void BulkJob::cancel() {
  for (std::size_t i = 0; i < items_.size(); ++i)
    if (items_[i].status == BulkItem::Status::queued)
      move(i, BulkItem::Status::skipped, "cancelled");
}

void BulkJob::move(std::size_t index, BulkItem::Status to, std::string reason) {
  BulkItem& item = items_[index];
  --counts_[static_cast<int>(item.status)];
  ++counts_[static_cast<int>(to)];
  item.status = to;
  item.reason = std::move(reason);
}

}  // namespace metal::state
