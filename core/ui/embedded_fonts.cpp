#include <imgui.h>
#include <imgui_internal.h>  // ImFontAtlasGetBuilderForStbTruetype

#include <cstddef>
#include <cstdint>

#include "ui/fonts.hpp"

// Subsets of Debian's fonts, embedded at build time (cmake/Fonts.cmake).
namespace metal::assets {
extern const std::uint8_t kFontUiRegular[];
extern const std::size_t kFontUiRegularSize;
extern const std::uint8_t kFontUiSemiBold[];
extern const std::size_t kFontUiSemiBoldSize;
extern const std::uint8_t kFontMonoRegular[];
extern const std::size_t kFontMonoRegularSize;
}  // namespace metal::assets

namespace metal::ui {
namespace {

ImFont* add_embedded(ImFontAtlas& atlas, FontFace face, float pixels, const ImWchar* ranges) {
  const std::uint8_t* data = assets::kFontUiRegular;
  std::size_t size = assets::kFontUiRegularSize;
  if (face == FontFace::strong || face == FontFace::heading) {
    data = assets::kFontUiSemiBold;
    size = assets::kFontUiSemiBoldSize;
  } else if (face == FontFace::mono) {
    data = assets::kFontMonoRegular;
    size = assets::kFontMonoRegularSize;
  }
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // embedded in the binary: ImGui must not free it
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  // ImGui's API takes a mutable pointer but only reads the data.
  return atlas.AddFontFromMemoryTTF(const_cast<std::uint8_t*>(data), static_cast<int>(size), pixels,
                                    &config, ranges);
}

}  // namespace

FontSource embedded_font_source() {
  return {add_embedded, ImFontAtlasGetBuilderForStbTruetype()};
}

}  // namespace metal::ui
