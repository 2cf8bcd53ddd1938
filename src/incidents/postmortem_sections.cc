#include "incidents/postmortem_sections.h"

#include <array>
#include <string>

#include "core/text.h"

namespace candor::incidents {
namespace {

constexpr std::array kSections{
    SectionSpec{SectionKind::kSummary, "Summary", "What happened, in two or three sentences, without names."},
    SectionSpec{SectionKind::kImpact, "Impact", "Who and what was affected, for how long, and how badly."},
    SectionSpec{SectionKind::kTimeline, "Timeline",
                "UTC times: what was observed and what was done. People may be named here, as roles act."},
    SectionSpec{SectionKind::kConditions, "What conditions allowed this to happen?",
                "The contributing conditions in the system, the process and the environment; not people."},
    SectionSpec{
        SectionKind::kSignals, "Which signals were missed?",
        "Alerts, dashboards, reviews or reports that could have shown the problem sooner, and why they "
        "did not."},
    SectionSpec{SectionKind::kGuardrails, "Which guardrails were absent?",
                "Checks, limits, defaults or automation that would have stopped or contained the issue."},
    SectionSpec{SectionKind::kTradeOffs, "Which trade-offs were made, and why?",
                "Decisions that made sense at the time, and the pressures and information behind them."},
    SectionSpec{SectionKind::kChanges, "What will change so this is less likely to happen again?",
                "Changes to the system, not reminders to be careful."},
    SectionSpec{SectionKind::kActionItems, "Action items",
                "One row per item: owning team, owner, due date (YYYY-MM-DD), kind systemic or patch."},
};

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

std::span<const SectionSpec> RequiredSections() {
  return kSections;
}

const SectionSpec& SpecOf(SectionKind kind) {
  for (const SectionSpec& spec : kSections) {
    if (spec.kind == kind) return spec;
  }
  return kSections[0];
}

std::optional<SectionKind> ClassifyHeading(std::string_view title) {
  std::string lower = core::ToLower(title);
  // Most specific first: "Action items" before anything mentioning "change".
  if (Contains(lower, "action item")) return SectionKind::kActionItems;
  if (Contains(lower, "timeline")) return SectionKind::kTimeline;
  if (Contains(lower, "signal")) return SectionKind::kSignals;
  if (Contains(lower, "guardrail")) return SectionKind::kGuardrails;
  if (Contains(lower, "trade-off") || Contains(lower, "tradeoff") || Contains(lower, "trade off")) {
    return SectionKind::kTradeOffs;
  }
  if (Contains(lower, "will change") || Contains(lower, "less likely") || Contains(lower, "what changes")) {
    return SectionKind::kChanges;
  }
  if (Contains(lower, "condition") || Contains(lower, "contributing")) return SectionKind::kConditions;
  if (Contains(lower, "impact")) return SectionKind::kImpact;
  if (Contains(lower, "summary")) return SectionKind::kSummary;
  return std::nullopt;
}

}  // namespace candor::incidents
