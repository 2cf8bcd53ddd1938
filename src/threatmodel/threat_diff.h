#pragma once
// What a design change does to a model's threats: threats added, removed and
// changed in severity, requirements added and dropped. Threats are paired by
// their stable id (rule@element), so renaming a component's label changes
// nothing while renaming its id reads as a threat removed and one added.

#include <vector>

#include "core/severity.h"
#include "threatmodel/evaluate.h"

namespace candor::threatmodel {

struct SeverityChange {
  Threat before;
  Threat after;
};

struct AssessmentDiff {
  std::vector<Threat> added;
  std::vector<Threat> removed;
  std::vector<SeverityChange> changed;  // same id, different severity
  std::vector<RequirementResult> requirements_added;
  std::vector<RequirementResult> requirements_removed;
};

// Both assessments' threats must be sorted by id, as Evaluate leaves them.
AssessmentDiff DiffAssessments(const Assessment& before, const Assessment& after);

// Threats the change adds, or raises, to `threshold` or above with no
// decision (status open): what makes `candor threat diff` exit 1.
std::vector<const Threat*> UndecidedAtOrAbove(const AssessmentDiff& diff, core::Severity threshold);

}  // namespace candor::threatmodel
