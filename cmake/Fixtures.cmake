# Where the recorded API bodies are (shared/fixtures, beside the project, outside git). A clone
# elsewhere finds them through METAL_FIXTURES_DIR (cache or environment); tests cannot run
# without them, so a missing directory stops the configure with what to do.
set(_candidates "${CMAKE_SOURCE_DIR}/../shared/fixtures")
if(DEFINED ENV{METAL_FIXTURES_DIR})
  list(PREPEND _candidates "$ENV{METAL_FIXTURES_DIR}")
endif()
list(APPEND _candidates "/work/shared/fixtures")
if(NOT METAL_FIXTURES_DIR)
  foreach(_dir IN LISTS _candidates)
    get_filename_component(_dir "${_dir}" ABSOLUTE)
    if(EXISTS "${_dir}/scaleway/manifest.json")
      set(METAL_FIXTURES_DIR "${_dir}" CACHE PATH "Recorded API bodies (shared/fixtures)")
      break()
    endif()
  endforeach()
endif()
if(NOT METAL_FIXTURES_DIR OR NOT EXISTS "${METAL_FIXTURES_DIR}/scaleway/manifest.json")
  message(FATAL_ERROR "The recorded API bodies (shared/fixtures) were not found; looked in: "
                      "${_candidates}. Set METAL_FIXTURES_DIR to that directory.")
endif()
