// A threat diff as Markdown for the design pull request: the verdict first,
// then threats added, raised or lowered, removed, and requirements added.

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "report/check_support.h"
#include "report/threat_report.h"
#include "threatmodel/ratings.h"

namespace candor::report {
namespace {

namespace cs = check_support;
using threatmodel::Threat;

std::string Line(const Threat& t) {
  std::string why;
  for (const auto& fact : t.because) why += (why.empty() ? "" : "; ") + fact;
  return fmt::format("- **{}** {} `{}` on {} ({}): {}\n", core::ToString(t.severity), cs::CleanLine(t.title),
                     t.id, cs::CleanLine(t.element_name), StrideLabel(t.stride), cs::CleanLine(why));
}

}  // namespace

std::string RenderThreatDiffMarkdown(const threatmodel::AssessmentDiff& diff, const DiffVerdict& verdict) {
  std::string out = "## Threat model changes\n\n";
  if (verdict.blocking.empty()) {
    out += fmt::format("No new threat at {} or above without a decision.\n\n",
                       core::ToString(verdict.threshold));
  } else {
    out += fmt::format(
        "**{} at {} or above without a decision.** Mitigate them in the design, or record a risk "
        "decision for each (`scope: {{threat: RULE@ELEMENT}}` in .candor/decisions.yaml).\n\n",
        cs::Count(verdict.blocking.size(), "new threat", "new threats"), core::ToString(verdict.threshold));
  }
  out +=
      fmt::format("{} added, {} removed, {} changed in severity; {} added.\n",
                  cs::Count(diff.added.size(), "threat", "threats"), diff.removed.size(), diff.changed.size(),
                  cs::Count(diff.requirements_added.size(), "requirement", "requirements"));
  if (!diff.added.empty()) {
    out += "\n### Threats added\n\n";
    // Most severe first, so the review starts where it matters; ties stay in id order.
    std::vector<const Threat*> added;
    for (const Threat& t : diff.added) added.push_back(&t);
    std::stable_sort(added.begin(), added.end(), [](auto* a, auto* b) { return a->severity > b->severity; });
    for (const Threat* t : added) out += Line(*t);
  }
  if (!diff.changed.empty()) {
    out += "\n### Severity changed\n\n";
    for (const auto& c : diff.changed) {
      out += fmt::format("- `{}`: {} -> **{}** (impact: {})\n", c.after.id, core::ToString(c.before.severity),
                         core::ToString(c.after.severity), cs::CleanLine(c.after.impact_basis));
    }
  }
  if (!diff.removed.empty()) {
    out += "\n### Threats removed\n\n";
    for (const Threat& t : diff.removed) out += fmt::format("- ~~`{}`~~ {}\n", t.id, cs::CleanLine(t.title));
  }
  if (!diff.requirements_added.empty()) {
    out += "\n### Requirements added\n\n";
    for (const auto& r : diff.requirements_added) {
      out += fmt::format("- **{} {}**: {}{}\n", r.requirement.id, cs::CleanLine(r.requirement.title),
                         cs::CleanLine(r.requirement.text),
                         r.requirement.asvs.empty() ? "" : " (ASVS " + r.requirement.asvs + ")");
    }
  }
  return out;
}

}  // namespace candor::report
