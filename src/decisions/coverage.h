#pragma once
// Which decision covers a finding, and whether it still suppresses it.
// A covering decision never hides a finding: it is shown as suppressed with
// the decision's id, or, once expired or beyond its approver's authority, as
// an open finding with a calm note saying why the decision no longer holds.
// Not thread-safe to build; a built index may be shared read-only.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decision.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/glob.h"
#include "decisions/risk_appetite.h"

namespace candor::decisions {

enum class CoverState {
  kSuppresses,       // in force: the finding is suppressed with this decision
  kExpired,          // held until `expires`, which has passed
  kBeyondAuthority,  // the approver's role may not decide about this severity here
};

struct Coverage {
  const core::Decision* decision = nullptr;
  CoverState state = CoverState::kSuppresses;
  // For people: "decision RD-12 expired 3 days ago (2026-11-19)", or the
  // authority refusal with its escalation path; empty while it suppresses.
  std::string note;
};

class DecisionIndex {
 public:
  // kInvalidInput (naming the decision's origin) for a malformed glob.
  static core::Result<DecisionIndex> Create(std::vector<core::Decision> decisions, RiskAppetite appetite,
                                            ServiceContext service, core::TimePoint now);

  // The decision that covers `finding`, preferring one that suppresses, then
  // one naming the finding's identity over a rule-and-path decision, then the
  // most recently created. nullopt when none covers it.
  std::optional<Coverage> Find(const core::Finding& finding) const;

  const std::vector<core::Decision>& decisions() const { return decisions_; }

 private:
  struct RuleScope {
    size_t decision;
    core::Glob rule;
    core::Glob path;
  };
  DecisionIndex() = default;
  Coverage Judge(const core::Decision& decision, const core::Finding& finding) const;

  std::vector<core::Decision> decisions_;
  std::vector<RuleScope> rule_scopes_;
  RiskAppetite appetite_;
  ServiceContext service_;
  core::TimePoint now_{};
};

// SARIF's suppression for a finding a decision covers: external, accepted,
// justified by the decision's kind, id and rationale.
core::Suppression SuppressionFor(const core::Decision& decision);

}  // namespace candor::decisions
