#pragma once
// libgit2, loaded the first time a command reads git refs instead of linked
// into candor. Linked, it and the fourteen libraries it needs (Kerberos,
// TLS, SSH) were mapped and relocated at every start: 4 of the 9 ms that
// `candor --version` took, paid by every `candor check` and `candor match`
// though few of them read a repository.
//
// The functions are the installed headers' own declarations (decltype), so
// a call is type-checked as a linked one is; the library is the one with the
// headers' soname (libgit2.so.LIBGIT2_SOVERSION), as the linker would pick.

#include <git2.h>

#include "core/error.h"

namespace candor::diff {

// Every libgit2 function candor calls, without its git_ prefix.
// clang-format off
#define CANDOR_LIBGIT2_FUNCTIONS(X) \
  X(libgit2_init) \
  X(libgit2_shutdown) \
  X(error_last) \
  X(repository_open_ext) \
  X(repository_free) \
  X(revparse_single) \
  X(object_peel) \
  X(object_free) \
  X(commit_lookup) \
  X(commit_tree) \
  X(commit_id) \
  X(commit_free) \
  X(tree_free) \
  X(merge_base) \
  X(diff_options_init) \
  X(diff_tree_to_tree) \
  X(diff_find_options_init) \
  X(diff_find_similar) \
  X(diff_num_deltas) \
  X(diff_get_delta) \
  X(diff_free) \
  X(patch_from_diff) \
  X(patch_get_delta) \
  X(patch_num_hunks) \
  X(patch_get_hunk) \
  X(patch_get_line_in_hunk) \
  X(patch_free)
// clang-format on

struct Libgit2 {
#define CANDOR_LIBGIT2_MEMBER(name) decltype(&::git_##name) name = nullptr;
  CANDOR_LIBGIT2_FUNCTIONS(CANDOR_LIBGIT2_MEMBER)
#undef CANDOR_LIBGIT2_MEMBER
};

// The library, loaded and initialized (git_libgit2_init) on the first call,
// shut down at exit. kIo naming the library when it cannot be loaded or
// lacks a function. Thread-safe.
core::Result<const Libgit2*> LoadLibgit2();

}  // namespace candor::diff
