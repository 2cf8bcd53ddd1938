#pragma once
// Compares the findings of a current scan with those of a baseline scan of
// the same code base (an earlier commit) and says, for each, SARIF's
// baselineState: new, unchanged, updated, or (baseline only) absent.
//
// Findings must carry identities (IdentityAssigner, one per run and side).
// Matching goes in passes, each over what the earlier ones left:
//   1. the same identity, once on each side: the same finding;
//   2. the same identity several times (identical code repeated): paired by
//      the line each baseline finding is expected at now, from the change's
//      line map when a diff is known, else from the shift of nearby pass-1
//      pairs in the same file ("anchors");
//   3. renamed files: the same path-free key, from a path that no longer has
//      findings to one that had none (or as the diff's renames say);
//   4. the same rule in the same file near the expected line, with the same
//      masked message or the same snippet: code edited around a finding.
// With a diff, a pass-1 pair is split again when the current finding is on a
// line the change added while the baseline one's line still exists elsewhere:
// a finding fixed in one place and the same code introduced in another.
// Thread-safe: a pure function.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/baseline_state.h"
#include "core/finding.h"
#include "diff/change_set.h"
#include "match/comparable.h"

namespace candor::match {

struct MatchOptions {
  // What the change did (renames, line shifts), when known; nullptr otherwise.
  const diff::ChangeSet* changes = nullptr;
};

struct BaselineComparison {
  std::vector<core::BaselineState> current_states;     // one per current finding
  std::vector<std::optional<size_t>> current_matches;  // the baseline finding each continues
  std::vector<size_t> absent;                          // baseline findings not seen now, ascending
};

BaselineComparison CompareWithBaseline(std::span<const Comparable> baseline,
                                       std::span<const Comparable> current, const MatchOptions& options = {});
// The same over findings (ComparableOf each).
BaselineComparison CompareWithBaseline(std::span<const core::Finding> baseline,
                                       std::span<const core::Finding> current,
                                       const MatchOptions& options = {});

}  // namespace candor::match
