#include <doctest/doctest.h>

#include <string>

#include "../support/demo_console.hpp"
#include "../support/json.hpp"
#include "state/console_status.hpp"
#include "state/ssh_keys/public_key.hpp"
#include "state/ssh_keys/ssh_keys.hpp"

using namespace metal;

namespace {

// Real keys, made with ssh-keygen (-C alice@laptop).
constexpr const char* kEd25519 =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIObU91m9/lGFIKoDvbI5VdoU3AE0FvzXTtT1KApy5TOr alice@laptop";
constexpr const char* kRsa3072 =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAABgQCaiqJH+p9ffCG/YBB70FF3lr4SR9yFViyalh8mEZnfbeKHznzWZTWCqvqM6Ihv"
    "zcoBMJhuqlTcNmRlsr5/6/7q/oMcTbjGIPUygU/MvOA64c3NjBuzbpwjf0FQ14Oo27s2+uIs5LdoJqF9B4zDewIoJ0YT"
    "4p7eNJ+joemnJwaoi6zgOqpLnFKqY+ClkIR/KSpJDNJa87jS+s/rmBJk0Q6Sz5ZSKY2BEi1ENB88sTqANdRjiK1ORkBQ"
    "zjYaZRRxCEmDZGYbIjMDx7HGJT27cM4d31a1BaRpGF4Tz7tiP1WVDUnUeMiErEgTvQvgZRz0uPwVjoIwz1Udv4fNAav+"
    "WhypmuKyfsUx8MGq913dJ7HbKnw4Z0fxQRGuNtaY+rOYP9OlmeVExNhD5kPwSMoJa8QBV6vcAroL0iwteHTpiLn/zXWt"
    "kndibpPCx0vhlRkLIdtPeQekCJ9VwgpMSgb9OEXIqNbFAKamkb/B8K7Zq/tHjkgfNo2EULwwT+YQ2tgxluE= "
    "alice@laptop";
constexpr const char* kRsa1024 =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQCigS64uLTuUtu4D7oQnYHuuWWbaLWR298n0UftXFIVvikOIUhoKN2iI0ruUKk3"
    "p+kPaSaWu2+J+MvdyAy+5G2KHQyCl0Ty9TfAC8SLoNc+wiaSxQ9JHE9/4ivbeCbz5aflSlp6e7x3jKivpA7cErjzhlZd"
    "/aYaZT4RJACOM/38qQ== alice@laptop";
constexpr const char* kEcdsa256 =
    "ecdsa-sha2-nistp256 "
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBu+JtUNXWnme8OSPjetq76GCt9vKRmWtV3Wg02B"
    "ewr7wqIsv2CO8QLnfEwCO51zPopUCEOxso4hkRDtBNmdaT8= alice@laptop";

std::string problem_of(std::string_view text) {
  auto checked = state::check_public_key(text);
  return checked ? std::string() : checked.error();
}

struct KeysConsole : testing::DemoConsole {
  KeysConsole() : testing::DemoConsole(20, 31) {
    console.navigate_to_address("#/ssh-keys");
    run_for(0.5);
  }
  state::SshKeys& keys() { return console.feature<state::SshKeys>(); }
  const model::SshKey* find(std::string_view name) {
    for (const model::SshKey& key : keys().list().items())
      if (key.name == name) return &key;
    return nullptr;
  }
};

}  // namespace

TEST_CASE("a public key is checked before it is sent, and every refusal says what to do") {
  const auto ed = state::check_public_key(std::string("  ") + kEd25519 + "\n");
  REQUIRE(ed);
  CHECK(ed->type == "ssh-ed25519");
  CHECK(ed->label == "ED25519");
  CHECK(ed->comment == "alice@laptop");
  CHECK(ed->line == kEd25519);  // trimmed, one line
  const auto rsa = state::check_public_key(kRsa3072);
  REQUIRE(rsa);
  CHECK(rsa->label == "RSA 3072");
  REQUIRE(state::check_public_key(kEcdsa256));
  CHECK(state::check_public_key(kEcdsa256)->label == "ECDSA P-256");
  // Without a comment.
  CHECK(problem_of(std::string(kEd25519).substr(0, 80)) == "");

  CHECK(problem_of("") == "paste the public key (the .pub file's line)");
  CHECK(problem_of("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
            .starts_with("this is a private key: never share it."));
  CHECK(problem_of("---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3Nza\n---- END SSH2 PUBLIC KEY ----")
            .starts_with("this is the SSH2 (RFC 4716) format"));
  std::string broken = kEd25519;
  broken.insert(40, "\n");
  CHECK(problem_of(broken).starts_with("the key is broken over several lines"));
  CHECK(problem_of("AAAAC3NzaC1lZDI1NTE5AAAAIObU91m9").starts_with("a public key is its type"));
  CHECK(
      problem_of("ssh-dss AAAAB3NzaC1kc3MAAACBAP").starts_with("DSA keys (ssh-dss) are no longer"));
  CHECK(problem_of("ssh-foo AAAA") ==
        "\"ssh-foo\" is not a key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, "
        "sk-ssh-ed25519@openssh.com)");
  CHECK(problem_of("ssh-ed25519 AAAAC3Nz*C1lZDI1NTE5").starts_with("the key's data is not base64"));
  // The type word says one thing, the data another.
  std::string relabelled = kEcdsa256;
  relabelled.replace(0, std::string_view("ecdsa-sha2-nistp256").size(), "ssh-ed25519");
  CHECK(problem_of(relabelled) ==
        "the key says \"ssh-ed25519\" but its data is a \"ecdsa-sha2-nistp256\" key: the type "
        "word was changed");
  // Cut short while copying (still valid base64).
  CHECK(problem_of(std::string(kEd25519).substr(0, 12 + 48))
            .starts_with("the key's data is damaged"));
  CHECK(problem_of(kRsa1024) ==
        "an RSA key of 1024 bits is too weak: use at least 2048 bits, or an ED25519 key "
        "(ssh-keygen -t ed25519)");
}

TEST_CASE("the SSH keys page lists the organization's keys, filtered and sorted by the address") {
  KeysConsole t;
  const state::SshKeyList& list = t.keys().list();
  REQUIRE(list.loaded());
  REQUIRE_FALSE(list.items().empty());
  const std::size_t seeded = list.items().size();
  const model::SshKey& first = list.items().front();
  CHECK_FALSE(first.fingerprint.empty());
  CHECK(first.created_at.has_value());

  t.console.navigate_to_address("#/ssh-keys?q=" + first.name + "&sort=name&order=desc");
  CHECK(t.keys().query().sort == state::SshKeyColumn::name);
  CHECK(t.keys().query().descending);
  REQUIRE_FALSE(t.keys().rows().empty());
  for (const model::SshKey* key : t.keys().rows())
    CHECK(key->name.find(first.name) != std::string::npos);
  t.console.navigate_to_address("#/ssh-keys?q=no-such-key-anywhere");
  CHECK(t.keys().rows().empty());
  t.console.navigate_to_address("#/ssh-keys");
  CHECK(t.keys().rows().size() == seeded);

  state::FrameStats frames;
  const auto status = test::parse(state::status_json(t.console, {true, 1.0, 1.0, &frames, "demo"}));
  CHECK(status["page"] == "ssh-keys");
  CHECK(status["sshKeys"]["total"] == seeded);
  CHECK(status["sshKeys"]["loaded"] == true);
}

TEST_CASE("add, rename and delete a key; a bad key is never sent; the API's refusal is shown") {
  KeysConsole t;
  const std::size_t before = t.keys().list().items().size();
  t.keys().open_add_form();
  CHECK(t.console.route().is("ssh-key-new"));

  // Refused before anything is sent: the form says why, field by field.
  state::NewSshKey bad{"", kRsa1024, ""};
  const auto problems = t.keys().check(bad);
  CHECK(problems.public_key.starts_with("an RSA key of 1024 bits"));
  const std::size_t in_flight = t.console.requests_in_flight();
  t.keys().draft() = bad;
  t.keys().add();
  CHECK_FALSE(t.keys().adding());
  CHECK(t.console.requests_in_flight() == in_flight);

  // A good key with no name takes its comment.
  CHECK(t.keys().check({"", kEd25519, ""}).empty());
  t.keys().draft() = {"", kEd25519, ""};
  t.keys().add();
  CHECK(t.keys().adding());
  t.run_for(0.5);
  CHECK_FALSE(t.keys().adding());
  CHECK(t.console.route().is("ssh-keys"));  // the form closed
  const model::SshKey* made = t.find("alice@laptop");
  REQUIRE(made);
  CHECK(t.keys().list().items().size() == before + 1);
  CHECK(t.keys().added_id() == made->id);
  CHECK(t.console.notifications().back().text == "SSH key alice@laptop added");

  // The same key again: the API refuses, the form stays open and shows its words.
  t.keys().open_add_form();
  CHECK(t.keys().draft().public_key.empty());  // a fresh form
  t.keys().draft() = {"again", kEd25519, ""};
  t.keys().add();
  t.run_for(0.5);
  CHECK(t.console.route().is("ssh-key-new"));
  CHECK(t.keys().add_refusal() == "this SSH key is already registered");

  const model::SshKey* added = t.find("alice@laptop");
  REQUIRE(added);
  const std::string id = added->id;
  t.keys().rename(id, "alice's laptop");
  CHECK(t.keys().busy(id));
  t.run_for(0.5);
  CHECK_FALSE(t.keys().busy(id));
  REQUIRE(t.find("alice's laptop"));
  t.keys().rename(id, "");
  CHECK(t.console.notifications().back().text.starts_with("Not renamed: give the key a name"));

  t.keys().remove(id);
  t.run_for(0.5);
  CHECK(t.find("alice's laptop") == nullptr);
  CHECK(t.keys().list().items().size() == before);
  CHECK(t.console.notifications().back().text == "SSH key alice's laptop deleted");
}

TEST_CASE("the palette offers adding a key from anywhere, and finds keys by name once read") {
  KeysConsole t;
  t.console.navigate_to_address("#/servers");
  std::vector<state::PaletteCommand> commands;
  state::ssh_key_commands(t.console, "", commands);
  REQUIRE_FALSE(commands.empty());
  CHECK(commands.front().label == "Add an SSH key");
  commands.front().run();
  CHECK(t.console.route().is("ssh-key-new"));

  const std::string name = t.keys().list().items().front().name;
  commands.clear();
  state::ssh_key_commands(t.console, name, commands);
  REQUIRE(commands.size() >= 2);
  CHECK(commands[1].label == "Show the SSH key " + name);
  CHECK(commands[1].found);
  commands[1].run();
  CHECK(t.keys().query().text == name);
}
