# libvterm 0.1.4 (the terminal emulator behind Neovim's and Emacs' terminals) from Debian's source
# package, compiled for both targets: the serial console's screen, scrollback and keyboard
# encoding. Debian's libvterm-dev holds x86-64 objects only, useless for WebAssembly. The source
# package already carries the generated encoding tables (src/encoding/*.inc).
metal_debian_source(PACKAGE libvterm VERSION 0.1.4 CHECK src/encoding/DECdrawing.inc OUT_DIR LIBVTERM_DIR)

add_library(vterm STATIC
  ${LIBVTERM_DIR}/src/encoding.c
  ${LIBVTERM_DIR}/src/keyboard.c
  ${LIBVTERM_DIR}/src/mouse.c
  ${LIBVTERM_DIR}/src/parser.c
  ${LIBVTERM_DIR}/src/pen.c
  ${LIBVTERM_DIR}/src/screen.c
  ${LIBVTERM_DIR}/src/state.c
  ${LIBVTERM_DIR}/src/unicode.c
  ${LIBVTERM_DIR}/src/vterm.c)
set_target_properties(vterm PROPERTIES C_STANDARD 99 C_EXTENSIONS ON)
target_include_directories(vterm SYSTEM PUBLIC "${LIBVTERM_DIR}/include")
target_include_directories(vterm PRIVATE "${LIBVTERM_DIR}/src")
# Its own code, its own warnings: not ours to fix, and not to fail our -Werror build.
target_compile_options(vterm PRIVATE -w)
if(NOT EMSCRIPTEN)
  set_target_properties(vterm PROPERTIES POSITION_INDEPENDENT_CODE ON)
endif()
