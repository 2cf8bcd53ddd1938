# Warnings apply to Candor's own targets only (third-party headers are SYSTEM).
add_library(candor_warnings INTERFACE)
target_compile_options(candor_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wno-missing-field-initializers
  $<$<BOOL:${CANDOR_WERROR}>:-Werror>)
option(CANDOR_WERROR "Treat warnings as errors" OFF)

# Every module target calls this so options and include roots stay the same everywhere.
function(candor_module target)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PRIVATE candor_warnings)
endfunction()
