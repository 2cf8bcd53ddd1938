#pragma once
// Threat status from the decision register (issue 5): a decision whose scope
// is `threat: RULE@ELEMENT` sets that threat's status when it still holds and
// its approver role had the authority for the threat's severity. An expired
// or beyond-authority decision leaves the status alone and says why, so the
// report explains an open threat instead of hiding it. A decision wins over a
// `status:` in the model file (docs/threat-modelling.md). Plain functions.

#include <vector>

#include "core/clock.h"
#include "core/decision.h"
#include "decisions/risk_appetite.h"
#include "threatmodel/evaluate.h"

namespace candor::threatmodel {

// accept_risk -> accepted, mitigated_by_control -> mitigated, false_positive
// -> false-positive, fix_scheduled -> fix-scheduled (still counted as decided).
ThreatStatus StatusOf(core::DecisionKind kind);

// Applies the threat-scoped decisions in `decisions` (others are ignored) to
// `assessment`'s threats as of `now`. When several decisions name one threat,
// the most recently created one that applies wins. Requirement severities are
// recomputed, since they count only open threats.
void ApplyDecisions(Assessment& assessment, const std::vector<core::Decision>& decisions,
                    const decisions::RiskAppetite& appetite, core::TimePoint now);

}  // namespace candor::threatmodel
