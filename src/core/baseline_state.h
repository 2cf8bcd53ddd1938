#pragma once
// How a result relates to a baseline, with SARIF 2.1.0's names
// (result.baselineState): matching computes it, guardrails and the PR view
// read it. Plain values; thread-safe.

#include <optional>
#include <string_view>

namespace candor::core {

enum class BaselineState {
  kNew,        // in the current scan only: the change introduced it
  kUnchanged,  // in both, the same
  kUpdated,    // in both, but its severity or message changed
  kAbsent,     // in the baseline only: fixed (or its code removed)
};

std::string_view ToString(BaselineState state);  // "new", "unchanged", "updated", "absent"
std::optional<BaselineState> ParseBaselineState(std::string_view name);

}  // namespace candor::core
