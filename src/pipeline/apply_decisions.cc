#include "pipeline/apply_decisions.h"

namespace candor::pipeline {

store::FindingStatus StatusFor(core::DecisionKind kind) {
  switch (kind) {
    case core::DecisionKind::kAcceptRisk: return store::FindingStatus::kAccepted;
    case core::DecisionKind::kFalsePositive: return store::FindingStatus::kFalsePositive;
    case core::DecisionKind::kMitigatedByControl: return store::FindingStatus::kMitigated;
    case core::DecisionKind::kFixScheduled: return store::FindingStatus::kOpen;
  }
  return store::FindingStatus::kOpen;
}

core::Result<ApplyOutcome> ApplyDecisions(store::Store& store, const std::string& repo,
                                          const decisions::DecisionIndex& index) {
  store::FindingFilter filter;
  filter.repo = repo;
  // Fixed findings keep their history as it was.
  filter.statuses = {store::FindingStatus::kOpen, store::FindingStatus::kAccepted,
                     store::FindingStatus::kFalsePositive, store::FindingStatus::kMitigated};
  auto findings = store.QueryFindings(filter);
  if (!findings) return std::unexpected(std::move(findings.error()));
  ApplyOutcome outcome;
  for (const store::StoredFinding& stored : *findings) {
    auto coverage = index.Find(stored.finding);
    store::FindingStatus status = store::FindingStatus::kOpen;
    std::string decision_id;
    if (coverage && coverage->state == decisions::CoverState::kSuppresses) {
      status = StatusFor(coverage->decision->kind);
      decision_id = coverage->decision->id;
      ++outcome.covered;
    } else if (coverage && coverage->state == decisions::CoverState::kBeyondAuthority) {
      ++outcome.refused;
    }
    if (status == stored.status && decision_id == stored.decision_id) continue;
    if (!stored.decision_id.empty() && decision_id.empty()) ++outcome.reopened;
    if (auto set = store.SetFindingStatus(stored.id, status, decision_id); !set)
      return std::unexpected(set.error());
  }
  return outcome;
}

}  // namespace candor::pipeline
