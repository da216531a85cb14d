# Closure Compiler for the web bundle's JS runtime (emcc --closure 1: 11.9 -> 7.0 KB gzip). Debian's
# closure-compiler is too old for emcc 3.1.6's output; npm's Java build (a jar, pinned in
# web/tools/package-lock.json) runs on Debian's JRE. Installed once into METAL_DEPS_DIR, outside git.
find_program(METAL_JAVA java REQUIRED)
find_program(METAL_NPM npm REQUIRED)
set(closure_dir "${METAL_DEPS_DIR}/npm-web-tools")
set(METAL_CLOSURE_JAR "${closure_dir}/node_modules/google-closure-compiler-java/compiler.jar")
if(NOT EXISTS "${METAL_CLOSURE_JAR}")
  file(MAKE_DIRECTORY "${closure_dir}")
  file(COPY "${CMAKE_SOURCE_DIR}/web/tools/package.json" "${CMAKE_SOURCE_DIR}/web/tools/package-lock.json"
       DESTINATION "${closure_dir}")
  message(STATUS "Installing Closure Compiler (npm ci, web/tools/package-lock.json)")
  execute_process(COMMAND ${METAL_NPM} ci --no-audit --no-fund --ignore-scripts
    WORKING_DIRECTORY "${closure_dir}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${METAL_CLOSURE_JAR}")
    message(FATAL_ERROR "Could not install Closure Compiler with npm into ${closure_dir}: ${err}")
  endif()
endif()
# emcc runs CLOSURE_COMPILER as one command: a wrapper that hands the jar to Debian's java.
set(METAL_CLOSURE_COMPILER "${CMAKE_BINARY_DIR}/generated/closure-compiler")
file(WRITE "${METAL_CLOSURE_COMPILER}" "#!/bin/sh\nexec \"${METAL_JAVA}\" -jar \"${METAL_CLOSURE_JAR}\" \"$@\"\n")
file(CHMOD "${METAL_CLOSURE_COMPILER}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
