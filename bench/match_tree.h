#pragma once
// The virtual source tree of the matching benchmark, before and after a change
// (internal to match_pair_generator and match_diff).

#include <cstdint>
#include <string>
#include <vector>

#include "match_code_model.h"

namespace candor::bench {

struct Slot {
  uint64_t code = 0;     // see match_code_model.h
  uint32_t uid = 0;      // stable identity of this line across the change
  uint32_t finding = 0;  // 1 + index of the finding that starts here, or 0
  uint8_t indent = 0;    // leading spaces
};

// Replaces old lines [begin, end) with `insert`: an insertion when begin == end.
struct Op {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::vector<Slot> insert;
};

struct TreeFile {
  std::string old_path;
  std::string new_path;  // == old_path unless renamed
  Language language = Language::kPython;
  std::vector<Slot> old_slots;  // empty when added
  std::vector<Slot> new_slots;  // empty when deleted
  std::vector<Op> ops;          // sorted, disjoint, at least one line apart
  bool added = false;
  bool deleted = false;

  bool renamed() const { return !added && !deleted && old_path != new_path; }
  bool changed() const { return added || deleted || renamed() || !ops.empty(); }
};

inline std::string LineText(const Slot& slot, Language language) {
  return std::string(slot.indent, ' ') + RenderCode(slot.code, language);
}

// Text of a file, one '\n' after every line.
std::string FileText(const std::vector<Slot>& slots, Language language);

// `git diff -M` of every changed file, in the order given.
std::string WriteUnifiedDiff(const std::vector<TreeFile>& files);

}  // namespace candor::bench
