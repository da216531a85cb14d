// Ticking servers and acting on all of them at once, against the offline demo's simulated cloud.

#include <doctest/doctest.h>

#include <algorithm>

#include "../support/demo_console.hpp"

using namespace metal;
using namespace metal::model;
using state::BulkItem;
using state::BulkOperation;

namespace {

struct BulkConsole : testing::DemoConsole {
  explicit BulkConsole(int servers, sim::Faults faults = {})
      : testing::DemoConsole(servers, 23, faults) {}

  void run_until_bulk_finished() {
    for (int i = 0; i < 600 && !servers().bulk()->finished(); ++i)
      run_for(0.1);
  }
  void show(model::ServerState state) {
    state::ServerQuery query;
    query.state = state;
    servers().set_query(query);
    run_for(0.1);
  }
  std::vector<std::string> shown_ids(std::size_t count) const {
    std::vector<std::string> ids;
    for (std::size_t p = 0; p < count && p < servers().view().size(); ++p)
      ids.push_back(servers().servers().rows()[servers().view().rows()[p]].id);
    return ids;
  }
};

}  // namespace

TEST_CASE("bulk power off of 20 running servers: each goes through, then each stops") {
  BulkConsole t(300);
  t.run_for(0.5);
  t.show(ServerState::running);
  REQUIRE(t.servers().view().size() >= 20);
  t.servers().tick_positions(0, 20);
  CHECK(t.servers().selected_count() == 20);
  const std::vector<std::string> ids = t.shown_ids(20);

  t.servers().start_bulk(BulkOperation{BulkOperation::Kind::action, ServerAction::poweroff, {}});
  REQUIRE(t.servers().bulk());
  CHECK(t.servers().bulk()->size() == 20);
  t.run_until_bulk_finished();
  CHECK(t.servers().bulk()->count(BulkItem::Status::done) == 20);
  CHECK(t.console.notifications().back().text == "Power off: 20 of 20 done");
  t.run_for(5);
  for (const std::string& id : ids)
    CHECK(t.servers().servers().find(id)->state == ServerState::stopping);
  t.run_for(90);
  for (const std::string& id : ids)
    CHECK(t.servers().servers().find(id)->state == ServerState::stopped);
}

TEST_CASE("a bulk action under rate limiting still gets every server done") {
  sim::Faults faults;
  faults.rate_limit_rate = 0.3;
  BulkConsole t(200, faults);
  t.run_for(3);
  t.show(ServerState::stopped);
  REQUIRE(t.servers().view().size() >= 15);
  t.servers().tick_positions(0, 15);
  const std::vector<std::string> ids = t.shown_ids(15);
  t.servers().start_bulk(BulkOperation{BulkOperation::Kind::action, ServerAction::poweron, {}});
  t.run_until_bulk_finished();
  // About a third of the requests were answered 429; each went again after a backoff.
  CHECK(t.servers().bulk()->count(BulkItem::Status::done) == 15);
  CHECK(t.servers().bulk()->count(BulkItem::Status::failed) == 0);
  CHECK(t.console.retries() > 0);
  for (const std::string& id : ids) {
    const std::string zone = t.servers().servers().find(id)->zone;
    const auto server = t.demo.world().get_server(zone, id);
    REQUIRE(server);
    CHECK(server->state == ServerState::starting);
  }
}

TEST_CASE(
    "partial failures keep the API's reason and can be retried; what cannot apply is skipped") {
  BulkConsole t(400);
  t.run_for(0.5);
  // Terminate running servers, some of them protected: those fail with the API's reason.
  t.show(ServerState::running);
  std::vector<std::string> protected_ids, plain_ids;
  for (std::uint32_t i : t.servers().view().rows()) {
    const state::ServerRow& row = t.servers().servers().rows()[i];
    auto& bucket = row.is_protected ? protected_ids : plain_ids;
    if (bucket.size() < 3) {
      bucket.push_back(row.id);
      t.servers().tick_server(row.id, true);
    }
  }
  REQUIRE(protected_ids.size() == 3);
  t.servers().start_bulk(BulkOperation{BulkOperation::Kind::action, ServerAction::terminate, {}});
  t.run_until_bulk_finished();
  const state::BulkJob& job = *t.servers().bulk();
  CHECK(job.count(BulkItem::Status::done) == 3);
  CHECK(job.count(BulkItem::Status::failed) == 3);
  for (const BulkItem& item : job.items())
    if (item.status == BulkItem::Status::failed) {
      CHECK(std::find(protected_ids.begin(), protected_ids.end(), item.id) != protected_ids.end());
      CHECK(item.reason == "server is protected: disable protection to terminate it");
    }
  CHECK(t.console.notifications().back().text == "Terminate: 3 of 6 done, 3 failed");
  CHECK(t.console.notifications().back().level == state::Notification::Level::error);

  // Retrying sends the failed ones again (and they fail again: nothing changed).
  t.servers().retry_bulk_failures();
  CHECK(t.servers().bulk()->count(BulkItem::Status::queued) == 3);
  t.run_until_bulk_finished();
  CHECK(t.servers().bulk()->count(BulkItem::Status::failed) == 3);
  t.servers().dismiss_bulk();
  CHECK_FALSE(t.servers().bulk());

  t.servers().untick_all();
  t.show(ServerState::stopped);
  REQUIRE(t.servers().view().size() > 0);
  t.servers().tick_positions(0, 1);
  t.servers().start_bulk(BulkOperation{BulkOperation::Kind::action, ServerAction::poweroff, {}});
  REQUIRE(t.servers().bulk());
  CHECK(t.servers().bulk()->item(0).status == BulkItem::Status::skipped);
  CHECK(t.servers().bulk()->item(0).reason == "cannot power off while stopped");
}

TEST_CASE(
    "all N matching the filter: counted without listing, exceptions honoured, reset by a new "
    "filter") {
  BulkConsole t(2000);
  t.run_for(1.0);
  t.show(ServerState::stopped);
  const std::size_t matching = t.servers().view().size();
  REQUIRE(matching > 100);
  t.servers().tick_all_matching();
  CHECK(t.servers().selection().all_matching());
  CHECK(t.servers().selected_count() == matching);
  const std::string first = t.shown_ids(1).front();
  t.servers().tick_server(first, false);
  CHECK(t.servers().selected_count() == matching - 1);
  CHECK_FALSE(t.servers().selection().contains(*t.servers().servers().find(first)));

  // Sorting differently selects the same servers; filtering differently drops "all matching".
  state::ServerQuery query = t.servers().query();
  query.sort = state::ServerColumn::name;
  t.servers().set_query(query);
  t.run_for(0.1);
  CHECK(t.servers().selected_count() == matching - 1);
  query.text = "web";
  t.servers().set_query(query);
  t.run_for(0.1);
  CHECK(t.servers().selection().empty());

  // Shift-ranges tick everything between the last ticked row and the clicked one.
  query.text.clear();
  t.servers().set_query(query);
  t.run_for(0.1);
  t.servers().tick_server(t.shown_ids(5)[4], true);
  t.servers().tick_range_to(40);
  CHECK(t.servers().selected_count() == 37);
}

TEST_CASE("bulk tagging adds the tag to the ticked servers and shows it at once") {
  BulkConsole t(100);
  t.run_for(0.5);
  t.servers().tick_positions(0, 10);
  const std::vector<std::string> ids = t.shown_ids(10);
  t.servers().start_bulk(
      BulkOperation{BulkOperation::Kind::add_tag, ServerAction::poweroff, "batch-7"});
  t.run_until_bulk_finished();
  CHECK(t.servers().bulk()->count(BulkItem::Status::done) == 10);
  for (const std::string& id : ids) {
    const auto& tags = t.servers().servers().find(id)->tags;
    CHECK(std::count(tags.begin(), tags.end(), "batch-7") == 1);
  }
  state::ServerQuery query;
  query.tag = "batch-7";
  t.servers().set_query(query);
  t.run_for(0.1);
  CHECK(t.servers().view().size() == 10);
}
