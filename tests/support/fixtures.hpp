#pragma once
// Reads the recorded API bodies in shared/fixtures (natively and, via NODERAWFS, under node).

#include <fstream>
#include <sstream>
#include <string>

namespace metal::test {

inline std::string fixture_path(const std::string& relative) {
  // Appended in place: GCC 12 sees a false out-of-bounds copy in `string + "/" + string` here.
  std::string path = METAL_FIXTURES_DIR;
  path += '/';
  path += relative;
  return path;
}

inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixture_path(relative), std::ios::binary);
  if (!in) return {};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace metal::test
