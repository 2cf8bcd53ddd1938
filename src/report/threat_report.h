#pragma once
// Renderers of `candor threat report` and `candor threat diff`: a model's
// threats and requirements as Markdown (for the design PR), JSON, SARIF (so
// threats show in code scanning) and a standalone HTML page; a diff as
// Markdown, JSON or text. Pure functions of their inputs, thread-safe.

#include <map>
#include <string>
#include <vector>

#include "core/severity.h"
#include "threatmodel/evaluate.h"
#include "threatmodel/threat_diff.h"

namespace candor::report {

// Open findings of the service by CWE (from the store, `--db`), shown against
// the requirements of the same CWEs. `available` is false without a store.
struct FindingEvidence {
  bool available = false;
  std::map<int, int> open_by_cwe;

  // Open findings of any of `cwes`.
  int OpenFor(const std::vector<int>& cwes) const;
};

std::string RenderThreatMarkdown(const threatmodel::Assessment& assessment, const FindingEvidence& evidence);
std::string RenderThreatJson(const threatmodel::Assessment& assessment, const FindingEvidence& evidence);
std::string RenderThreatSarif(const threatmodel::Assessment& assessment);
std::string RenderThreatHtml(const threatmodel::Assessment& assessment, const FindingEvidence& evidence);

// `blocking`: threats of `diff` at or above `threshold` without a decision.
struct DiffVerdict {
  core::Severity threshold = core::Severity::kHigh;
  std::vector<const threatmodel::Threat*> blocking;
};
std::string RenderThreatDiffMarkdown(const threatmodel::AssessmentDiff& diff, const DiffVerdict& verdict);
std::string RenderThreatDiffJson(const threatmodel::AssessmentDiff& diff, const DiffVerdict& verdict);

// Shared by the renderers: "spoofing" -> "Spoofing"; counts by STRIDE category.
std::string StrideLabel(threatmodel::Stride stride);

}  // namespace candor::report
