#pragma once
// Evaluating a rule catalogue against a model: every rule against every
// component or flow it applies to (out-of-scope components and flows between
// them are skipped). Each threat fired gets the stable id RULE@ELEMENT, the
// facts that made the condition true, a severity from likelihood x impact
// (impact from the ratings of the data involved) and the status the model's
// `threats:` section gives it (open when it says nothing). Requirements are
// collected from the threats that name them.
// Not thread-safe (Lua conditions); one evaluation at a time per catalogue.

#include <string>
#include <vector>

#include "core/error.h"
#include "core/severity.h"
#include "threatmodel/catalogue.h"
#include "threatmodel/model.h"

namespace candor::threatmodel {

struct Threat {
  std::string id;  // "rule@element": stable across edits of the model
  std::string rule_id;
  std::string title;
  Stride stride = Stride::kTampering;
  std::vector<int> cwes;
  std::string requirement;  // requirement id, may be empty
  Target element_kind = Target::kComponent;
  std::string element_id;
  std::string element_name;
  std::string element_where;         // FILE:LINE:COL of the element in the model
  std::vector<std::string> because;  // the facts that made the rule fire
  std::string impact_basis;          // "data 'card-data' has confidentiality strictly-confidential"
  int likelihood = 1;                // 1..4
  int impact = 1;                    // 1..4
  core::Severity severity = core::Severity::kLow;
  ThreatStatus status = ThreatStatus::kOpen;
  std::string note;  // from the decision, if any (a register decision's rationale)
  // The register decision that set the status ("RD-4"); empty when the status
  // comes from the model file or nothing.
  std::string decision_id;
  // Why a decision naming this threat did not apply: expired, or beyond its
  // approver's authority (with the escalation path). Empty otherwise.
  std::string decision_problem;
};

struct RequirementResult {
  Requirement requirement;
  std::vector<int> cwes;                            // union of the CWEs of the rules that generated it
  std::vector<std::string> threat_ids;              // the threats it answers
  core::Severity severity = core::Severity::kInfo;  // highest of its open threats
};

struct Assessment {
  std::string title;
  std::string source;
  std::vector<Threat> threats;                  // sorted by id
  std::vector<RequirementResult> requirements;  // sorted by id
  std::vector<ThreatDecision> stale_decisions;  // decisions for threats that no longer fire
};

// Severity of likelihood x impact, both 1..4: >= 12 critical, >= 8 high,
// >= 4 medium, >= 2 low, else info.
core::Severity SeverityOf(int likelihood, int impact);

// Lua errors and limits in custom rules are errors naming the rule.
core::Result<Assessment> Evaluate(const Model& model, const Catalogue& catalogue);

}  // namespace candor::threatmodel
