# Dear ImGui 1.86 from Debian's source package, compiled for both targets from the same sources
# (Debian's libimgui-dev holds x86-64 objects only, useless for WebAssembly).
metal_debian_source(PACKAGE imgui VERSION 1.86 CHECK imgui.cpp OUT_DIR IMGUI_DIR)

# ImFontAtlas::Build() falls back to ImGui's own font (ProggyClean, 13 KB gzip of the web bundle)
# when none was added. The console always adds its own first, so that fallback is compiled out: a
# copy of imgui_draw.cpp whose Build() asserts instead (the Debian source in .deps is untouched).
file(READ "${IMGUI_DIR}/imgui_draw.cpp" imgui_draw_source)
set(imgui_default_font_fallback "if (ConfigData.Size == 0)\n        AddFontDefault();")
string(FIND "${imgui_draw_source}" "${imgui_default_font_fallback}" fallback_at)
if(fallback_at EQUAL -1)
  message(FATAL_ERROR "imgui_draw.cpp ${IMGUI_DIR}: Build()'s default-font fallback was not found; "
                      "check cmake/ImGui.cmake against this ImGui version")
endif()
string(REPLACE "${imgui_default_font_fallback}"
       "IM_ASSERT(ConfigData.Size > 0 && \"Metal Console adds its fonts before building\");"
       imgui_draw_source "${imgui_draw_source}")
# Likewise Build() falls back to stb_truetype when the atlas has no builder: the console always
# names one (ui/fonts.cpp), so a program whose platform rasterizes glyphs itself (the browser's
# canvas, web/browser_fonts.cpp) links no stb_truetype.
set(imgui_stb_fallback "builder_io = ImFontAtlasGetBuilderForStbTruetype();")
string(FIND "${imgui_draw_source}" "${imgui_stb_fallback}" fallback_at)
if(fallback_at EQUAL -1)
  message(FATAL_ERROR "imgui_draw.cpp ${IMGUI_DIR}: Build()'s stb_truetype fallback was not found; "
                      "check cmake/ImGui.cmake against this ImGui version")
endif()
string(REPLACE "${imgui_stb_fallback}"
       "IM_ASSERT(0 && \"Metal Console names the atlas's builder (ui/fonts.cpp)\"); return false;"
       imgui_draw_source "${imgui_draw_source}")
set(imgui_draw_copy "${CMAKE_BINARY_DIR}/generated/imgui_draw.cpp")
set(imgui_draw_previous "")
if(EXISTS "${imgui_draw_copy}")
  file(READ "${imgui_draw_copy}" imgui_draw_previous)
endif()
if(NOT imgui_draw_previous STREQUAL imgui_draw_source)  # rewritten only when it changes
  file(WRITE "${imgui_draw_copy}" "${imgui_draw_source}")
endif()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${imgui_draw_copy}
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)
# ImGui 1.86 mixes enum types in flags, which C++20 deprecates: its own business, not ours.
target_compile_options(imgui PRIVATE -Wno-deprecated-enum-enum-conversion)
# The console never needs the obsolete API; catching uses of it early keeps upgrades easy.
# Nor the demo and metrics windows, nor files (no .ini: the layout comes from the route).
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_METRICS_WINDOW IMGUI_DISABLE_FILE_FUNCTIONS)

# Platform backends: GLFW + OpenGL3 natively; emscripten's built-in JS GLFW + WebGL2 on the web.
# The page is its own platform (web/page_platform.cpp, on Emscripten's html5 API), so the web
# build takes only the renderer; the desktop takes GLFW's too.
add_library(imgui_backend STATIC ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui_backend SYSTEM PUBLIC ${IMGUI_DIR}/backends)
target_link_libraries(imgui_backend PUBLIC imgui)
if(EMSCRIPTEN)
  target_compile_definitions(imgui_backend PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(imgui_backend PUBLIC -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  target_sources(imgui_backend PRIVATE ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(GLFW3 REQUIRED IMPORTED_TARGET glfw3)
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui_backend PUBLIC PkgConfig::GLFW3 OpenGL::GL ${CMAKE_DL_LIBS})
endif()
