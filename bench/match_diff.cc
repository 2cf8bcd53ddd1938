// The unified diff (git format) of the benchmark's change, written from the
// edit operations themselves so it describes exactly the lines they touch.

#include <fmt/format.h>

#include <algorithm>

#include "match_tree.h"

namespace candor::bench {
namespace {

constexpr uint32_t kContext = 3;

// A stand-in for a blob id: only its shape matters to diff readers.
std::string BlobId(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return fmt::format("{:07x}", h & 0xfffffff);
}

// "start,count" of a hunk side; git writes "start" alone when count is 1, and
// the line before the hunk when count is 0.
std::string Range(uint32_t first, uint32_t count) {
  if (count == 1) return fmt::format("{}", first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

void WriteLines(std::string& out, char sign, const std::vector<Slot>& slots, Language language) {
  for (const Slot& slot : slots) {
    out += sign;
    out += LineText(slot, language);
    out += '\n';
  }
}

void WriteHunks(std::string& out, const TreeFile& file) {
  const auto& old_slots = file.old_slots;
  const auto n = static_cast<uint32_t>(old_slots.size());
  int64_t delta = 0;  // new line index - old line index before the current group
  for (size_t g = 0; g < file.ops.size();) {
    size_t last = g;
    while (last + 1 < file.ops.size() && file.ops[last + 1].begin - file.ops[last].end <= 2 * kContext)
      ++last;
    uint32_t old_begin = file.ops[g].begin > kContext ? file.ops[g].begin - kContext : 0;
    uint32_t old_end = std::min(n, file.ops[last].end + kContext);
    int64_t group_delta = 0;
    for (size_t i = g; i <= last; ++i) {
      group_delta += static_cast<int64_t>(file.ops[i].insert.size()) - (file.ops[i].end - file.ops[i].begin);
    }
    uint32_t old_count = old_end - old_begin;
    auto new_begin = static_cast<uint32_t>(old_begin + delta);
    auto new_count = static_cast<uint32_t>(old_count + group_delta);
    fmt::format_to(std::back_inserter(out), "@@ -{} +{} @@\n", Range(old_begin, old_count),
                   Range(new_begin, new_count));
    uint32_t line = old_begin;
    for (size_t i = g; i <= last; ++i) {
      const Op& op = file.ops[i];
      for (; line < op.begin; ++line) out += ' ' + LineText(old_slots[line], file.language) + '\n';
      for (; line < op.end; ++line) out += '-' + LineText(old_slots[line], file.language) + '\n';
      WriteLines(out, '+', op.insert, file.language);
    }
    for (; line < old_end; ++line) out += ' ' + LineText(old_slots[line], file.language) + '\n';
    delta += group_delta;
    g = last + 1;
  }
}

}  // namespace

std::string FileText(const std::vector<Slot>& slots, Language language) {
  std::string text;
  for (const Slot& slot : slots) text += LineText(slot, language) + '\n';
  return text;
}

std::string WriteUnifiedDiff(const std::vector<TreeFile>& files) {
  std::string out;
  for (const TreeFile& file : files) {
    if (!file.changed()) continue;
    const std::string& a = file.added ? file.new_path : file.old_path;
    const std::string& b = file.deleted ? file.old_path : file.new_path;
    fmt::format_to(std::back_inserter(out), "diff --git a/{} b/{}\n", a, b);
    std::string old_id = file.added ? "0000000" : BlobId(FileText(file.old_slots, file.language));
    std::string new_id = file.deleted ? "0000000" : BlobId(FileText(file.new_slots, file.language));
    if (file.added) {
      fmt::format_to(std::back_inserter(out), "new file mode 100644\nindex {}..{}\n--- /dev/null\n+++ b/{}\n",
                     old_id, new_id, b);
      fmt::format_to(std::back_inserter(out), "@@ -0,0 +{} @@\n",
                     Range(0, static_cast<uint32_t>(file.new_slots.size())));
      WriteLines(out, '+', file.new_slots, file.language);
      continue;
    }
    if (file.deleted) {
      fmt::format_to(std::back_inserter(out),
                     "deleted file mode 100644\nindex {}..{}\n--- a/{}\n+++ /dev/null\n", old_id, new_id, a);
      fmt::format_to(std::back_inserter(out), "@@ -{} +0,0 @@\n",
                     Range(0, static_cast<uint32_t>(file.old_slots.size())));
      WriteLines(out, '-', file.old_slots, file.language);
      continue;
    }
    if (file.renamed()) {
      size_t touched = 0;
      for (const Op& op : file.ops) touched += std::max<size_t>(op.end - op.begin, op.insert.size());
      size_t similarity =
          100 - std::min<size_t>(50, touched * 100 / std::max<size_t>(1, file.old_slots.size()));
      fmt::format_to(std::back_inserter(out), "similarity index {}%\nrename from {}\nrename to {}\n",
                     similarity, a, b);
      if (file.ops.empty()) continue;
    }
    fmt::format_to(std::back_inserter(out), "index {}..{} 100644\n--- a/{}\n+++ b/{}\n", old_id, new_id, a,
                   b);
    WriteHunks(out, file);
  }
  return out;
}

}  // namespace candor::bench
