#pragma once
// Reads the recorded API bodies in shared/fixtures (natively and, via NODERAWFS, under node).

#include <fstream>
#include <sstream>
#include <string>

namespace metal::test {

inline std::string fixture_path(const std::string& relative) {
  return std::string(METAL_FIXTURES_DIR) + "/" + relative;
}

inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixture_path(relative), std::ios::binary);
  if (!in) return {};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace metal::test
