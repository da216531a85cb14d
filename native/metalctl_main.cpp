// metalctl: the command-line client of Metal Console, on the same core as the consoles.
// Conventions of the Scaleway CLI: settings from flags, then SCW_* environment, then the scw
// config.yaml (profiles); `key=value` arguments; `-o json` for machines.

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "api/account_client.hpp"
#include "api/billing_client.hpp"
#include "api/instance_client.hpp"
#include "api/zones.hpp"
#include "metalctl_session.hpp"
#include "metalctl_table.hpp"
#include "model/timestamp.hpp"
#include "scw_config.hpp"
#include "settings_file.hpp"
#include "state/format.hpp"

namespace {

using namespace metal;
using native::Table;

constexpr const char* kUsage = R"(metalctl: Metal Console on the command line.

Usage: metalctl [flags] <command> [arguments] [key=value ...]

Commands:
  server list [name=] [state=] [type=] [tags=a,b] [project-id=] [order=]
  server get <id>
  server create type=<commercial type> image=<id or label> [name=] [tags=a,b]
                [project-id=] [security-group=<id>] [placement-group=<id>] [ip=new|dynamic|none]
  server action <id> <poweron|poweroff|stop_in_place|reboot|backup|terminate|enable_routed_ip>
  server delete <id>
  image list [name=] [public=true|false]
  volume list [name=] [volume-type=]
  ip list
  security-group list [name=]
  type list                     server types with prices and availability
  ssh-key list
  billing consumption [period=YYYY-MM] [project-id=] [organization-id=]

Flags (each also as key=value, e.g. zone=nl-ams-1):
  --zone Z          a zone, or "all" for every zone (lists only)
  -o, --output F    table (default) or json
  --profile P       a profile of the scw config file
  --api-url URL     the API (default https://api.scaleway.com)
  --project ID      default project
  --organization ID default organization
  --insecure        do not verify TLS certificates (test endpoints only)
  --help            this help

Settings: flags, then SCW_API_URL, SCW_SECRET_KEY, SCW_ACCESS_KEY, SCW_DEFAULT_ZONE,
SCW_DEFAULT_REGION, SCW_DEFAULT_PROJECT_ID, SCW_DEFAULT_ORGANIZATION_ID, SCW_PROFILE, SCW_INSECURE,
then the active profile of $SCW_CONFIG_PATH (else ~/.config/scw/config.yaml), then its root keys.
The secret key is read from the environment or the config file only, never from the command line.

Exit status: 0 success, 1 the API or the network failed, 2 a usage or settings problem.
)";

enum Exit { kOk = 0, kApiFailure = 1, kUsageError = 2 };

struct UsageError {
  std::string message;
};

struct Invocation {
  std::vector<std::string> words;                // "server", "list", "<id>"...
  std::map<std::string, std::string> arguments;  // key=value
  native::SettingFlags flags;
  std::string output = "table";
  bool help = false;
};

Invocation parse_invocation(int argc, char** argv) {
  Invocation inv;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const std::string& name) -> std::string {
      if (const auto eq = arg.find('='); eq != std::string::npos) return arg.substr(eq + 1);
      if (i + 1 >= argc) throw UsageError{name + " needs a value"};
      return argv[++i];
    };
    auto is = [&](std::string_view name) {
      return arg == name || arg.starts_with(std::string(name) + "=");
    };
    if (arg == "--help" || arg == "-h" || arg == "help") {
      inv.help = true;
    } else if (is("--zone")) {
      inv.flags.zone = value("--zone");
    } else if (is("--output") || arg == "-o") {
      inv.output = value("--output");
    } else if (is("--profile")) {
      inv.flags.profile = value("--profile");
    } else if (is("--api-url")) {
      inv.flags.api_url = value("--api-url");
    } else if (is("--project")) {
      inv.flags.project_id = value("--project");
    } else if (is("--organization")) {
      inv.flags.organization_id = value("--organization");
    } else if (is("--region")) {
      inv.flags.region = value("--region");
    } else if (arg == "--insecure") {
      inv.flags.insecure = true;
    } else if (arg == "--secret-key" || arg.starts_with("--secret-key=")) {
      throw UsageError{
          "the secret key is not taken on the command line (other users can read it there): "
          "set SCW_SECRET_KEY or secret_key in the config file"};
    } else if (arg.starts_with("-")) {
      throw UsageError{"unknown flag \"" + arg.substr(0, 40) + "\""};
    } else if (const auto eq = arg.find('='); eq != std::string::npos && eq > 0) {
      const std::string key = arg.substr(0, eq);
      const std::string val = arg.substr(eq + 1);
      if (key == "zone")
        inv.flags.zone = val;
      else if (key == "region")
        inv.flags.region = val;
      else if (key == "profile")
        inv.flags.profile = val;
      else if (key == "output")
        inv.output = val;
      else
        inv.arguments[key] = val;
    } else {
      inv.words.push_back(arg);
    }
  }
  if (inv.output != "table" && inv.output != "json")
    throw UsageError{"output \"" + inv.output.substr(0, 20) + "\" is not one of: table, json"};
  return inv;
}

native::Settings load_settings(const Invocation& inv) {
  std::string warning;
  auto settings = native::load_settings(inv.flags, warning);
  if (!warning.empty()) std::fprintf(stderr, "metalctl: warning: %s\n", warning.c_str());
  if (!settings) throw UsageError{settings.error()};
  return std::move(settings).value();
}

// ---- what the commands print ------------------------------------------------------------------

std::string joined(const std::vector<std::string>& items, const char* separator = ",") {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string date_of(const std::optional<model::Timestamp>& t) {
  return t ? state::format_date_time(*t) : "";
}

Table servers_table(const std::vector<model::Server>& servers) {
  Table table{{"ID", "NAME", "TYPE", "STATE", "ZONE", "PUBLIC IP", "PRIVATE IP", "TAGS", "CREATED"},
              {}};
  for (const auto& s : servers)
    table.rows.push_back({s.id, s.name, s.commercial_type, std::string(s.state_text()), s.zone,
                          s.public_ips.empty() ? "" : s.public_ips.front().address,
                          s.private_ip.value_or(""), joined(s.tags),
                          state::format_date_time(s.creation_date)});
  return table;
}

std::string server_fields(const model::Server& s) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"ID", s.id},
      {"Name", s.name},
      {"State",
       std::string(s.state_text()) + (s.state_detail.empty() ? "" : " (" + s.state_detail + ")")},
      {"Type", s.commercial_type},
      {"Zone", s.zone},
      {"Arch", s.arch},
      {"Image", s.image ? s.image->name : ""},
      {"Project", s.project},
      {"Organization", s.organization},
      {"Public IPs", ""},
      {"Private IP", s.private_ip.value_or("")},
      {"Tags", joined(s.tags, ", ")},
      {"Protected", s.is_protected ? "yes" : "no"},
      {"Allowed actions", ""},
      {"Created", state::format_date_time(s.creation_date)},
      {"Modified", state::format_date_time(s.modification_date)},
  };
  std::vector<std::string> ips;
  for (const auto& ip : s.public_ips)
    ips.push_back(ip.address);
  f[9].second = joined(ips, ", ");
  f[13].second = joined(s.allowed_actions, ", ");
  for (const auto& [slot, volume] : s.volumes)
    f.push_back({"Volume " + slot,
                 volume.name + " (" + volume.volume_type +
                     (volume.size ? ", " + state::format_bytes(*volume.size) : "") + ")"});
  return native::render_fields(f);
}

// ---- running commands --------------------------------------------------------------------------

class Cli {
 public:
  Cli(Invocation inv, native::Settings settings)
      : inv_(std::move(inv)),
        settings_(std::move(settings)),
        session_(native::CurlOptions{.api_url = settings_.api_url, .insecure = settings_.insecure}),
        instance_(session_.transport(), api::Credentials{settings_.secret_key}),
        account_(session_.transport(), api::Credentials{settings_.secret_key}),
        billing_(session_.transport(), api::Credentials{settings_.secret_key}) {}

  int run();

 private:
  // Arguments of the current command: each may be read once; what is left is refused.
  std::string take(const std::string& key) {
    auto it = inv_.arguments.find(key);
    if (it == inv_.arguments.end()) return {};
    std::string value = it->second;
    inv_.arguments.erase(it);
    return value;
  }
  void no_more_arguments(const std::string& command) {
    if (!inv_.arguments.empty())
      throw UsageError{"unknown argument \"" + inv_.arguments.begin()->first + "=\" for '" +
                       command + "'"};
    if (inv_.words.size() > expected_words_)
      throw UsageError{"unexpected \"" + inv_.words[expected_words_] + "\" after '" + command +
                       "'"};
  }
  std::string word(std::size_t index, const std::string& what) {
    expected_words_ = std::max(expected_words_, index + 1);
    if (index >= inv_.words.size()) throw UsageError{"missing " + what};
    return inv_.words[index];
  }
  std::vector<std::string> zones() const {
    if (settings_.zone == "all") return api::all_zones();
    return {settings_.zone};
  }
  std::string single_zone(const std::string& command) const {
    if (settings_.zone == "all")
      throw UsageError{"'" + command + "' acts in one zone: give --zone fr-par-1 (not all)"};
    return settings_.zone;
  }
  int fail(const api::ApiError& error) {
    std::fprintf(stderr, "metalctl: %s\n", error.to_string().c_str());
    return kApiFailure;
  }
  void print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }
  void need_key() {
    if (settings_.secret_key.empty())
      throw UsageError{"no secret key: set SCW_SECRET_KEY, or secret_key in the config file"};
  }

  /// A list in every zone asked for, printed as a table or JSON; zones that failed are named on
  /// stderr, one line each, and make the exit status 1 (what did arrive is still printed).
  template <class List, class Items, class Render>
  int list_across_zones(std::function<void(const std::string&, api::Done<List>)> per_zone,
                        Items List::*items, Render render) {
    auto result = session_.wait<api::AcrossZones<List>>(
        [&](std::function<void(api::AcrossZones<List>)> done) {
          api::across_zones<List>(zones(), per_zone, std::move(done));
        });
    if (!result.answered.empty() || result.failures.empty()) {
      if (inv_.output == "json")
        print(model::to_json(result.merged.*items).dump(2) + "\n");
      else
        print(render(result.merged.*items).render());
    }
    for (const auto& failure : result.failures)
      std::fprintf(stderr, "metalctl: %s: %s\n", failure.zone.c_str(),
                   failure.error.to_string().c_str());
    return result.failures.empty() ? kOk : kApiFailure;
  }

  template <class T>
  api::ApiResult<T> call(const std::function<void(api::Done<T>)>& start) {
    return session_.wait<api::ApiResult<T>>(
        [&](std::function<void(api::ApiResult<T>)> done) { start(std::move(done)); });
  }

  int server_command();
  int type_list();
  int billing_consumption();

  Invocation inv_;
  native::Settings settings_;
  native::CliSession session_;
  api::InstanceClient instance_;
  api::AccountClient account_;
  api::BillingClient billing_;
  std::size_t expected_words_ = 2;
};

int Cli::server_command() {
  const std::string verb = word(1, "a server command (list, get, create, action, delete)");
  if (verb == "list") {
    api::ServerListQuery query;
    query.name = take("name");
    query.state = take("state");
    query.commercial_type = take("type");
    query.project = take("project-id");
    query.organization = take("organization-id");
    query.order = take("order");
    if (auto tags = take("tags"); !tags.empty()) query.tags = {tags};
    no_more_arguments("server list");
    return list_across_zones<model::ServerList>(
        [this, query](const std::string& zone, api::Done<model::ServerList> done) {
          auto servers = std::make_shared<model::ServerList>();
          instance_.list_all_servers(
              zone, query,
              [servers](api::ServerPage page) {
                for (auto& s : page.servers)
                  servers->servers.push_back(std::move(s));
              },
              [servers, done = std::move(done)](api::ApiResult<std::int64_t> total) {
                if (!total) return done(Unexpected{total.error()});
                done(std::move(*servers));
              });
        },
        &model::ServerList::servers, servers_table);
  }
  if (verb == "get") {
    const std::string id = word(2, "the server id");
    no_more_arguments("server get");
    auto server = call<model::Server>(
        [&](auto done) { instance_.get_server(single_zone("server get"), id, std::move(done)); });
    if (!server) return fail(server.error());
    print(inv_.output == "json" ? model::to_json(*server).dump(2) + "\n" : server_fields(*server));
    return kOk;
  }
  if (verb == "create") {
    api::ServerCreate spec;
    spec.commercial_type = take("type");
    spec.image = take("image");
    spec.name = take("name");
    spec.project = take("project-id");
    if (spec.project.empty()) spec.project = settings_.project_id;
    if (auto tags = take("tags"); !tags.empty()) {
      std::stringstream parts(tags);
      for (std::string tag; std::getline(parts, tag, ',');)
        if (!tag.empty()) spec.tags.push_back(tag);
    }
    spec.security_group = take("security-group");
    spec.placement_group = take("placement-group");
    const std::string ip = take("ip");  // "" or "new": the API's default
    if (ip == "dynamic")
      spec.dynamic_ip_required = true;
    else if (ip == "none")
      spec.dynamic_ip_required = false;
    else if (!ip.empty() && ip != "new")
      throw UsageError{"ip=\"" + ip + "\" is not one of: new, dynamic, none"};
    if (spec.commercial_type.empty())
      throw UsageError{"server create needs type=<commercial type>"};
    if (spec.image.empty()) throw UsageError{"server create needs image=<id or label>"};
    if (spec.project.empty())
      throw UsageError{
          "server create needs a project: project-id=, --project or "
          "SCW_DEFAULT_PROJECT_ID"};
    if (spec.name.empty()) spec.name = "metalctl-" + spec.commercial_type;
    no_more_arguments("server create");
    auto server = call<model::Server>([&](auto done) {
      instance_.create_server(single_zone("server create"), spec, std::move(done));
    });
    if (!server) return fail(server.error());
    print(inv_.output == "json" ? model::to_json(*server).dump(2) + "\n" : server_fields(*server));
    return kOk;
  }
  if (verb == "action") {
    const std::string id = word(2, "the server id");
    const std::string name = word(3, "the action (poweron, poweroff, reboot, ...)");
    const auto action = model::parse_server_action(name);
    if (!action)
      throw UsageError{"\"" + name.substr(0, 30) +
                       "\" is not an action: poweron, poweroff, stop_in_place, reboot, backup, "
                       "terminate, enable_routed_ip"};
    const std::string backup_name = take("name");
    no_more_arguments("server action");
    auto task = call<model::Task>([&](auto done) {
      instance_.server_action(single_zone("server action"), id, *action, std::move(done),
                              backup_name);
    });
    if (!task) return fail(task.error());
    if (inv_.output == "json")
      print(model::to_json(*task).dump(2) + "\n");
    else
      print(native::render_fields({{"Task", task->id},
                                   {"Description", task->description},
                                   {"Status", task->status},
                                   {"Server", id}}));
    return kOk;
  }
  if (verb == "delete") {
    const std::string id = word(2, "the server id");
    no_more_arguments("server delete");
    auto done = call<api::NoContent>(
        [&](auto d) { instance_.delete_server(single_zone("server delete"), id, std::move(d)); });
    if (!done) return fail(done.error());
    if (inv_.output == "json")
      print(model::Json{{"deleted", id}}.dump(2) + "\n");
    else
      print("deleted server " + id + "\n");
    return kOk;
  }
  throw UsageError{"\"" + verb.substr(0, 30) +
                   "\" is not a server command: list, get, create, action, delete"};
}

int Cli::type_list() {
  no_more_arguments("type list");
  const std::string zone = single_zone("type list");
  std::optional<api::ApiResult<model::ServerTypeList>> types;
  std::optional<api::ApiResult<model::ServerTypeAvailability>> availability;
  // Both at once; the table needs both.
  session_.wait<bool>([&](std::function<void(bool)> done) {
    auto left = std::make_shared<int>(2);
    instance_.list_server_types(zone, [&, left, done](auto r) {
      types = std::move(r);
      if (--*left == 0) done(true);
    });
    instance_.server_type_availability(zone, [&, left, done](auto r) {
      availability = std::move(r);
      if (--*left == 0) done(true);
    });
  });
  if (!*types) return fail(types->error());
  if (inv_.output == "json") {
    model::Json out = model::Json::array();
    for (const auto& [name, type] : (*types)->servers) {
      model::Json row = model::to_json(type);
      row["commercial_type"] = name;
      if (*availability && (*availability)->servers.contains(name))
        row["availability"] = (*availability)->servers.at(name).availability;
      out.push_back(std::move(row));
    }
    print(out.dump(2) + "\n");
  } else {
    Table table{{"TYPE", "CPUS", "RAM", "GPU", "ARCH", "HOURLY", "MONTHLY", "AVAILABILITY"}, {}};
    for (const auto& [name, type] : (*types)->servers) {
      std::string stock;
      if (*availability && (*availability)->servers.contains(name))
        stock = (*availability)->servers.at(name).availability;
      table.rows.push_back({name, std::to_string(type.ncpus), state::format_bytes(type.ram),
                            type.gpu ? std::to_string(type.gpu) : "", type.arch,
                            type.hourly_price.money.format(4), type.monthly_price.money.format(2),
                            stock});
    }
    print(table.render());
  }
  if (!*availability) return fail(availability->error());
  return kOk;
}

int Cli::billing_consumption() {
  api::ConsumptionQuery query;
  query.project_id = take("project-id");
  query.organization_id = take("organization-id");
  if (const std::string period = take("period"); !period.empty()) {
    auto valid = api::parse_billing_period(period);
    if (!valid) throw UsageError{valid.error().message};
    query.billing_period = *valid;
  }
  no_more_arguments("billing consumption");
  if (query.project_id.empty() && query.organization_id.empty()) {
    query.organization_id = settings_.organization_id;
    if (query.organization_id.empty()) query.project_id = settings_.project_id;
  }
  if (query.project_id.empty() && query.organization_id.empty())
    throw UsageError{
        "billing consumption needs an organization or a project: organization-id=, "
        "project-id= or SCW_DEFAULT_ORGANIZATION_ID"};
  auto month = call<model::ConsumptionList>(
      [&](auto done) { billing_.list_consumptions(query, std::move(done)); });
  if (!month) return fail(month.error());
  if (inv_.output == "json") {
    print(model::to_json(*month).dump(2) + "\n");
    return kOk;
  }
  Table table{{"PROJECT", "CATEGORY", "PRODUCT", "QUANTITY", "VALUE"}, {}};
  for (const auto& line : month->consumptions)
    table.rows.push_back({line.project_id, line.category_name, line.product_name,
                          line.billed_quantity + " " + line.unit, line.value.format(2)});
  const auto total = model::total_of(month->consumptions);
  table.rows.push_back({"", "", "", "TOTAL", total ? total->format(2) : "(several currencies)"});
  print(table.render());
  return kOk;
}

int Cli::run() {
  const std::string noun = word(0, "a command; run 'metalctl --help'");
  need_key();
  if (noun == "server") return server_command();
  const std::string verb = word(1, "a command after \"" + noun + "\"");
  auto listing = [&](const char* command) {
    if (verb != "list")
      throw UsageError{"\"" + noun + " " + verb + "\": did you mean '" + command + "'?"};
  };
  if (noun == "image") {
    listing("image list");
    api::ListQuery query;
    if (auto v = take("name"); !v.empty()) query.with("name", v);
    if (auto v = take("public"); !v.empty()) query.with("public", v);
    no_more_arguments("image list");
    return list_across_zones<model::ImageList>(
        [this, query](const std::string& zone, api::Done<model::ImageList> done) {
          instance_.list_images(zone, query, std::move(done));
        },
        &model::ImageList::images,
        [](const std::vector<model::Image>& images) {
          Table t{{"ID", "NAME", "ARCH", "STATE", "ZONE", "PUBLIC", "CREATED"}, {}};
          for (const auto& i : images)
            t.rows.push_back({i.id, i.name, i.arch, i.state, i.zone, i.is_public ? "yes" : "no",
                              date_of(i.creation_date)});
          return t;
        });
  }
  if (noun == "volume") {
    listing("volume list");
    api::ListQuery query;
    if (auto v = take("name"); !v.empty()) query.with("name", v);
    if (auto v = take("volume-type"); !v.empty()) query.with("volume_type", v);
    no_more_arguments("volume list");
    return list_across_zones<model::VolumeList>(
        [this, query](const std::string& zone, api::Done<model::VolumeList> done) {
          instance_.list_volumes(zone, query, std::move(done));
        },
        &model::VolumeList::volumes,
        [](const std::vector<model::Volume>& volumes) {
          Table t{{"ID", "NAME", "TYPE", "SIZE", "STATE", "SERVER", "ZONE"}, {}};
          for (const auto& v : volumes)
            t.rows.push_back({v.id, v.name, v.volume_type,
                              v.size ? state::format_bytes(v.size) : "", v.state,
                              v.server ? v.server->name : "", v.zone});
          return t;
        });
  }
  if (noun == "ip") {
    listing("ip list");
    no_more_arguments("ip list");
    return list_across_zones<model::FlexibleIpList>(
        [this](const std::string& zone, api::Done<model::FlexibleIpList> done) {
          instance_.list_ips(zone, {}, std::move(done));
        },
        &model::FlexibleIpList::ips,
        [](const std::vector<model::FlexibleIp>& ips) {
          Table t{{"ID", "ADDRESS", "TYPE", "STATE", "SERVER", "REVERSE", "ZONE"}, {}};
          for (const auto& ip : ips)
            t.rows.push_back({ip.id, ip.address, ip.type, ip.state,
                              ip.server ? ip.server->name : "", ip.reverse.value_or(""), ip.zone});
          return t;
        });
  }
  if (noun == "security-group") {
    listing("security-group list");
    api::ListQuery query;
    if (auto v = take("name"); !v.empty()) query.with("name", v);
    no_more_arguments("security-group list");
    return list_across_zones<model::SecurityGroupList>(
        [this, query](const std::string& zone, api::Done<model::SecurityGroupList> done) {
          instance_.list_security_groups(zone, query, std::move(done));
        },
        &model::SecurityGroupList::security_groups,
        [](const std::vector<model::SecurityGroup>& groups) {
          Table t{{"ID", "NAME", "INBOUND", "OUTBOUND", "STATEFUL", "SERVERS", "ZONE"}, {}};
          for (const auto& g : groups)
            t.rows.push_back({g.id, g.name, g.inbound_default_policy, g.outbound_default_policy,
                              g.stateful ? "yes" : "no", std::to_string(g.servers.size()), g.zone});
          return t;
        });
  }
  if (noun == "type") {
    listing("type list");
    return type_list();
  }
  if (noun == "ssh-key") {
    listing("ssh-key list");
    no_more_arguments("ssh-key list");
    auto keys =
        call<model::SshKeyList>([&](auto done) { account_.list_ssh_keys({}, std::move(done)); });
    if (!keys) return fail(keys.error());
    if (inv_.output == "json") {
      print(model::to_json(keys->ssh_keys).dump(2) + "\n");
      return kOk;
    }
    Table t{{"ID", "NAME", "FINGERPRINT", "PROJECT", "CREATED"}, {}};
    for (const auto& k : keys->ssh_keys)
      t.rows.push_back({k.id, k.name, k.fingerprint, k.project_id, date_of(k.created_at)});
    print(t.render());
    return kOk;
  }
  if (noun == "billing") {
    if (verb != "consumption")
      throw UsageError{"\"billing " + verb + "\": did you mean 'billing consumption'?"};
    return billing_consumption();
  }
  throw UsageError{"\"" + noun.substr(0, 30) +
                   "\" is not a command: server, image, volume, ip, security-group, type, "
                   "ssh-key, billing"};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Invocation inv = parse_invocation(argc, argv);
    if (inv.help || inv.words.empty()) {
      std::fputs(kUsage, inv.help ? stdout : stderr);
      return inv.help ? kOk : kUsageError;
    }
    native::Settings settings = load_settings(inv);
    Cli cli(std::move(inv), std::move(settings));
    return cli.run();
  } catch (const UsageError& error) {
    std::fprintf(stderr, "metalctl: %s\n", error.message.c_str());
    return kUsageError;
  }
}
