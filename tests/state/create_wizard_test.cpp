// The create-server form against the offline demo: what a zone offers, the form's checks in
// words, and a creation that walks through its states.

#include <doctest/doctest.h>

#include "../support/demo_console.hpp"

using namespace metal;
using namespace metal::model;

namespace {

struct WizardConsole : testing::DemoConsole {
  explicit WizardConsole(int servers) : testing::DemoConsole(servers, 41) {}

  // The form in the first zone, with what the zone offers loaded.
  state::CreateWizard& open_form() {
    run_for(0.5);
    servers().open_create("");
    run_for(0.5);
    return servers().wizard();
  }
  bool has_problem(const std::string& text) const {
    for (const std::string& problem : servers().wizard().problems())
      if (problem.find(text) != std::string::npos) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("the form loads what the zone offers and preselects the cheapest type") {
  WizardConsole t(20);
  t.run_for(0.5);
  const std::string zone = t.console.zones().back();
  t.servers().open_create(zone);
  t.run_for(0.5);
  const state::CreateWizard& wizard = t.servers().wizard();
  REQUIRE(wizard.active());
  CHECK(state::format_route(t.console.route()) == "#/servers/new?zone=" + zone);
  const state::ZoneOffer& offer = wizard.offer();
  CHECK(offer.ready());
  CHECK(offer.types.size() > 5);
  CHECK(offer.availability.size() == offer.types.size());
  CHECK_FALSE(offer.public_images.empty());
  CHECK_FALSE(offer.security_groups.empty());  // every project has its default group
  const auto& chosen = offer.types.at(wizard.form().commercial_type);
  for (const auto& [name, type] : offer.types)
    CHECK(chosen.hourly_price.money.total_nanos() <= type.hourly_price.money.total_nanos());
  CHECK(wizard.form().image_id == offer.public_images.front().id);
  // The estimate is the type's own quoted prices.
  const state::CostEstimate cost = wizard.estimate();
  CHECK(cost.complete);
  CHECK(cost.monthly == chosen.monthly_price.money);
  // Only the name is missing.
  REQUIRE(wizard.problems().size() == 1);
  CHECK(wizard.problems()[0] == "the server needs a name");
}

TEST_CASE("the form names each problem: name, storage range, block-only types, stock") {
  WizardConsole t(20);
  state::CreateWizard& wizard = t.open_form();
  REQUIRE(wizard.offer().ready());
  wizard.form().name = "web 1";
  CHECK(t.has_problem("\" \" is not allowed"));
  wizard.form().name = std::string(64, 'a');
  CHECK(t.has_problem("at most 63 characters"));
  wizard.form().name = "web-1";
  CHECK(wizard.problems().empty());

  const auto [min_gb, max_gb] = wizard.local_storage_range_gb();
  REQUIRE(max_gb > 0);
  wizard.form().root_size_gb = max_gb + 1;
  CHECK(t.has_problem("local storage on " + wizard.form().commercial_type + " is " +
                      std::to_string(min_gb) + " to " + std::to_string(max_gb) + " GB"));
  wizard.form().root_size_gb = 0;
  wizard.form().block_volumes_gb = {0};
  CHECK(t.has_problem("a block volume is 1 to 10,000 GB, not 0 GB"));
  wizard.form().block_volumes_gb.clear();

  // A type with no local storage boots from a block volume: choosing it switches the form.
  for (const auto& [name, type] : wizard.offer().types)
    if (type.volumes_constraint.max_size == 0) {
      wizard.choose_type(name);
      CHECK(wizard.form().root_volume_type == "b_ssd");
      wizard.form().root_volume_type = "l_ssd";
      CHECK(t.has_problem(name + " has no local storage: boot from a block volume"));
      break;
    }
}

TEST_CASE("create with a new flexible IP and a data volume: the server appears, boots, runs") {
  WizardConsole t(20);
  state::CreateWizard& wizard = t.open_form();
  REQUIRE(wizard.offer().ready());
  wizard.form().name = "made-by-wizard";
  wizard.form().tags = "web, prod web";
  wizard.form().block_volumes_gb = {20};
  const std::size_t before = t.servers().servers().size();
  wizard.submit();
  CHECK(wizard.submitting());
  t.run_for(1.0);
  CHECK_FALSE(wizard.submitting());
  CHECK_FALSE(t.console.route().is("server-create"));
  const state::ServerRow* made = t.servers().selected();
  REQUIRE(made);
  CHECK(made->name == "made-by-wizard");
  CHECK(made->tags == std::vector<std::string>{"web", "prod"});
  CHECK(t.servers().servers().size() == before + 1);
  CHECK_FALSE(made->public_ip.empty());  // the flexible IP reserved for it
  CHECK(t.console.notifications().back().text == "Created made-by-wizard; powering it on");
  REQUIRE(t.servers().selected_detail());
  CHECK(t.servers().selected_detail()->volumes.size() == 2);
  const std::string id = made->id;
  t.run_for(3);
  CHECK(t.servers().servers().find(id)->state == ServerState::starting);
  t.run_for(90);
  CHECK(t.servers().servers().find(id)->state == ServerState::running);
}

TEST_CASE("a creation the API refuses leaves no flexible IP behind and says why") {
  WizardConsole t(20);
  state::CreateWizard& wizard = t.open_form();
  REQUIRE(wizard.offer().ready());
  const std::size_t free_ips = wizard.offer().free_ips.size();
  wizard.form().name = "no-such-image";
  // An image that went away since the form loaded: the API refuses after the IP was reserved.
  wizard.form().image_id = "00000000-0000-4000-8000-000000000000";
  wizard.submit();
  t.run_for(1.0);
  CHECK_FALSE(wizard.submitting());
  CHECK(wizard.active());  // the form stays, as filled, for another try
  CHECK(t.console.notifications().back().level == state::Notification::Level::error);
  CHECK(t.console.notifications().back().text.starts_with("Could not create the server: "));
  // The IP reserved for it was released.
  t.servers().open_create(t.console.zones().back());
  t.run_for(0.5);
  t.servers().open_create(t.console.zones().front());
  t.run_for(0.5);
  CHECK(t.servers().wizard().offer().free_ips.size() == free_ips);
}
