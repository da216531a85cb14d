#pragma once
// The web console's glyphs, drawn by the browser: its canvas renders each glyph of the console's
// faces once into the font atlas, from the fonts the machine has (Inter and JetBrains Mono when
// installed, else the system's interface and monospace fonts). The bundle carries no font files
// and no rasterizer (stb_truetype and the subsets were 26 KB of its gzip), the text is the
// browser's own, and a glyph the first font lacks comes from the browser's fallback fonts.

#include "ui/fonts.hpp"

namespace metal::web {

ui::FontSource browser_font_source();

}  // namespace metal::web
