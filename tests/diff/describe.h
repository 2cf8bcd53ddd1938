#pragma once
// One line of text per file change, so tests compare whole ChangeSets and a
// mismatch prints readably. Pure functions.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

#include "diff/change_set.h"

namespace candor::diff::testing {

inline const char* KindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kModified: return "modified";
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kDeleted: return "deleted";
    case ChangeKind::kRenamed: return "renamed";
    case ChangeKind::kCopied: return "copied";
  }
  return "?";
}

inline std::string Describe(const FileChange& f) {
  std::string hunks;
  for (const Hunk& h : f.hunks)
    hunks += fmt::format(" @@-{},{}+{},{}", h.old_start, h.old_count, h.new_start, h.new_count);
  return fmt::format("{} '{}' -> '{}'{}{} +[{}] -[{}]", KindName(f.kind), f.old_path, f.new_path,
                     f.binary ? " binary" : "", hunks, fmt::join(f.added_lines, ","),
                     fmt::join(f.removed_lines, ","));
}

// Every file of the set, described, sorted (libgit2 and git order renames differently).
inline std::vector<std::string> DescribeAll(const ChangeSet& changes) {
  std::vector<std::string> out;
  for (const FileChange& f : changes.files()) out.push_back(Describe(f));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace candor::diff::testing
