#pragma once
// The sections of a blameless postmortem, shared by the template
// (`postmortem new`) and the linter: each has the title the template writes
// and the words that recognise a heading as that section when people retitle it.

#include <optional>
#include <span>
#include <string_view>

namespace candor::incidents {

enum class SectionKind {
  kSummary,
  kImpact,
  kTimeline,
  kConditions,  // what conditions allowed the issue
  kSignals,     // which signals were missed
  kGuardrails,  // which guardrails were absent
  kTradeOffs,   // which trade-offs were made and why
  kChanges,     // what will change so it is less likely again
  kActionItems,
};

struct SectionSpec {
  SectionKind kind;
  std::string_view title;     // as the template writes it
  std::string_view guidance;  // the question the section answers, for the template and lint messages
};

// Every section, in template order.
std::span<const SectionSpec> RequiredSections();
const SectionSpec& SpecOf(SectionKind kind);
// The section a heading is, by its words ("Contributing conditions" -> kConditions).
std::optional<SectionKind> ClassifyHeading(std::string_view title);

}  // namespace candor::incidents
