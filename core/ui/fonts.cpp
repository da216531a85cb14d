#include "ui/fonts.hpp"

#include <cstddef>
#include <cstdint>

namespace metal::assets {
extern const std::uint8_t kFontUiRegular[];
extern const std::size_t kFontUiRegularSize;
#if !defined(__EMSCRIPTEN__)  // the web bundle leaves the semibold face out (cmake/Fonts.cmake)
extern const std::uint8_t kFontUiSemiBold[];
extern const std::size_t kFontUiSemiBoldSize;
#endif
extern const std::uint8_t kFontMonoRegular[];
extern const std::size_t kFontMonoRegularSize;
}  // namespace metal::assets

namespace metal::ui {
namespace {

Fonts g_fonts;

// The glyphs the subset keeps (cmake/Fonts.cmake): Latin-1, punctuation, arrows, a few shapes.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193,
                                0x2212, 0x2212, 0x2713, 0x2715, 0x25B2, 0x25CF, 0};

ImFont* add(const std::uint8_t* data, std::size_t size, float pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // embedded in the binary: ImGui must not free it
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  // ImGui's API takes a mutable pointer but only reads the data.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(
      const_cast<std::uint8_t*>(data), static_cast<int>(size), pixels, &config, kGlyphRanges);
}

}  // namespace

Fonts load_fonts(float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  g_fonts.body = add(assets::kFontUiRegular, assets::kFontUiRegularSize, 15.0f * scale);
#if defined(__EMSCRIPTEN__)
  g_fonts.strong = g_fonts.body;
  g_fonts.heading = add(assets::kFontUiRegular, assets::kFontUiRegularSize, 21.0f * scale);
#else
  g_fonts.strong = add(assets::kFontUiSemiBold, assets::kFontUiSemiBoldSize, 15.0f * scale);
  g_fonts.heading = add(assets::kFontUiSemiBold, assets::kFontUiSemiBoldSize, 20.0f * scale);
#endif
  g_fonts.mono = add(assets::kFontMonoRegular, assets::kFontMonoRegularSize, 13.5f * scale);
  ImGui::GetIO().FontDefault = g_fonts.body;
  return g_fonts;
}

const Fonts& fonts() {
  return g_fonts;
}

}  // namespace metal::ui
