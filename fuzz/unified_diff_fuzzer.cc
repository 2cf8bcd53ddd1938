// libFuzzer target for ParseUnifiedDiff: any bytes in, a ChangeSet or an
// error out, never a crash, a hang or unbounded memory. A ChangeSet that
// comes out keeps the promises its header makes: added and removed lines
// ascending and inside their hunks, hunks in order, and lookups that answer
// for every file without tripping the sanitizers. Seed corpus:
// tests/data/fuzz-seeds/unified_diff.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diff/unified_diff.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckFile(const candor::diff::ChangeSet& changes, const candor::diff::FileChange& file) {
  for (size_t i = 1; i < file.added_lines.size(); ++i) Check(file.added_lines[i - 1] < file.added_lines[i]);
  for (size_t i = 1; i < file.removed_lines.size(); ++i) {
    Check(file.removed_lines[i - 1] < file.removed_lines[i]);
  }
  for (size_t i = 1; i < file.hunks.size(); ++i)
    Check(file.hunks[i - 1].old_start <= file.hunks[i].old_start);
  Check(!file.old_path.empty() || !file.new_path.empty());
  if (!file.new_path.empty()) {
    Check(changes.FindByNewPath(file.new_path) != nullptr);
    for (int line : file.added_lines) Check(changes.IsChangedLine(file.new_path, line));
  }
  if (!file.old_path.empty()) {
    changes.NewPathOf(file.old_path);
    for (int line : file.removed_lines) {
      // A removed line of the file that decided where the path went maps nowhere.
      if (changes.FindByOldPath(file.old_path) == &file) Check(!changes.NewLineOf(file.old_path, line));
    }
    for (const auto& hunk : file.hunks) {
      for (int line = hunk.old_start; line <= hunk.old_start + hunk.old_count && line - hunk.old_start < 64;
           ++line) {
        auto mapped = changes.NewLineOf(file.old_path, line);
        if (mapped) Check(*mapped >= 1);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto changes = candor::diff::ParseUnifiedDiff(text, "fuzz.diff");
  if (!changes) return 0;
  for (const auto& file : changes->files()) CheckFile(*changes, file);
  return 0;
}
