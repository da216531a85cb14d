# Sources of C/C++ libraries that must also compile to WebAssembly come from Debian's source
# packages ('apt-get source', deb-src enabled by './metal setup'), unpacked into METAL_DEPS_DIR,
# outside git, once. Both targets compile the same sources: one version, one code path.
#
#   metal_debian_source(PACKAGE simdjson VERSION 3.0.1 CHECK singleheader/simdjson.cpp OUT_DIR var)
function(metal_debian_source)
  cmake_parse_arguments(ARG "" "PACKAGE;VERSION;CHECK;OUT_DIR" "" ${ARGN})
  set(dir "${METAL_DEPS_DIR}/${ARG_PACKAGE}-${ARG_VERSION}")
  if(NOT EXISTS "${dir}/${ARG_CHECK}")
    set(download_dir "${METAL_DEPS_DIR}/download")
    file(MAKE_DIRECTORY "${download_dir}")
    file(GLOB tarball "${download_dir}/${ARG_PACKAGE}_${ARG_VERSION}*.orig.tar.*")
    if(NOT tarball)
      message(STATUS "Fetching ${ARG_PACKAGE} ${ARG_VERSION} with 'apt-get source --download-only ${ARG_PACKAGE}'")
      execute_process(COMMAND apt-get source --download-only ${ARG_PACKAGE}
        WORKING_DIRECTORY "${download_dir}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
      file(GLOB tarball "${download_dir}/${ARG_PACKAGE}_${ARG_VERSION}*.orig.tar.*")
      if(NOT rc EQUAL 0 OR NOT tarball)
        message(FATAL_ERROR "Could not fetch ${ARG_PACKAGE} ${ARG_VERSION} from Debian's source packages "
          "(deb-src must be enabled: './metal setup' does it): ${err}")
      endif()
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar xf "${tarball}"
      WORKING_DIRECTORY "${METAL_DEPS_DIR}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${dir}/${ARG_CHECK}")
      message(FATAL_ERROR "Unpacking ${tarball} did not give ${dir}/${ARG_CHECK}")
    endif()
  endif()
  set(${ARG_OUT_DIR} "${dir}" PARENT_SCOPE)
endfunction()
