#pragma once
// The security group rule form as typed, and its checking: what the user wrote becomes a rule the
// API accepts, or a sentence naming what is wrong. Nothing is clamped or guessed.

#include <string>

#include "api/instance_client.hpp"
#include "model/expected.hpp"

namespace metal::state {

struct RuleForm {
  std::string direction = "inbound";  // inbound | outbound
  std::string action = "accept";      // accept | drop
  std::string protocol = "TCP";       // TCP | UDP | ICMP | ANY
  std::string ip_range = "0.0.0.0/0";
  std::string port_from;  // empty: every port
  std::string port_to;    // empty: just port_from
};

RuleForm form_of(const model::SecurityGroupRule& rule);
Expected<api::RuleSpec, std::string> check_rule_form(const RuleForm& form);

}  // namespace metal::state
