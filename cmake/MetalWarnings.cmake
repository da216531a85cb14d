# Project code is held to strict warnings; third-party code (ImGui) is compiled without them.
add_library(metal_warnings INTERFACE)
target_compile_options(metal_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${METAL_WERROR}>:-Werror>)
