#include "sim/catalog.hpp"

#include <array>

namespace metal::sim {
namespace {

constexpr std::array<ServerTypeSpec, 12> kServerTypes{{
    {"DEV1-S", "x86_64", 2, 2, 0.0088, 6.424, 20, 0.20},
    {"DEV1-M", "x86_64", 3, 4, 0.0198, 14.454, 40, 0.14},
    {"DEV1-L", "x86_64", 4, 8, 0.042, 30.66, 80, 0.08},
    {"GP1-XS", "x86_64", 4, 16, 0.091, 66.43, 150, 0.06},
    {"GP1-S", "x86_64", 8, 32, 0.187, 136.51, 300, 0.04},
    {"PLAY2-PICO", "x86_64", 1, 2, 0.014, 10.22, 0, 0.08},
    {"PLAY2-NANO", "x86_64", 2, 4, 0.027, 19.71, 0, 0.08},
    {"POP2-2C-8G", "x86_64", 2, 8, 0.0735, 53.66, 0, 0.10},
    {"POP2-4C-16G", "x86_64", 4, 16, 0.147, 107.31, 0, 0.07},
    {"POP2-HC-8C-16G", "x86_64", 8, 16, 0.2128, 155.34, 0, 0.04},
    {"COPARM1-4C-16G", "arm64", 4, 16, 0.0857, 62.56, 0, 0.08},
    {"COPARM1-8C-32G", "arm64", 8, 32, 0.1724, 125.85, 0, 0.03},
}};

constexpr std::array<ImageSpec, 6> kImages{{
    {"fc4d4e26-849d-4e03-b933-cb1626ca8cad", "Ubuntu 22.04 Jammy Jellyfish", "x86_64",
     "dacec4bb-03fd-4723-ac85-7d8ca6ca83a7", "ubuntu_jammy"},
    {"6d3c053e-c728-4294-b23a-560b62a4d592", "Ubuntu 24.04 Noble Numbat", "x86_64",
     "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b", "ubuntu_noble"},
    {"2b6e4b1c-7e2a-4b8e-9d4c-3f5a6b7c8d9e", "Debian 12 Bookworm", "x86_64",
     "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "debian_bookworm"},
    {"8f1a2b3c-4d5e-4f6a-9b7c-8d9e0f1a2b3c", "Rocky Linux 9", "x86_64",
     "3c2b1a0f-9e8d-4c7b-a6a5-f4e3d2c1b0a9", "rockylinux_9"},
    {"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "Ubuntu 22.04 Jammy Jellyfish", "arm64",
     "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "ubuntu_jammy"},
    {"b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", "Debian 12 Bookworm", "arm64",
     "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b", "debian_bookworm"},
}};

constexpr std::array<ZoneSpec, 10> kZones{{
    {"fr-par-1", "163.172", 14},
    {"nl-ams-1", "51.15", 21},
    {"pl-waw-1", "151.115", 31},
    {"fr-par-2", "62.210", 15},
    {"fr-par-3", "51.159", 16},
    {"nl-ams-2", "51.158", 22},
    {"nl-ams-3", "51.158", 23},
    {"pl-waw-2", "151.115", 32},
    {"pl-waw-3", "151.115", 33},
    {"it-mil-1", "195.154", 41},
}};

}  // namespace

std::span<const ServerTypeSpec> server_types() {
  return kServerTypes;
}

const ServerTypeSpec* find_server_type(std::string_view commercial_type) {
  for (const auto& t : kServerTypes)
    if (t.commercial_type == commercial_type) return &t;
  return nullptr;
}

std::span<const ImageSpec> public_images() {
  return kImages;
}

const ImageSpec* find_image(std::string_view id) {
  for (const auto& i : kImages)
    if (i.id == id) return &i;
  return nullptr;
}

std::span<const ZoneSpec> zones() {
  return kZones;
}

const ZoneSpec* find_zone(std::string_view id) {
  for (const auto& z : kZones)
    if (z.id == id) return &z;
  return nullptr;
}

}  // namespace metal::sim
