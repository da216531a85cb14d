# simdjson 3.0.1 from Debian's source package (its single-header build), for both targets.
# Measured on a 10,000-server list body (22.8 MB): nlohmann's DOM decodes at ~56 MB/s natively and
# its SAX lexer alone tops out at 226 MB/s; simdjson On-Demand walks it at ~2.5 GB/s natively and
# ~620 MB/s as WebAssembly (its portable kernel), 2x node's own JSON.parse on the same bytes.
metal_debian_source(PACKAGE simdjson VERSION 3.0.1 CHECK singleheader/simdjson.cpp OUT_DIR SIMDJSON_DIR)

add_library(simdjson STATIC "${SIMDJSON_DIR}/singleheader/simdjson.cpp")
target_include_directories(simdjson SYSTEM PUBLIC "${SIMDJSON_DIR}/singleheader")
# Errors come back as codes: the core never throws.
target_compile_definitions(simdjson PUBLIC SIMDJSON_EXCEPTIONS=0)
if(EMSCRIPTEN)
  # The "designed for 64-bit processors" notice, printed at every include, says nothing new.
  target_compile_options(simdjson PUBLIC "-Wno-#pragma-messages")
endif()

