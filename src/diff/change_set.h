#pragma once
// What a change did to the files of a repository: which files it added,
// deleted, renamed or modified, and which lines of the new version it added.
// Built from a unified diff (unified_diff.h) or from two git refs
// (git_changes.h). The PR view uses it to attribute new findings to the lines
// a change touched, and matching uses renames and line shifts.
// Plain values; thread-safe to share read-only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace candor::diff {

struct Hunk {
  int old_start = 0;  // 1-based; 0 with old_count 0 for a file that did not exist
  int old_count = 0;
  int new_start = 0;
  int new_count = 0;
};

enum class ChangeKind { kModified, kAdded, kDeleted, kRenamed, kCopied };

struct FileChange {
  ChangeKind kind = ChangeKind::kModified;
  std::string old_path;  // repo-relative, '/' separators; empty for an added file
  std::string new_path;  // empty for a deleted file
  bool binary = false;
  std::vector<Hunk> hunks;       // in order, not overlapping
  std::vector<int> added_lines;  // new-side line numbers the change added, ascending
  // Old-side line numbers the change removed, ascending. With added_lines this
  // is what NewLineOf needs to follow a line through a hunk: a hunk's counts
  // alone do not say which of its lines were context.
  std::vector<int> removed_lines;
};

class ChangeSet {
 public:
  ChangeSet() = default;
  explicit ChangeSet(std::vector<FileChange> files);  // indexes them

  const std::vector<FileChange>& files() const { return files_; }

  // The change to the file now at `new_path`, or nullptr when untouched.
  const FileChange* FindByNewPath(std::string_view new_path) const;
  // The change that decided where the file at `old_path` went (modified,
  // renamed or deleted it), or nullptr when none did: untouched, or only
  // copied from (a copy leaves its source in place).
  const FileChange* FindByOldPath(std::string_view old_path) const;
  // Whether line `line` (1-based) of `new_path` was added or modified.
  bool IsChangedLine(std::string_view new_path, int line) const;
  // Where `old_path` went: its new path (itself when kept, renamed target
  // when renamed), or nullopt when the change deleted it.
  std::optional<std::string> NewPathOf(std::string_view old_path) const;
  // The line in the new version that line `old_line` of `old_path` became,
  // or nullopt when the change removed it. Untouched files map to themselves.
  // Also nullopt for a line number below 1, a deleted file, and a binary
  // file whose content changed (it has no lines to follow).
  std::optional<int> NewLineOf(std::string_view old_path, int old_line) const;

 private:
  std::vector<FileChange> files_;
  // sorted indexes into files_ (by new path, by old path) for lookups
  std::vector<uint32_t> by_new_path_;
  std::vector<uint32_t> by_old_path_;
};

}  // namespace candor::diff
