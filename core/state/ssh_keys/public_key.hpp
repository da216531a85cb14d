#pragma once
// An OpenSSH public key as a user pastes it ("ssh-ed25519 AAAAC3... laptop"), checked before it
// is sent: the type, the base64 data, what the data itself says it is, and its size. Every
// refusal says what is wrong and what to do, including the usual mistakes (a private key, the
// RFC 4716 "SSH2" format, a key broken over lines).

#include <string>
#include <string_view>

#include "model/expected.hpp"

namespace metal::state {

struct PublicKeyInfo {
  std::string type;     // "ssh-ed25519"
  std::string label;    // "ED25519", "RSA 4096", "ECDSA P-256"
  std::string comment;  // what follows the data ("alice@laptop"), possibly empty
  std::string line;     // the key as it will be sent: one line, surrounding blanks trimmed
};

Expected<PublicKeyInfo, std::string> check_public_key(std::string_view text);

}  // namespace metal::state
