#pragma once
// What the commits on `head_ref` since it left `base_ref` did: the ChangeSet
// of `git diff base...head` (merge base to head, renames detected, git's
// default context and indent heuristic), read through libgit2 rather than a
// git process. The pull request view feeds it the target and source branch.
// Thread-safe: each call opens its own repository handle.

#include <string>

#include "core/error.h"
#include "diff/change_set.h"

namespace candor::diff {

// `repo_dir` is the repository or any folder inside it (found by searching
// upwards, as git does). Refs are anything git rev-parse takes: branch and
// tag names, full or abbreviated ids, "HEAD~2", "origin/main^". Errors:
// kInvalidInput when `repo_dir` is in no repository, a ref names no commit,
// or the two have no common ancestor; kIo when libgit2 fails otherwise
// (unreadable objects). Files come in libgit2's order (by path).
core::Result<ChangeSet> ChangesBetweenRefs(const std::string& repo_dir, const std::string& base_ref,
                                           const std::string& head_ref);

}  // namespace candor::diff
