#include "diff/git_changes.h"

#include <fmt/format.h>

#include <memory>
#include <utility>
#include <vector>

#include "diff/libgit2.h"

namespace candor::diff {
namespace {

using core::ErrorCode;

// Owning pointers that free each libgit2 object with its own function.
template <class T>
using Owned = std::unique_ptr<T, void (*)(T*)>;
using Repository = Owned<git_repository>;
using Object = Owned<git_object>;
using Commit = Owned<git_commit>;
using Tree = Owned<git_tree>;
using Diff = Owned<git_diff>;
using Patch = Owned<git_patch>;

std::string LastError(const Libgit2& git) {
  const git_error* error = git.error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

std::unexpected<core::Error> Failed(const Libgit2& git, ErrorCode code, std::string what,
                                    const std::string& where) {
  return core::Fail(code, fmt::format("{}: {}", what, LastError(git)), where);
}

core::Result<Commit> ResolveCommit(const Libgit2& git, git_repository* repo, const std::string& ref,
                                   const std::string& where) {
  git_object* found = nullptr;
  if (git.revparse_single(&found, repo, ref.c_str()) != 0) {
    return Failed(git, ErrorCode::kInvalidInput, fmt::format("unknown ref '{}'", ref), where);
  }
  Object object(found, git.object_free);
  git_object* peeled = nullptr;
  if (git.object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
    return Failed(git, ErrorCode::kInvalidInput, fmt::format("ref '{}' names no commit", ref), where);
  }
  return Commit(reinterpret_cast<git_commit*>(peeled), git.commit_free);
}

core::Result<Tree> TreeOf(const Libgit2& git, git_repository* repo, const git_oid& id,
                          const std::string& where) {
  git_commit* commit = nullptr;
  if (git.commit_lookup(&commit, repo, &id) != 0)
    return Failed(git, ErrorCode::kIo, "cannot read commit", where);
  Commit owned(commit, git.commit_free);
  git_tree* tree = nullptr;
  if (git.commit_tree(&tree, owned.get()) != 0) return Failed(git, ErrorCode::kIo, "cannot read tree", where);
  return Tree(tree, git.tree_free);
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
core::Result<FileChange> ChangeOf(const Libgit2& git, git_diff* diff, size_t index,
                                  const std::string& where) {
  git_patch* raw = nullptr;
  if (git.patch_from_diff(&raw, diff, index) != 0)
    return Failed(git, ErrorCode::kIo, "cannot diff a file", where);
  Patch patch(raw, git.patch_free);
  // A binary delta may come without a patch; its flags are set either way.
  const git_diff_delta* delta = patch ? git.patch_get_delta(patch.get()) : git.diff_get_delta(diff, index);
  FileChange change;
  change.kind = KindOf(delta->status);
  if (change.kind != ChangeKind::kAdded) change.old_path = delta->old_file.path;
  if (change.kind != ChangeKind::kDeleted) change.new_path = delta->new_file.path;
  change.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
  if (!patch || change.binary) return change;

  for (size_t h = 0; h < git.patch_num_hunks(patch.get()); ++h) {
    const git_diff_hunk* hunk = nullptr;
    size_t line_count = 0;
    if (git.patch_get_hunk(&hunk, &line_count, patch.get(), h) != 0) {
      return Failed(git, ErrorCode::kIo, "cannot read a hunk", where);
    }
    change.hunks.push_back(Hunk{hunk->old_start, hunk->old_lines, hunk->new_start, hunk->new_lines});
    for (size_t l = 0; l < line_count; ++l) {
      const git_diff_line* line = nullptr;
      if (git.patch_get_line_in_hunk(&line, patch.get(), h, l) != 0) {
        return Failed(git, ErrorCode::kIo, "cannot read a line", where);
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
  auto loaded = LoadLibgit2();
  if (!loaded) return std::unexpected(loaded.error());
  const Libgit2& git = **loaded;
  const std::string& where = repo_dir;
  git_repository* raw_repo = nullptr;
  if (git.repository_open_ext(&raw_repo, repo_dir.c_str(), 0, nullptr) != 0) {
    return Failed(git, ErrorCode::kInvalidInput, "not a git repository", where);
  }
  Repository repo(raw_repo, git.repository_free);

  auto base = ResolveCommit(git, repo.get(), base_ref, where);
  if (!base) return std::unexpected(base.error());
  auto head = ResolveCommit(git, repo.get(), head_ref, where);
  if (!head) return std::unexpected(head.error());

  git_oid merge_base;
  if (git.merge_base(&merge_base, repo.get(), git.commit_id(base->get()), git.commit_id(head->get())) != 0) {
    return Failed(git, ErrorCode::kInvalidInput,
                  fmt::format("'{}' and '{}' have no common ancestor", base_ref, head_ref), where);
  }
  auto old_tree = TreeOf(git, repo.get(), merge_base, where);
  if (!old_tree) return std::unexpected(old_tree.error());
  auto new_tree = TreeOf(git, repo.get(), *git.commit_id(head->get()), where);
  if (!new_tree) return std::unexpected(new_tree.error());

  // As `git diff` does by default: three lines of context, the indent
  // heuristic (git's default since 2.14), renames at 50% similarity.
  git_diff_options options;
  git.diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.flags |= GIT_DIFF_INDENT_HEURISTIC;
  git_diff* raw_diff = nullptr;
  if (git.diff_tree_to_tree(&raw_diff, repo.get(), old_tree->get(), new_tree->get(), &options) != 0) {
    return Failed(git, ErrorCode::kIo, "cannot diff the trees", where);
  }
  Diff diff(raw_diff, git.diff_free);
  git_diff_find_options find;
  git.diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git.diff_find_similar(diff.get(), &find) != 0) {
    return Failed(git, ErrorCode::kIo, "cannot detect renames", where);
  }

  std::vector<FileChange> files;
  size_t count = git.diff_num_deltas(diff.get());
  files.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto change = ChangeOf(git, diff.get(), i, where);
    if (!change) return std::unexpected(change.error());
    files.push_back(std::move(*change));
  }
  return ChangeSet(std::move(files));
}

}  // namespace candor::diff
