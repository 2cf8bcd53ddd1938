#include "diff/git_changes.h"

#include <fmt/format.h>
#include <git2.h>

#include <memory>
#include <utility>
#include <vector>

namespace candor::diff {
namespace {

using core::ErrorCode;

// libgit2's global state, set up on first use and torn down at exit. The
// function-local static makes the first call thread-safe.
void EnsureLibgit2() {
  struct Library {
    Library() { git_libgit2_init(); }
    ~Library() { git_libgit2_shutdown(); }
  };
  static Library library;
}

// Owning pointers that free each libgit2 object with its own function.
template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;
using Repository = Owned<git_repository, git_repository_free>;
using Object = Owned<git_object, git_object_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Diff = Owned<git_diff, git_diff_free>;
using Patch = Owned<git_patch, git_patch_free>;

std::string LastError() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

std::unexpected<core::Error> Failed(ErrorCode code, std::string what, const std::string& where) {
  return core::Fail(code, fmt::format("{}: {}", what, LastError()), where);
}

core::Result<Commit> ResolveCommit(git_repository* repo, const std::string& ref, const std::string& where) {
  git_object* found = nullptr;
  if (git_revparse_single(&found, repo, ref.c_str()) != 0) {
    return Failed(ErrorCode::kInvalidInput, fmt::format("unknown ref '{}'", ref), where);
  }
  Object object(found);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
    return Failed(ErrorCode::kInvalidInput, fmt::format("ref '{}' names no commit", ref), where);
  }
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

core::Result<Tree> TreeOf(git_repository* repo, const git_oid& id, const std::string& where) {
  git_commit* commit = nullptr;
  if (git_commit_lookup(&commit, repo, &id) != 0) return Failed(ErrorCode::kIo, "cannot read commit", where);
  Commit owned(commit);
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, owned.get()) != 0) return Failed(ErrorCode::kIo, "cannot read tree", where);
  return Tree(tree);
}

ChangeKind KindOf(git_delta_t status) {
  switch (status) {
    case GIT_DELTA_ADDED: return ChangeKind::kAdded;
    case GIT_DELTA_DELETED: return ChangeKind::kDeleted;
    case GIT_DELTA_RENAMED: return ChangeKind::kRenamed;
    case GIT_DELTA_COPIED: return ChangeKind::kCopied;
    default: return ChangeKind::kModified;
  }
}

// One delta of the diff as a FileChange: its hunks, and the line numbers of
// every added and removed line.
core::Result<FileChange> ChangeOf(git_diff* diff, size_t index, const std::string& where) {
  git_patch* raw = nullptr;
  if (git_patch_from_diff(&raw, diff, index) != 0) return Failed(ErrorCode::kIo, "cannot diff a file", where);
  Patch patch(raw);
  // A binary delta may come without a patch; its flags are set either way.
  const git_diff_delta* delta = patch ? git_patch_get_delta(patch.get()) : git_diff_get_delta(diff, index);
  FileChange change;
  change.kind = KindOf(delta->status);
  if (change.kind != ChangeKind::kAdded) change.old_path = delta->old_file.path;
  if (change.kind != ChangeKind::kDeleted) change.new_path = delta->new_file.path;
  change.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
  if (!patch || change.binary) return change;

  for (size_t h = 0; h < git_patch_num_hunks(patch.get()); ++h) {
    const git_diff_hunk* hunk = nullptr;
    size_t line_count = 0;
    if (git_patch_get_hunk(&hunk, &line_count, patch.get(), h) != 0) {
      return Failed(ErrorCode::kIo, "cannot read a hunk", where);
    }
    change.hunks.push_back(Hunk{hunk->old_start, hunk->old_lines, hunk->new_start, hunk->new_lines});
    for (size_t l = 0; l < line_count; ++l) {
      const git_diff_line* line = nullptr;
      if (git_patch_get_line_in_hunk(&line, patch.get(), h, l) != 0) {
        return Failed(ErrorCode::kIo, "cannot read a line", where);
      }
      if (line->origin == GIT_DIFF_LINE_ADDITION) change.added_lines.push_back(line->new_lineno);
      if (line->origin == GIT_DIFF_LINE_DELETION) change.removed_lines.push_back(line->old_lineno);
    }
  }
  return change;
}

}  // namespace

core::Result<ChangeSet> ChangesBetweenRefs(const std::string& repo_dir, const std::string& base_ref,
                                           const std::string& head_ref) {
  EnsureLibgit2();
  const std::string& where = repo_dir;
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, repo_dir.c_str(), 0, nullptr) != 0) {
    return Failed(ErrorCode::kInvalidInput, "not a git repository", where);
  }
  Repository repo(raw_repo);

  auto base = ResolveCommit(repo.get(), base_ref, where);
  if (!base) return std::unexpected(base.error());
  auto head = ResolveCommit(repo.get(), head_ref, where);
  if (!head) return std::unexpected(head.error());

  git_oid merge_base;
  if (git_merge_base(&merge_base, repo.get(), git_commit_id(base->get()), git_commit_id(head->get())) != 0) {
    return Failed(ErrorCode::kInvalidInput,
                  fmt::format("'{}' and '{}' have no common ancestor", base_ref, head_ref), where);
  }
  auto old_tree = TreeOf(repo.get(), merge_base, where);
  if (!old_tree) return std::unexpected(old_tree.error());
  auto new_tree = TreeOf(repo.get(), *git_commit_id(head->get()), where);
  if (!new_tree) return std::unexpected(new_tree.error());

  // As `git diff` does by default: three lines of context, the indent
  // heuristic (git's default since 2.14), renames at 50% similarity.
  git_diff_options options;
  git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.flags |= GIT_DIFF_INDENT_HEURISTIC;
  git_diff* raw_diff = nullptr;
  if (git_diff_tree_to_tree(&raw_diff, repo.get(), old_tree->get(), new_tree->get(), &options) != 0) {
    return Failed(ErrorCode::kIo, "cannot diff the trees", where);
  }
  Diff diff(raw_diff);
  git_diff_find_options find;
  git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_find_similar(diff.get(), &find) != 0) {
    return Failed(ErrorCode::kIo, "cannot detect renames", where);
  }

  std::vector<FileChange> files;
  size_t count = git_diff_num_deltas(diff.get());
  files.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto change = ChangeOf(diff.get(), i, where);
    if (!change) return std::unexpected(change.error());
    files.push_back(std::move(*change));
  }
  return ChangeSet(std::move(files));
}

}  // namespace candor::diff
