#include "state/ssh_keys/ssh_keys.hpp"

#include <algorithm>

#include "model/stable_order.hpp"
#include "state/format.hpp"
#include "state/projects/projects.hpp"
#include "state/ssh_keys/public_key.hpp"

namespace metal::state {
namespace {

constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kPaletteKeys = 6;  // "Copy the public key of <name>" for what is typed

struct ColumnName {
  SshKeyColumn column;
  std::string_view word;
};
constexpr ColumnName kSshKeyColumnNames[] = {{SshKeyColumn::name, "name"},
                                             {SshKeyColumn::fingerprint, "fingerprint"},
                                             {SshKeyColumn::project, "project"},
                                             {SshKeyColumn::created, "created"}};

std::optional<SshKeyColumn> parse_column(std::string_view word) {
  for (const ColumnName& c : kSshKeyColumnNames)
    if (c.word == word) return c.column;
  return std::nullopt;
}

// Reads the list's query, reporting what it cannot use.
SshKeyQuery read_query(const Route& route, std::vector<std::string>* problems) {
  SshKeyQuery query;
  for (const auto& [key, value] : route.query) {
    if (key == "q") {
      query.text = value;
    } else if (key == "sort") {
      if (auto column = parse_column(value))
        query.sort = *column;
      else if (problems)
        problems->push_back("sort: cannot sort SSH keys by " + in_quotes(value) +
                            " (name, fingerprint, project or created)");
    } else if (key == "order") {
      if (value == "desc")
        query.descending = true;
      else if (value != "asc" && problems)
        problems->push_back("order: asc or desc, not " + in_quotes(value));
    } else if (problems) {
      problems->push_back("unknown address parameter " + in_quotes(key));
    }
  }
  return query;
}

std::string key_name_problem(std::string_view name) {
  if (name.empty()) return "give the key a name (where it lives: laptop, ci-runner...)";
  if (name.size() > kMaxNameLength)
    return "a name has at most " + std::to_string(kMaxNameLength) + " characters";
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20) return "a name is one line of text";
  return {};
}

}  // namespace

const ResourceKind& ssh_keys_kind() {
  static const ResourceKind kind{
      .id = "ssh-keys",
      .zonal = false,
      .path = [](std::string_view) { return std::string("/iam/v1alpha1/ssh-keys"); },
      .page_size_name = "page_size",
      .project_filter = "project_id",
      .list_type = &api::list_type<model::SshKeyList>,
  };
  return kind;
}

std::string_view to_string(SshKeyColumn column) {
  for (const ColumnName& c : kSshKeyColumnNames)
    if (c.column == column) return c.word;
  return "created";
}

SshKeyQuery ssh_key_query_of(const Route& route) {
  return read_query(route, nullptr);
}

RouteParams ssh_key_query_params(const SshKeyQuery& query) {
  RouteParams params;
  if (!query.text.empty()) params.emplace_back("q", query.text);
  if (query.sort != SshKeyColumn::created) params.emplace_back("sort", to_string(query.sort));
  if (query.descending) params.emplace_back("order", "desc");
  return params;
}

SshKeys::SshKeys(Console& hub)
    : hub_(hub),
      client_(hub.dispatcher(), hub.credentials()),
      list_(hub.lists().get<model::SshKeyList, model::SshKey, &model::SshKeyList::ssh_keys>(
          ssh_keys_kind())) {}

const std::vector<const model::SshKey*>& SshKeys::rows() const {
  const SshKeyQuery query = this->query();
  if (rows_version_ == list_.version() && rows_query_ == query) return rows_;
  rows_.clear();
  for (const model::SshKey& key : list_.items()) {
    const std::string text = key.name + ' ' + key.fingerprint + ' ' + key.id;
    if (contains_words(text, query.text)) rows_.push_back(&key);
  }
  const Projects& projects = hub_.feature<Projects>();
  auto less = [&](const model::SshKey* a, const model::SshKey* b) {
    switch (query.sort) {
      case SshKeyColumn::name:
        return to_lower(a->name) < to_lower(b->name);
      case SshKeyColumn::fingerprint:
        return a->fingerprint < b->fingerprint;
      case SshKeyColumn::project:
        return projects.name_of(a->project_id) < projects.name_of(b->project_id);
      case SshKeyColumn::created:
        // Newest first by default, as the servers list.
        return b->created_at < a->created_at;
    }
    return false;
  };
  model::stable_sort(rows_, less);
  if (query.descending) std::reverse(rows_.begin(), rows_.end());
  rows_version_ = list_.version();
  rows_query_ = query;
  return rows_;
}

SshKeys::FormProblems SshKeys::check(const NewSshKey& form) const {
  FormProblems problems;
  auto key = check_public_key(form.public_key);
  if (!key) problems.public_key = key.error();
  // An empty name takes the key's comment, as ssh-keygen wrote it.
  const std::string name = form.name.empty() && key ? key->comment : form.name;
  problems.name = key_name_problem(name);
  return problems;
}

void SshKeys::set_query(SshKeyQuery query) {
  Route next = hub_.route();
  if (!next.is(kSshKeysPage) && !next.is(kSshKeyNewPage)) next = hub_.route_to(kSshKeysPage);
  next.query = ssh_key_query_params(query);
  hub_.navigate(std::move(next));
}

void SshKeys::open_add_form() {
  Route next = hub_.route_to(kSshKeyNewPage);
  next.query = ssh_key_query_params(query());
  add_refusal_.clear();
  draft_ = {};
  hub_.navigate(std::move(next));
}

void SshKeys::close_add_form() {
  if (!hub_.route().is(kSshKeyNewPage)) return;
  Route next = hub_.route_to(kSshKeysPage);
  next.query = hub_.route().query;
  hub_.navigate(std::move(next));
}

void SshKeys::changed() {
  hub_.lists().invalidate(ssh_keys_kind().id, hub_.now());
}

void SshKeys::add() {
  const NewSshKey& form = draft_;
  if (adding_ || !check(form).empty()) return;
  const auto key = check_public_key(form.public_key);
  api::SshKeyCreate spec;
  spec.name = form.name.empty() ? key->comment : form.name;
  spec.public_key = key->line;
  spec.project_id = form.project_id;
  if (spec.project_id.empty()) {
    const auto& projects = hub_.feature<Projects>().all();
    if (!projects.empty()) spec.project_id = projects.front().id;
  }
  adding_ = true;
  add_refusal_.clear();
  const std::string name = spec.name;
  client_.create_ssh_key(spec, [this, name](api::ApiResult<model::SshKey> result) {
    adding_ = false;
    if (!result) {
      add_refusal_ = result.error().message;
      hub_.set_error("could not add the SSH key " + name + ": " + result.error().message);
      return;
    }
    added_id_ = result->id;
    draft_ = {};
    hub_.notify(Notification::Level::success, "SSH key " + name + " added");
    changed();
    close_add_form();
  });
}

void SshKeys::rename(const std::string& id, std::string name) {
  if (busy_.contains(id)) return;
  if (const std::string problem = key_name_problem(name); !problem.empty()) {
    hub_.notify(Notification::Level::error, "Not renamed: " + problem);
    return;
  }
  busy_.insert(id);
  client_.update_ssh_key(
      id, name, std::nullopt, [this, id, name](api::ApiResult<model::SshKey> result) {
        busy_.erase(id);
        hub_.report_outcome(result.has_value(),
                            result ? "SSH key renamed " + name
                                   : "Could not rename the SSH key: " + result.error().message);
        if (result) changed();
      });
}

void SshKeys::remove(const std::string& id) {
  if (busy_.contains(id)) return;
  std::string name = id;
  for (const model::SshKey& key : list_.items())
    if (key.id == id) name = key.name;
  busy_.insert(id);
  client_.delete_ssh_key(id, [this, id, name](api::ApiResult<api::NoContent> result) {
    busy_.erase(id);
    hub_.report_outcome(result.has_value(), result ? "SSH key " + name + " deleted"
                                                   : "Could not delete the SSH key " + name + ": " +
                                                         result.error().message);
    changed();  // gone, or changed elsewhere: read again either way
  });
}

// ---- the registry rows' functions ------------------------------------------------------------

void check_ssh_keys_route(Route& route, std::vector<std::string>& problems) {
  route.query = ssh_key_query_params(read_query(route, &problems));
}

void need_ssh_keys(Console& console, const Route&) {
  console.feature<SshKeys>();
  console.lists()
      .get<model::SshKeyList, model::SshKey, &model::SshKeyList::ssh_keys>(ssh_keys_kind())
      .subscribe(console.now());
}

void report_ssh_keys(const Console& console, const Route& route, model::Json& status) {
  const SshKeys& keys = console.feature<SshKeys>();
  model::Json names = model::Json::array();
  for (const model::SshKey* key : keys.rows())
    names.push_back(key->name);
  status["sshKeys"] = {{"total", keys.list().items().size()}, {"visible", names},
                       {"loaded", keys.list().loaded()},      {"loading", keys.list().loading()},
                       {"error", keys.list().error()},        {"adding", keys.adding()},
                       {"refusal", keys.add_refusal()}};
  if (route.is(kSshKeyNewPage)) {
    const SshKeys::FormProblems problems = keys.check(keys.draft());
    status["sshKeys"]["form"] = {{"name", problems.name}, {"publicKey", problems.public_key}};
  }
}

void ssh_key_commands(Console& console, std::string_view typed, std::vector<PaletteCommand>& out) {
  out.push_back({"Add an SSH key", [&console] { console.feature<SshKeys>().open_add_form(); }});
  if (typed.size() < 2) return;
  // Keys already read (the page was shown) can be found by name.
  const SshKeyList* list =
      console.lists().find<model::SshKeyList, model::SshKey, &model::SshKeyList::ssh_keys>(
          ssh_keys_kind());
  if (!list) return;
  std::size_t found = 0;
  for (const model::SshKey& key : list->items()) {
    if (!contains_words(key.name, typed)) continue;
    out.push_back({"Show the SSH key " + key.name,
                   [&console, name = key.name] {
                     SshKeyQuery query;
                     query.text = name;
                     console.feature<SshKeys>().set_query(query);
                   },
                   true});
    if (++found == kPaletteKeys) break;
  }
}

std::string ssh_keys_nav_badge(const Console& console) {
  const SshKeyList* list =
      console.lists().find<model::SshKeyList, model::SshKey, &model::SshKeyList::ssh_keys>(
          ssh_keys_kind());
  return list && list->loaded() ? format_count(list->items().size()) : std::string();
}

}  // namespace metal::state
