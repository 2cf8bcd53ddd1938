# Every dependency comes from Debian's packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(simdjson REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json REQUIRED)
# Hash tables of 100,000 entries built and searched per match (absl::flat_hash_map).
find_package(absl REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
if(CANDOR_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CANDOR_BENCH)
  find_package(benchmark REQUIRED)
endif()
# Only its headers: candor loads libgit2 when it first reads git refs (src/diff/libgit2.h).
pkg_check_modules(LIBGIT2 REQUIRED libgit2)
# Markdown (postmortems): cmark-gfm with its table extension.
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(GRAPHVIZ REQUIRED IMPORTED_TARGET libgvc libcgraph)

# SQLite, OpenSSL's libcrypto and Lua are linked from Debian's static archives:
# each shared library is mapped and relocated at every start, and these three
# cost candor --version 3 of its 6 ms.
set(_candor_library_suffixes ${CMAKE_FIND_LIBRARY_SUFFIXES})
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
set(OPENSSL_USE_STATIC_LIBS TRUE)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(LUA REQUIRED IMPORTED_TARGET lua5.4)
set(CMAKE_FIND_LIBRARY_SUFFIXES ${_candor_library_suffixes})
