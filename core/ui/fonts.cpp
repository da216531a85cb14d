#include "ui/fonts.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

namespace metal::ui {
namespace {

Fonts g_fonts;
// The atlas's covered texels, counted at the first status after it was built (-1: not yet).
long g_inked_texels = -1;

// The interface's glyphs: Latin-1 and Latin Extended-A (names typed in most European languages),
// dashes, quotes, bullet, ellipsis, the euro sign, arrows, minus, check and cross, and the shapes
// of the sort arrows and state dots. (cmake/Fonts.cmake subsets the desktop's fonts to these.)
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F, 0x2013, 0x2014, 0x2018, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026,
    0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0x2713, 0x2713, 0x2715, 0x2715, 0x25B2, 0x25B2,
    0x25B4, 0x25B4, 0x25BC, 0x25BC, 0x25BE, 0x25BE, 0x25CB, 0x25CB, 0x25CF, 0x25CF, 0};
// Ids, addresses and the serial console: Latin-1, the ellipsis, and the box-drawing and block
// characters of text-mode screens (firmware setup, installers, top).
const ImWchar kMonoRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x2026, 0x2026, 0x2500, 0x259F, 0};

}  // namespace

Fonts load_fonts(float scale, const FontSource& source) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  atlas.Clear();
  g_inked_texels = -1;
  atlas.FontBuilderIO = source.builder;
  g_fonts.body = source.add(atlas, FontFace::text, 15.0f * scale, kTextRanges);
  g_fonts.strong = source.add(atlas, FontFace::strong, 15.0f * scale, kTextRanges);
  g_fonts.heading = source.add(atlas, FontFace::heading, 20.0f * scale, kTextRanges);
  g_fonts.mono = source.add(atlas, FontFace::mono, 13.5f * scale, kMonoRanges);
  ImGui::GetIO().FontDefault = g_fonts.body;
  return g_fonts;
}

const Fonts& fonts() {
  return g_fonts;
}

void report_fonts(nlohmann::json& status) {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (g_inked_texels < 0 && atlas.TexPixelsAlpha8) {
    g_inked_texels = 0;
    for (long i = 0, n = static_cast<long>(atlas.TexWidth) * atlas.TexHeight; i < n; ++i)
      g_inked_texels += atlas.TexPixelsAlpha8[i] != 0;
  }
  nlohmann::json faces = nlohmann::json::object();
  const std::pair<const char*, const ImFont*> named[] = {{"text", g_fonts.body},
                                                         {"strong", g_fonts.strong},
                                                         {"heading", g_fonts.heading},
                                                         {"mono", g_fonts.mono}};
  for (const auto& [name, font] : named) {
    if (!font) continue;
    int inked = 0;
    for (const ImFontGlyph& glyph : font->Glyphs)
      inked += glyph.Visible ? 1 : 0;
    faces[name] = {{"pixels", font->FontSize}, {"glyphs", font->Glyphs.Size}, {"inked", inked}};
  }
  status["fonts"] = {{"faces", std::move(faces)},
                     {"texture",
                      {{"width", atlas.TexWidth},
                       {"height", atlas.TexHeight},
                       {"inkedTexels", std::max(g_inked_texels, 0L)}}}};
}

}  // namespace metal::ui
