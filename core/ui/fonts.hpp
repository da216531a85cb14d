#pragma once
// The console's fonts: Inter for the interface, JetBrains Mono for ids, addresses and the serial
// console, rasterized at the display's scale so text stays sharp on high-DPI screens. Where the
// glyphs come from is the platform's choice (a FontSource): the desktop embeds subsets of the
// fonts and rasterizes them with stb_truetype; the browser draws them with its own text renderer
// from the fonts the machine has, so the web bundle carries neither font files nor a rasterizer.

#include <imgui.h>

#include <nlohmann/json_fwd.hpp>

namespace metal::ui {

enum class FontFace { text, strong, heading, mono };

struct Fonts {
  ImFont* body = nullptr;
  ImFont* strong = nullptr;
  ImFont* heading = nullptr;
  ImFont* mono = nullptr;
};

struct FontSource {
  /// Adds `face` to the atlas, `pixels` from its ascender to its descender, with the glyphs of
  /// `ranges` (ImGui's zero-terminated pairs): the ones an embedded font lacks are left out; the
  /// browser draws those from its fallback fonts.
  ImFont* (*add)(ImFontAtlas& atlas, FontFace face, float pixels, const ImWchar* ranges) = nullptr;
  /// Rasterizes the faces into the atlas's texture (ImGui's font builder interface).
  const ImFontBuilderIO* builder = nullptr;
};

/// The subsets embedded in the binary, rasterized by stb_truetype (ui/embedded_fonts.cpp; the
/// web console does not link it).
FontSource embedded_font_source();

/// Rebuilds the atlas for `scale` (1 = 96 dpi). The renderer must re-upload the texture after.
Fonts load_fonts(float scale, const FontSource& source);
const Fonts& fonts();
/// status().fonts: each face's size and glyphs (how many have ink), and the atlas's texture with
/// how many of its texels are covered, so a test can tell text is drawn without reading pixels.
void report_fonts(nlohmann::json& status);

}  // namespace metal::ui
