#include "decisions/coverage.h"

#include <fmt/format.h>

#include "core/text.h"

namespace candor::decisions {
namespace {

bool ToolMatches(const core::DecisionScope& scope, const core::Finding& finding) {
  return scope.tool.empty() || core::EqualsIgnoreCase(scope.tool, finding.tool);
}

// Suppressing beats not suppressing; an identity beats a rule scope; newer beats older.
bool Better(const Coverage& candidate, const Coverage& current) {
  bool candidate_on = candidate.state == CoverState::kSuppresses;
  bool current_on = current.state == CoverState::kSuppresses;
  if (candidate_on != current_on) return candidate_on;
  bool candidate_exact = !candidate.decision->scope.identity.empty();
  bool current_exact = !current.decision->scope.identity.empty();
  if (candidate_exact != current_exact) return candidate_exact;
  return candidate.decision->created > current.decision->created;
}

}  // namespace

core::Result<DecisionIndex> DecisionIndex::Create(std::vector<core::Decision> decisions,
                                                  RiskAppetite appetite, ServiceContext service,
                                                  core::TimePoint now) {
  DecisionIndex index;
  index.decisions_ = std::move(decisions);
  index.appetite_ = std::move(appetite);
  index.service_ = std::move(service);
  index.now_ = now;
  for (size_t i = 0; i < index.decisions_.size(); ++i) {
    const core::Decision& decision = index.decisions_[i];
    if (decision.scope.rule.empty()) continue;
    auto rule = core::Glob::Compile(decision.scope.rule);
    auto path = core::Glob::Compile(decision.scope.path.empty() ? "**" : decision.scope.path);
    if (!rule || !path) {
      return core::Fail(core::ErrorCode::kInvalidInput,
                        fmt::format("decision {}: {}", decision.id, (!rule ? rule : path).error().message),
                        decision.origin);
    }
    index.rule_scopes_.push_back({i, std::move(*rule), std::move(*path)});
  }
  return index;
}

Coverage DecisionIndex::Judge(const core::Decision& decision, const core::Finding& finding) const {
  Coverage coverage{&decision, CoverState::kSuppresses, {}};
  if (!core::HoldsAt(decision, now_)) {
    coverage.state = CoverState::kExpired;
    coverage.note = fmt::format("decision {} expired {} ({}); the finding counts as open again", decision.id,
                                core::DaysAgo(*decision.expires, now_), core::FormatDate(*decision.expires));
    return coverage;
  }
  if (auto authority = CheckAuthority(appetite_, decision.approver_role, finding.severity, service_);
      !authority) {
    coverage.state = CoverState::kBeyondAuthority;
    coverage.note = fmt::format("decision {} does not cover this {} finding: {}", decision.id,
                                core::ToString(finding.severity), authority.error().message);
  }
  return coverage;
}

std::optional<Coverage> DecisionIndex::Find(const core::Finding& finding) const {
  std::optional<Coverage> best;
  auto consider = [&](const core::Decision& decision) {
    Coverage candidate = Judge(decision, finding);
    if (!best || Better(candidate, *best)) best = candidate;
  };
  if (!finding.identity.empty()) {
    for (const core::Decision& decision : decisions_) {
      if (decision.scope.identity == finding.identity && ToolMatches(decision.scope, finding))
        consider(decision);
    }
  }
  for (const RuleScope& scope : rule_scopes_) {
    const core::Decision& decision = decisions_[scope.decision];
    if (ToolMatches(decision.scope, finding) && scope.rule.Matches(finding.rule_id) &&
        scope.path.Matches(finding.path)) {
      consider(decision);
    }
  }
  return best;
}

core::Suppression SuppressionFor(const core::Decision& decision) {
  core::Suppression suppression;
  suppression.kind = core::SuppressionKind::kExternal;
  suppression.status = "accepted";
  suppression.justification =
      fmt::format("{} {} by {} ({}, {}): {}", decision.id, core::ToString(decision.kind), decision.team,
                  decision.approver, decision.approver_role, decision.rationale);
  return suppression;
}

}  // namespace candor::decisions
