# The desktop's fonts are subset at build time from Debian's font packages and embedded in the
# binary (ui/embedded_fonts.cpp): Inter for the interface, JetBrains Mono for ids, addresses and the
# serial console; whole fonts are 300-750 KB each. The web console embeds none: the browser draws
# its glyphs (web/browser_fonts.cpp).
# Debian's python3 (python3-fonttools); a python3 earlier on PATH (pyenv, venv) may lack fontTools.
find_program(METAL_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
execute_process(COMMAND ${METAL_DEBIAN_PYTHON} -c "import fontTools.subset"
  RESULT_VARIABLE fonttools_missing OUTPUT_QUIET ERROR_QUIET)
if(fonttools_missing)
  message(FATAL_ERROR "fontTools is missing for ${METAL_DEBIAN_PYTHON}: './metal setup' installs python3-fonttools")
endif()

set(METAL_FONT_UI_SOURCE "/usr/share/fonts/opentype/inter/Inter-Regular.otf" CACHE FILEPATH "UI font")
set(METAL_FONT_UI_BOLD_SOURCE "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf" CACHE FILEPATH "UI heading font")
set(METAL_FONT_MONO_SOURCE "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf" CACHE FILEPATH "Monospace font")

# The glyphs ui/fonts.cpp asks for, so the desktop draws what the browser draws. The interface:
# Latin-1 and Latin Extended-A, punctuation, arrows, the euro sign and the few shapes it draws.
set(METAL_FONT_UNICODES
  "U+0020-007E,U+00A0-017F,U+2013-2014,U+2018-201D,U+2022,U+2026,U+20AC,U+2190-2193,U+2212,U+2713,U+2715,U+25B2,U+25B4,U+25BC,U+25BE,U+25CF,U+25CB")
# Ids, addresses and the serial console: Latin-1, the ellipsis, box drawing and blocks.
set(METAL_FONT_UNICODES_MONO "U+0020-007E,U+00A0-00FF,U+2026,U+2500-259F")

set(METAL_FONT_DIR "${CMAKE_BINARY_DIR}/assets/fonts")
file(MAKE_DIRECTORY "${METAL_FONT_DIR}")

function(metal_subset_font out_var source name unicodes)
  if(NOT EXISTS "${source}")
    message(FATAL_ERROR "Font ${source} is missing: './metal setup' installs fonts-inter and fonts-jetbrains-mono")
  endif()
  get_filename_component(ext "${source}" EXT)
  set(subset "${METAL_FONT_DIR}/${name}${ext}")
  add_custom_command(OUTPUT "${subset}"
    COMMAND ${METAL_DEBIAN_PYTHON} -m fontTools.subset "${source}" --output-file=${subset} --unicodes=${unicodes}
            --layout-features= --no-hinting --desubroutinize --name-IDs=1,2
            --drop-tables+=GSUB,GPOS,GDEF,STAT,DSIG,meta
    DEPENDS "${source}" COMMENT "Subsetting ${name} from ${source}" VERBATIM)
  set(${out_var} "${subset}" PARENT_SCOPE)
endfunction()

metal_subset_font(font_ui "${METAL_FONT_UI_SOURCE}" ui_regular "${METAL_FONT_UNICODES}")
metal_subset_font(font_ui_bold "${METAL_FONT_UI_BOLD_SOURCE}" ui_semibold "${METAL_FONT_UNICODES}")
metal_subset_font(font_mono "${METAL_FONT_MONO_SOURCE}" mono_regular "${METAL_FONT_UNICODES_MONO}")

set(METAL_EMBEDDED_FONTS_CPP "${CMAKE_BINARY_DIR}/generated/embedded_fonts.cpp")
set(embedded_fonts "${font_ui}|kFontUiRegular;${font_ui_bold}|kFontUiSemiBold;${font_mono}|kFontMonoRegular")
set(embedded_font_files "${font_ui}" "${font_ui_bold}" "${font_mono}")
add_custom_command(OUTPUT "${METAL_EMBEDDED_FONTS_CPP}"
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${METAL_EMBEDDED_FONTS_CPP} "-DINPUTS=${embedded_fonts}"
          -P "${CMAKE_SOURCE_DIR}/cmake/EmbedFiles.cmake"
  DEPENDS ${embedded_font_files} "${CMAKE_SOURCE_DIR}/cmake/EmbedFiles.cmake"
  COMMENT "Embedding subset fonts" VERBATIM)

# A library in this directory, because a custom command's output is only buildable from targets
# of the directory that declares it.
add_library(metal_fonts STATIC "${METAL_EMBEDDED_FONTS_CPP}")
