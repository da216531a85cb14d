# Header-only libraries from Debian packages (nlohmann-json3-dev, doctest-dev).
# emcc does not search /usr/include, so the web build sees them through a folder of symlinks
# that exposes only these two libraries and nothing else of the host's headers.
set(METAL_SYSDEPS_INCLUDE "${CMAKE_BINARY_DIR}/sysdeps/include")
file(MAKE_DIRECTORY "${METAL_SYSDEPS_INCLUDE}")
foreach(lib nlohmann doctest)
  if(NOT EXISTS "/usr/include/${lib}")
    message(FATAL_ERROR "/usr/include/${lib} is missing: install it with ./metal setup (Debian package for ${lib})")
  endif()
  if(NOT EXISTS "${METAL_SYSDEPS_INCLUDE}/${lib}")
    file(CREATE_LINK "/usr/include/${lib}" "${METAL_SYSDEPS_INCLUDE}/${lib}" SYMBOLIC)
  endif()
endforeach()

add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${METAL_SYSDEPS_INCLUDE}")
target_compile_definitions(nlohmann_json_headers INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)

add_library(doctest_headers INTERFACE)
target_include_directories(doctest_headers SYSTEM INTERFACE "${METAL_SYSDEPS_INCLUDE}")
