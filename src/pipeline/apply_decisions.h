#pragma once
// Applies the team's risk decisions to the recorded findings of a repo:
// a covered finding takes the decision's status (accepted, false_positive,
// mitigated; a scheduled fix stays open but remembers the decision for its
// due date), and a finding whose decision expired, was revoked or exceeds
// its approver's authority is open again. The finding stays listed either
// way: a decision explains a finding, it never hides it.

#include <cstddef>
#include <string>

#include "core/error.h"
#include "decisions/coverage.h"
#include "store/store.h"

namespace candor::pipeline {

struct ApplyOutcome {
  size_t covered = 0;   // findings a decision in force covers
  size_t reopened = 0;  // findings whose decision no longer holds, now open again
  size_t refused = 0;   // covered by a decision beyond its approver's authority
};

// Errors: the store's. The caller owns the transaction.
core::Result<ApplyOutcome> ApplyDecisions(store::Store& store, const std::string& repo,
                                          const decisions::DecisionIndex& index);

// The status a decision of `kind` in force gives a finding.
store::FindingStatus StatusFor(core::DecisionKind kind);

}  // namespace candor::pipeline
