#include "state/ssh_keys/public_key.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include "model/base64.hpp"

namespace metal::state {
namespace {

struct KeyType {
  std::string_view name;
  std::string_view label;
  std::string_view curve;  // ECDSA keys name their curve again inside the data
};
constexpr std::array<KeyType, 6> kKeyTypes{{
    {"ssh-ed25519", "ED25519", ""},
    {"ssh-rsa", "RSA", ""},
    {"ecdsa-sha2-nistp256", "ECDSA P-256", "nistp256"},
    {"ecdsa-sha2-nistp384", "ECDSA P-384", "nistp384"},
    {"ecdsa-sha2-nistp521", "ECDSA P-521", "nistp521"},
    {"sk-ssh-ed25519@openssh.com", "ED25519-SK (security key)", ""},
}};
constexpr int kMinRsaBits = 2048;

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && blank(text.back()))
    text.remove_suffix(1);
  return text;
}

// The SSH wire format (RFC 4251): strings and mpints as a 32-bit big-endian length, then bytes.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  std::optional<std::string_view> string() {
    if (data_.size() < 4) return std::nullopt;
    const std::uint32_t length = (static_cast<std::uint32_t>(static_cast<unsigned char>(data_[0])) << 24) |
                                 (static_cast<std::uint32_t>(static_cast<unsigned char>(data_[1])) << 16) |
                                 (static_cast<std::uint32_t>(static_cast<unsigned char>(data_[2])) << 8) |
                                 static_cast<std::uint32_t>(static_cast<unsigned char>(data_[3]));
    if (data_.size() - 4 < length) return std::nullopt;
    const std::string_view out = data_.substr(4, length);
    data_.remove_prefix(4 + length);
    return out;
  }
  bool at_end() const { return data_.empty(); }

 private:
  std::string_view data_;
};

// Bits of a positive mpint (leading zero bytes, which keep it positive, do not count).
int mpint_bits(std::string_view value) {
  while (!value.empty() && value.front() == '\0')
    value.remove_prefix(1);
  if (value.empty()) return 0;
  int bits = static_cast<int>(value.size() - 1) * 8;
  for (auto top = static_cast<unsigned char>(value.front()); top; top >>= 1)
    ++bits;
  return bits;
}

}  // namespace

Expected<PublicKeyInfo, std::string> check_public_key(std::string_view text) {
  text = trim(text);
  if (text.empty()) return Unexpected{std::string("paste the public key (the .pub file's line)")};
  if (text.find("PRIVATE KEY") != std::string_view::npos)
    return Unexpected{std::string(
        "this is a private key: never share it. Paste the public key instead (the .pub file, "
        "or the output of ssh-keygen -y -f <key>)")};
  if (text.starts_with("---- BEGIN SSH2 PUBLIC KEY"))
    return Unexpected{std::string(
        "this is the SSH2 (RFC 4716) format: convert it with ssh-keygen -i -f <file> and paste "
        "the line it prints")};
  if (text.find('\n') != std::string_view::npos || text.find('\r') != std::string_view::npos)
    return Unexpected{std::string(
        "the key is broken over several lines: paste it as one line (type, data, comment)")};

  const auto space = text.find_first_of(" \t");
  if (space == std::string_view::npos)
    return Unexpected{std::string(
        "a public key is its type, then its data, then an optional comment "
        "(\"ssh-ed25519 AAAA... you@host\")")};
  const std::string_view type = text.substr(0, space);
  const KeyType* known = nullptr;
  for (const KeyType& candidate : kKeyTypes)
    if (candidate.name == type) known = &candidate;
  if (!known) {
    if (type == "ssh-dss")
      return Unexpected{std::string(
          "DSA keys (ssh-dss) are no longer accepted: make an ED25519 key with ssh-keygen -t ed25519")};
    return Unexpected{"\"" + std::string(type.substr(0, 40)) +
                      "\" is not a key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, "
                      "sk-ssh-ed25519@openssh.com)"};
  }

  std::string_view rest = trim(text.substr(space));
  const auto data_end = rest.find_first_of(" \t");
  const std::string_view data = rest.substr(0, data_end);
  const std::string_view comment =
      data_end == std::string_view::npos ? std::string_view() : trim(rest.substr(data_end));
  const auto blob = model::base64_decode(data);
  if (!blob)
    return Unexpected{std::string(
        "the key's data is not base64 (cut short, or characters changed while copying)")};

  WireReader reader(*blob);
  const auto inner_type = reader.string();
  if (!inner_type)
    return Unexpected{std::string("the key's data is cut short: copy the whole line again")};
  if (*inner_type != type)
    return Unexpected{"the key says \"" + std::string(type) + "\" but its data is a \"" +
                      std::string(inner_type->substr(0, 40)) +
                      "\" key: the type word was changed"};

  PublicKeyInfo info{std::string(type), std::string(known->label), std::string(comment), {}};
  bool complete = true;
  if (type == "ssh-rsa") {
    const auto exponent = reader.string();
    const auto modulus = exponent ? reader.string() : std::nullopt;
    complete = modulus.has_value();
    if (complete) {
      const int bits = mpint_bits(*modulus);
      if (bits < kMinRsaBits)
        return Unexpected{"an RSA key of " + std::to_string(bits) +
                          " bits is too weak: use at least " + std::to_string(kMinRsaBits) +
                          " bits, or an ED25519 key (ssh-keygen -t ed25519)"};
      info.label = "RSA " + std::to_string(bits);
    }
  } else if (!known->curve.empty()) {
    const auto curve = reader.string();
    const auto point = curve ? reader.string() : std::nullopt;
    complete = point.has_value() && *curve == known->curve;
  } else {
    const auto key = reader.string();
    complete = key.has_value() && key->size() == 32;
    if (complete && type.starts_with("sk-")) complete = reader.string().has_value();  // application
  }
  if (!complete || !reader.at_end())
    return Unexpected{std::string(
        "the key's data is damaged (cut short or with extra bytes): copy the whole line again")};
  info.line = std::string(type) + " " + std::string(data);
  if (!comment.empty()) info.line += " " + std::string(comment);
  return info;
}

}  // namespace metal::state
