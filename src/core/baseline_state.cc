#include "core/baseline_state.h"

namespace candor::core {

std::string_view ToString(BaselineState state) {
  switch (state) {
    case BaselineState::kNew: return "new";
    case BaselineState::kUnchanged: return "unchanged";
    case BaselineState::kUpdated: return "updated";
    case BaselineState::kAbsent: return "absent";
  }
  return "new";
}

std::optional<BaselineState> ParseBaselineState(std::string_view name) {
  for (BaselineState state :
       {BaselineState::kNew, BaselineState::kUnchanged, BaselineState::kUpdated, BaselineState::kAbsent}) {
    if (ToString(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace candor::core
