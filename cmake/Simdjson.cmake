# simdjson 3.0.1 from Debian's source package (its single-header build), for both targets.
# Measured on a 10,000-server list body (22.8 MB): nlohmann's DOM decodes at ~56 MB/s natively and
# its SAX lexer alone tops out at 226 MB/s; simdjson On-Demand walks it at ~2.5 GB/s natively and
# ~620 MB/s as WebAssembly (its portable kernel), 2x node's own JSON.parse on the same bytes.
metal_debian_source(PACKAGE simdjson VERSION 3.0.1 CHECK singleheader/simdjson.cpp OUT_DIR SIMDJSON_DIR)

# The console decodes with On-Demand only. simdjson's DOM builder (stage 2) is still linked, through
# the virtual functions of its parser implementation, for ~6 KB gzip of the web bundle: a copy of
# simdjson.cpp answers DOM parses with an error instead (the Debian source in .deps is untouched).
file(READ "${SIMDJSON_DIR}/singleheader/simdjson.cpp" simdjson_source)
foreach(streaming false true)
  set(dom_stage2 "return stage2::tape_builder::parse_document<${streaming}>(*this, _doc);")
  string(FIND "${simdjson_source}" "${dom_stage2}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "simdjson.cpp: the DOM stage 2 was not found; check cmake/Simdjson.cmake")
  endif()
  string(REPLACE "${dom_stage2}" "(void)_doc; return UNSUPPORTED_ARCHITECTURE;  // DOM: unused"
         simdjson_source "${simdjson_source}")
endforeach()
set(simdjson_copy "${CMAKE_BINARY_DIR}/generated/simdjson.cpp")
set(simdjson_previous "")
if(EXISTS "${simdjson_copy}")
  file(READ "${simdjson_copy}" simdjson_previous)
endif()
if(NOT simdjson_previous STREQUAL simdjson_source)
  file(WRITE "${simdjson_copy}" "${simdjson_source}")
endif()
add_library(simdjson STATIC "${simdjson_copy}")
target_include_directories(simdjson SYSTEM PUBLIC "${SIMDJSON_DIR}/singleheader")
# Errors come back as codes: the core never throws.
target_compile_definitions(simdjson PUBLIC SIMDJSON_EXCEPTIONS=0)
if(EMSCRIPTEN)
  # Its scalar indexer (stage 1, the part that sees every byte: 40% of decoding a 100,000-server
  # list in the browser) at -O2 rather than the bundle's -Oz: decoding 0.94-1.0 -> 0.82-0.85 s at
  # 100,000 servers as WebAssembly, for +0.16 KB gzip.
  target_compile_options(simdjson PRIVATE -O2)
  # The "designed for 64-bit processors" notice, printed at every include, says nothing new.
  target_compile_options(simdjson PUBLIC "-Wno-#pragma-messages")
endif()

