#include "browser_fonts.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImFontAtlasBuild*: the steps ImGui's own builders share

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "model/stable_order.hpp"

// ---- the page's canvas, through small JS shims
// clang-format off

// A face's ascender and descender (CSS pixels, both positive) at 100 px; a browser that cannot
// tell (Firefox before 116) gets a typical interface font's.
EM_JS(void, js_font_extent, (const char* font, float* out), {
  const context = Module["metalGlyphContext"] || (Module["metalGlyphContext"] =
      (typeof OffscreenCanvas != "undefined" ? new OffscreenCanvas(1, 1) : document.createElement("canvas")).getContext("2d"));
  context.font = UTF8ToString(font);
  const metrics = context.measureText("Hg");
  HEAPF32[out >> 2] = metrics["fontBoundingBoxAscent"] || 96;
  HEAPF32[(out >> 2) + 1] = metrics["fontBoundingBoxDescent"] || 24;
});
// Each glyph's advance (pixels) and ink box relative to its pen on the baseline, in the atlas's
// pixels (`oversample` x wider): five floats per code point.
EM_JS(void, js_measure_glyphs, (const char* font, int oversample, const int* codepoints, int count,
                                float* out), {
  const context = Module["metalGlyphContext"];
  context.font = UTF8ToString(font);
  for (let i = 0; i < count; i++) {
    const m = context.measureText(String.fromCodePoint(HEAP32[(codepoints >> 2) + i]));
    const o = (out >> 2) + i * 5;
    HEAPF32[o] = m.width;
    HEAPF32[o + 1] = Math.floor(-(m["actualBoundingBoxLeft"] || 0) * oversample);
    HEAPF32[o + 2] = Math.floor(-(m["actualBoundingBoxAscent"] || 0));
    HEAPF32[o + 3] = Math.ceil((m["actualBoundingBoxRight"] || 0) * oversample);
    HEAPF32[o + 4] = Math.ceil(m["actualBoundingBoxDescent"] || 0);
  }
});
// A canvas of the atlas's size, white glyphs drawn on transparency: their alpha is the coverage.
// (An OffscreenCanvas where there is one: Safari has it from 16.4.) One row more holds a check:
// a white texel, then a clear one.
EM_JS(void, js_glyphs_begin, (int width, int rows), {
  let canvas;
  if (typeof OffscreenCanvas != "undefined") canvas = new OffscreenCanvas(width, rows + 1);
  else { canvas = document.createElement("canvas"); canvas.width = width; canvas.height = rows + 1; }
  const context = canvas.getContext("2d", {"willReadFrequently": true});
  context.fillStyle = "#fff";
  context.fillRect(0, rows, 1, 1);
  Module["metalGlyphCanvas"] = context;
});
// Draws glyphs with their pens at (x, y) of the atlas: three ints per glyph (code point, x, y).
EM_JS(void, js_draw_glyphs, (const char* font, int oversample, const int* glyphs, int count), {
  const context = Module["metalGlyphCanvas"];
  context.font = UTF8ToString(font);
  context.fillStyle = "#fff";
  context.textBaseline = "alphabetic";
  for (let i = 0; i < count; i++) {
    const g = (glyphs >> 2) + i * 3;
    context.setTransform(oversample, 0, 0, 1, HEAP32[g + 1], HEAP32[g + 2]);
    context.fillText(String.fromCodePoint(HEAP32[g]), 0, 0);
  }
});
// The canvas's coverage into the atlas's 8-bit texture: the `rows` glyphs were drawn in. Browsers
// that defend against fingerprinting may blank or whiten what a page reads back (Tor Browser,
// Firefox's resistFingerprinting; others only add noise, which text survives): the check row
// tells, and the page then says why it shows no text instead of drawing blocks.
EM_JS(void, js_glyphs_end, (unsigned char* pixels, int width, int rows), {
  const rgba = new Uint32Array(Module["metalGlyphCanvas"].getImageData(0, 0, width, rows + 1).data.buffer);
  Module["metalGlyphCanvas"] = null;
  const alpha = HEAPU8.subarray(pixels, pixels + width * rows);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i] >>> 24;
  const check = width * rows;
  if ((rgba[check] >>> 24) > 200 && (rgba[check + 1] >>> 24) < 50) return;
  const boot = document.getElementById("boot");
  boot.style.display = "flex";
  boot.innerHTML = "<div class=\"error\">Metal Console cannot draw its text: this browser changed what " +
      "the page read back from its canvas (a protection against fingerprinting). Allow this site " +
      "to read its canvas, or open it in another browser.</div>";
});
// clang-format on

namespace metal::web {
namespace {

// Inter and JetBrains Mono where installed (the desktop's faces), else the system's own.
constexpr const char* kSansFamilies =
    "Inter, system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";
constexpr const char* kMonoFamilies =
    "\"JetBrains Mono\", ui-monospace, \"SF Mono\", Menlo, Consolas, \"DejaVu Sans Mono\", "
    "\"Liberation Mono\", monospace";
// Glyphs drawn this many times wider and sampled back: text placed at fractional positions
// stays sharp (as with stb_truetype's oversampling on the desktop).
constexpr int kOversample = 2;

std::string css_font(ui::FontFace face, float pixels) {
  const bool semibold = face == ui::FontFace::strong || face == ui::FontFace::heading;
  char size[32];
  std::snprintf(size, sizeof size, "%.3fpx ", pixels);
  return std::string(semibold ? "600 " : "400 ") + size +
         (face == ui::FontFace::mono ? kMonoFamilies : kSansFamilies);
}

ImFont* add_browser_face(ImFontAtlas& atlas, ui::FontFace face, float pixels,
                         const ImWchar* ranges) {
  ImFontConfig config;
  // The "font data" is the face itself: the builder below asks the browser for it.
  config.FontData = &face;
  config.FontDataSize = sizeof face;
  config.FontDataOwnedByAtlas = false;  // ImGui keeps a copy
  config.SizePixels = pixels;
  config.GlyphRanges = ranges;
  config.OversampleH = kOversample;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  return atlas.AddFont(&config);
}

struct Glyph {
  ImWchar codepoint = 0;
  float advance = 0;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // ink box from the pen, atlas pixels
  int x = -1, y = -1;                  // its place in the atlas (none: nothing to draw)
  bool inked() const { return x1 > x0 && y1 > y0; }
};

struct Source {
  std::string font;  // the CSS font the canvas draws with
  float ascent = 0, descent = 0;
  std::vector<Glyph> glyphs;
};

Source measure(const ImFontConfig& config) {
  ui::FontFace face{};
  std::memcpy(&face, config.FontData, sizeof face);
  float extent[2] = {0, 0};
  js_font_extent(css_font(face, 100).c_str(), extent);
  // Like stb_truetype, the configured size spans the ascender to the descender.
  const float line = extent[0] + extent[1] > 0 ? extent[0] + extent[1] : 100.0f;
  const float pixels = config.SizePixels * 100.0f / line;
  Source source{
      css_font(face, pixels), extent[0] * pixels / 100.0f, extent[1] * pixels / 100.0f, {}};

  std::vector<unsigned char> seen;
  std::vector<int> codepoints;
  for (const ImWchar* range = config.GlyphRanges; range && range[0] && range[1]; range += 2)
    for (int c = range[0]; c <= range[1]; ++c) {
      if (static_cast<std::size_t>(c) >= seen.size()) seen.resize(c + 1);
      if (!seen[c]) codepoints.push_back(c);
      seen[c] = 1;
    }
  std::vector<float> boxes(codepoints.size() * 5);
  js_measure_glyphs(source.font.c_str(), config.OversampleH, codepoints.data(),
                    static_cast<int>(codepoints.size()), boxes.data());
  source.glyphs.reserve(codepoints.size());
  for (std::size_t i = 0; i < codepoints.size(); ++i) {
    const float* box = &boxes[i * 5];
    source.glyphs.push_back({static_cast<ImWchar>(codepoints[i]), box[0], static_cast<int>(box[1]),
                             static_cast<int>(box[2]), static_cast<int>(box[3]),
                             static_cast<int>(box[4])});
  }
  return source;
}

// Shelves of rectangles, tallest first: glyphs of a few sizes pack tightly that way. Returns the
// height used.
struct Rect {
  int width = 0, height = 0;
  int* x = nullptr;
  int* y = nullptr;
};
int pack(std::vector<Rect>& rects, int width) {
  model::stable_sort(rects, [](const Rect& a, const Rect& b) { return a.height > b.height; });
  int x = 0, y = 0, shelf = 0;
  for (Rect& rect : rects) {
    if (x + rect.width > width) {
      x = 0;
      y += shelf;
      shelf = 0;
    }
    *rect.x = x;
    *rect.y = y;
    x += rect.width;
    shelf = std::max(shelf, rect.height);
  }
  return y + shelf;
}

bool build(ImFontAtlas* atlas) {
  ImFontAtlasBuildInit(atlas);  // the mouse cursors' and thick lines' rectangles
  atlas->TexID = nullptr;
  atlas->TexWidth = atlas->TexHeight = 0;
  atlas->TexUvScale = atlas->TexUvWhitePixel = ImVec2(0, 0);
  atlas->ClearTexData();

  std::vector<Source> sources;
  sources.reserve(atlas->ConfigData.Size);
  for (const ImFontConfig& config : atlas->ConfigData)
    sources.push_back(measure(config));

  // Everything the texture holds: ImGui's own rectangles, then every inked glyph, with padding.
  const int padding = atlas->TexGlyphPadding;
  std::vector<int> custom_places(atlas->CustomRects.Size * 2);
  std::vector<Rect> rects;
  int surface = 0;
  for (int i = 0; i < atlas->CustomRects.Size; ++i) {
    const ImFontAtlasCustomRect& custom = atlas->CustomRects[i];
    rects.push_back({custom.Width + padding, custom.Height + padding, &custom_places[i * 2],
                     &custom_places[i * 2 + 1]});
  }
  for (Source& source : sources)
    for (Glyph& glyph : source.glyphs)
      if (glyph.inked())
        rects.push_back(
            {glyph.x1 - glyph.x0 + padding, glyph.y1 - glyph.y0 + padding, &glyph.x, &glyph.y});
  for (const Rect& rect : rects)
    surface += rect.width * rect.height;
  // A step wider than ImGui's own builder would choose: its packer places each glyph in the best
  // gap, shelves waste less the wider they are.
  const int side = static_cast<int>(std::sqrt(static_cast<float>(surface))) + 1;
  atlas->TexWidth = atlas->TexDesiredWidth > 0 ? atlas->TexDesiredWidth
                    : side >= 2048 * 0.7f      ? 4096
                    : side >= 1024 * 0.7f      ? 2048
                    : side >= 512 * 0.7f       ? 1024
                                               : 512;
  const int rows = pack(rects, atlas->TexWidth);
  atlas->TexHeight = ImUpperPowerOfTwo(rows);
  for (int i = 0; i < atlas->CustomRects.Size; ++i) {
    atlas->CustomRects[i].X = static_cast<unsigned short>(custom_places[i * 2]);
    atlas->CustomRects[i].Y = static_cast<unsigned short>(custom_places[i * 2 + 1]);
  }
  atlas->TexUvScale = ImVec2(1.0f / atlas->TexWidth, 1.0f / atlas->TexHeight);
  const std::size_t texels = static_cast<std::size_t>(atlas->TexWidth) * atlas->TexHeight;
  atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(texels));

  js_glyphs_begin(atlas->TexWidth, rows);
  std::vector<int> pens;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    pens.clear();
    for (const Glyph& glyph : sources[s].glyphs)
      if (glyph.inked())
        pens.insert(pens.end(), {glyph.codepoint, glyph.x - glyph.x0, glyph.y - glyph.y0});
    js_draw_glyphs(sources[s].font.c_str(), atlas->ConfigData[static_cast<int>(s)].OversampleH,
                   pens.data(), static_cast<int>(pens.size() / 3));
  }
  js_glyphs_end(atlas->TexPixelsAlpha8, atlas->TexWidth, rows);
  std::memset(atlas->TexPixelsAlpha8 + static_cast<std::size_t>(rows) * atlas->TexWidth, 0,
              static_cast<std::size_t>(atlas->TexHeight - rows) * atlas->TexWidth);

  for (std::size_t s = 0; s < sources.size(); ++s) {
    ImFontConfig& config = atlas->ConfigData[static_cast<int>(s)];
    const Source& source = sources[s];
    // Rounded outwards as ImGui's stb_truetype builder does.
    ImFontAtlasBuildSetupFont(atlas, config.DstFont, &config, std::floor(source.ascent + 1),
                              std::floor(-source.descent - 1));
    const float oversample = static_cast<float>(config.OversampleH);
    const float left = config.GlyphOffset.x;
    const float top = config.GlyphOffset.y + IM_ROUND(config.DstFont->Ascent);
    for (const Glyph& glyph : source.glyphs) {
      if (!glyph.inked()) {
        config.DstFont->AddGlyph(&config, glyph.codepoint, 0, 0, 0, 0, 0, 0, 0, 0, glyph.advance);
        continue;
      }
      const ImVec2 uv = atlas->TexUvScale;
      config.DstFont->AddGlyph(
          &config, glyph.codepoint, left + static_cast<float>(glyph.x0) / oversample,
          top + static_cast<float>(glyph.y0), left + static_cast<float>(glyph.x1) / oversample,
          top + static_cast<float>(glyph.y1), static_cast<float>(glyph.x) * uv.x,
          static_cast<float>(glyph.y) * uv.y,
          static_cast<float>(glyph.x + glyph.x1 - glyph.x0) * uv.x,
          static_cast<float>(glyph.y + glyph.y1 - glyph.y0) * uv.y, glyph.advance);
    }
  }
  ImFontAtlasBuildFinish(atlas);  // ImGui's rectangles drawn, lookup tables built
  return true;
}

const ImFontBuilderIO kBrowserBuilder{build};

}  // namespace

ui::FontSource browser_font_source() {
  return {add_browser_face, &kBrowserBuilder};
}

}  // namespace metal::web
