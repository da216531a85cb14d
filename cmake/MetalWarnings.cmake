# Project code is held to strict warnings; third-party code (ImGui) is compiled without them.
# GCC 12 reports "potential null pointer dereference" inside Asio's scheduler once inlined into our
# code (system-header suppression does not reach the optimizer's warnings): a target built on Asio
# sets METAL_USES_ASIO and goes without that one warning, as a whole, so that its files can still
# share unity batches (a file with options of its own is compiled alone).
add_library(metal_warnings INTERFACE)
target_compile_options(metal_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<NOT:$<BOOL:$<TARGET_PROPERTY:METAL_USES_ASIO>>>:-Wnull-dereference>
  $<$<BOOL:${METAL_WERROR}>:-Werror>)
