#include "diff/change_set.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace candor::diff {
namespace {

// First old line after the hunk, and first new line after it. A range with a
// count of 0 names the line *before* the empty range (`@@ -5,0 +6,2 @@`
// inserts after old line 5), so its end is start + 1.
// In 64 bits: line numbers near INT_MAX must not overflow on the way.
int64_t OldEnd(const Hunk& h) {
  return int64_t{h.old_start} + (h.old_count > 0 ? h.old_count : 1);
}
int64_t NewEnd(const Hunk& h) {
  return int64_t{h.new_start} + (h.new_count > 0 ? h.new_count : 1);
}
// First old line the hunk covers; equal to OldEnd for a pure insertion.
int64_t OldBegin(const Hunk& h) {
  return h.old_count > 0 ? h.old_start : int64_t{h.old_start} + 1;
}

bool IsCopy(const FileChange& f) {
  return f.kind == ChangeKind::kCopied;
}

}  // namespace

ChangeSet::ChangeSet(std::vector<FileChange> files) : files_(std::move(files)) {
  for (uint32_t i = 0; i < files_.size(); ++i) {
    if (!files_[i].new_path.empty()) by_new_path_.push_back(i);
    if (!files_[i].old_path.empty()) by_old_path_.push_back(i);
  }
  std::stable_sort(by_new_path_.begin(), by_new_path_.end(),
                   [&](uint32_t a, uint32_t b) { return files_[a].new_path < files_[b].new_path; });
  // Among changes leaving the same old path, the one that decides where it
  // went (modified, renamed, deleted) sorts before copies, which leave the
  // source in place.
  std::stable_sort(by_old_path_.begin(), by_old_path_.end(), [&](uint32_t a, uint32_t b) {
    const FileChange& x = files_[a];
    const FileChange& y = files_[b];
    if (x.old_path != y.old_path) return x.old_path < y.old_path;
    return !IsCopy(x) && IsCopy(y);
  });
}

const FileChange* ChangeSet::FindByNewPath(std::string_view new_path) const {
  auto it = std::lower_bound(by_new_path_.begin(), by_new_path_.end(), new_path,
                             [&](uint32_t i, std::string_view path) { return files_[i].new_path < path; });
  if (it == by_new_path_.end() || files_[*it].new_path != new_path) return nullptr;
  return &files_[*it];
}

const FileChange* ChangeSet::FindByOldPath(std::string_view old_path) const {
  auto it = std::lower_bound(by_old_path_.begin(), by_old_path_.end(), old_path,
                             [&](uint32_t i, std::string_view path) { return files_[i].old_path < path; });
  if (it == by_old_path_.end() || files_[*it].old_path != old_path) return nullptr;
  // Copies sort last: a copy found first means nothing else touched the source.
  if (IsCopy(files_[*it])) return nullptr;
  return &files_[*it];
}

bool ChangeSet::IsChangedLine(std::string_view new_path, int line) const {
  const FileChange* change = FindByNewPath(new_path);
  if (change == nullptr) return false;
  return std::binary_search(change->added_lines.begin(), change->added_lines.end(), line);
}

std::optional<std::string> ChangeSet::NewPathOf(std::string_view old_path) const {
  const FileChange* change = FindByOldPath(old_path);
  if (change == nullptr) return std::string(old_path);
  if (change->kind == ChangeKind::kDeleted) return std::nullopt;
  return change->new_path;
}

std::optional<int> ChangeSet::NewLineOf(std::string_view old_path, int old_line) const {
  if (old_line < 1) return std::nullopt;
  const FileChange* change = FindByOldPath(old_path);
  if (change == nullptr) return old_line;
  if (change->kind == ChangeKind::kDeleted || change->binary) return std::nullopt;
  const auto& removed = change->removed_lines;
  if (std::binary_search(removed.begin(), removed.end(), old_line)) return std::nullopt;

  // The last hunk starting at or before the line decides: after it, the line
  // moved by that hunk's cumulative shift; inside it, the line is context.
  const auto& hunks = change->hunks;
  auto after = std::partition_point(hunks.begin(), hunks.end(),
                                    [&](const Hunk& h) { return OldBegin(h) <= old_line; });
  if (after == hunks.begin()) return old_line;
  const Hunk& hunk = *(after - 1);
  if (old_line >= OldEnd(hunk)) {
    int64_t line = old_line + (NewEnd(hunk) - OldEnd(hunk));
    if (line < 1 || line > std::numeric_limits<int>::max()) return std::nullopt;
    return static_cast<int>(line);
  }

  // Context lines pair up in order on both sides: the line is the k-th
  // context line of the hunk, and the new side's k-th non-added line.
  auto removed_before = std::lower_bound(removed.begin(), removed.end(), old_line) -
                        std::lower_bound(removed.begin(), removed.end(), hunk.old_start);
  int k = old_line - hunk.old_start - static_cast<int>(removed_before);
  int line = hunk.new_start + k;
  const auto& added = change->added_lines;
  for (auto it = std::lower_bound(added.begin(), added.end(), hunk.new_start); it != added.end(); ++it) {
    if (*it > line) break;
    ++line;
  }
  return line;
}

}  // namespace candor::diff
