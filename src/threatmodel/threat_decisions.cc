#include "threatmodel/threat_decisions.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace candor::threatmodel {

ThreatStatus StatusOf(core::DecisionKind kind) {
  switch (kind) {
    case core::DecisionKind::kAcceptRisk: return ThreatStatus::kAccepted;
    case core::DecisionKind::kMitigatedByControl: return ThreatStatus::kMitigated;
    case core::DecisionKind::kFalsePositive: return ThreatStatus::kFalsePositive;
    case core::DecisionKind::kFixScheduled: return ThreatStatus::kFixScheduled;
  }
  return ThreatStatus::kOpen;
}

namespace {

// Why `decision` does not apply to `threat` at `now`, or "" when it does.
std::string Problem(const core::Decision& decision, const Threat& threat,
                    const decisions::RiskAppetite& appetite, core::TimePoint now) {
  if (!core::HoldsAt(decision, now)) {
    return fmt::format("decision {} expired {}", decision.id, core::DaysAgo(*decision.expires, now));
  }
  // The threat's computed severity is what the approver must have authority
  // for: the model, not the record, says how bad the threat is.
  auto allowed = decisions::CheckAuthority(appetite, decision.approver_role, threat.severity, {});
  if (!allowed) return fmt::format("decision {} does not apply: {}", decision.id, allowed.error().message);
  return "";
}

void RecomputeRequirementSeverities(Assessment& assessment) {
  std::unordered_map<std::string_view, const Threat*> by_id;
  for (const Threat& t : assessment.threats) by_id.emplace(t.id, &t);
  for (RequirementResult& r : assessment.requirements) {
    r.severity = core::Severity::kInfo;
    for (const std::string& id : r.threat_ids) {
      auto it = by_id.find(id);
      if (it != by_id.end() && it->second->status == ThreatStatus::kOpen)
        r.severity = std::max(r.severity, it->second->severity);
    }
  }
}

}  // namespace

void ApplyDecisions(Assessment& assessment, const std::vector<core::Decision>& decisions,
                    const decisions::RiskAppetite& appetite, core::TimePoint now) {
  std::vector<const core::Decision*> ordered;
  for (const core::Decision& d : decisions)
    if (!d.scope.threat.empty()) ordered.push_back(&d);
  // Oldest first, so the newest applying decision is the one left standing.
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->created < b->created; });
  std::unordered_map<std::string_view, Threat*> by_id;
  for (Threat& t : assessment.threats) by_id.emplace(t.id, &t);
  for (const core::Decision* d : ordered) {
    auto it = by_id.find(d->scope.threat);
    if (it == by_id.end()) continue;
    Threat& t = *it->second;
    if (std::string problem = Problem(*d, t, appetite, now); !problem.empty()) {
      // Only worth saying while no other decision settles the threat.
      if (t.decision_id.empty()) t.decision_problem = std::move(problem);
      continue;
    }
    t.status = StatusOf(d->kind);
    t.note = d->rationale;
    t.decision_id = d->id;
    t.decision_problem.clear();
  }
  RecomputeRequirementSeverities(assessment);
}

}  // namespace candor::threatmodel
