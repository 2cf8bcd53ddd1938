// A compact terminal view: the verdict, one line per new finding with its
// message beneath, what the change fixed, and the guardrails. No colour
// (the CLI decides that); tool text cannot carry terminal escapes
// (check_support::CleanLine drops control characters).

#include <fmt/format.h>

#include <string>

#include "report/check_report.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

namespace cs = check_support;

constexpr size_t kMaxFindingsShown = 100;
constexpr size_t kMaxWarningsShown = 10;

std::string FindingLines(const check::CheckResult& result, const check::CheckedFinding& checked) {
  const core::Finding& f = checked.finding;
  std::string line =
      fmt::format("  {:<8}  {}  {}", core::ToString(f.severity), cs::CleanLine(cs::Location(f), 200),
                  cs::CleanLine(f.rule_id.empty() ? "-" : f.rule_id, 80));
  auto names = cs::TrippedNames(result, checked);
  for (auto& name : names) name = cs::CleanLine(name, 80);
  if (!names.empty())
    line += fmt::format("  [{}: {}]", policy::ToString(checked.action), fmt::join(names, ", "));
  if (result.diff_given && checked.on_changed_line) line += "  (changed line)";
  if (checked.state == core::BaselineState::kUpdated) line += "  (updated)";
  if (checked.suppressed) line += fmt::format("  (decision {})", cs::CleanLine(checked.decision_id, 64));
  if (!f.team.empty()) line += fmt::format("  team {}", cs::CleanLine(f.team, 64));
  line += "\n";
  std::string message = cs::CleanLine(f.message.empty() ? cs::RuleLabel(f) : f.message, 160);
  if (!message.empty()) line += fmt::format("            {}\n", message);
  if (!checked.decision_note.empty())
    line += fmt::format("            {}\n", cs::CleanLine(checked.decision_note, 300));
  return line;
}

}  // namespace

std::string RenderCheckText(const check::CheckResult& result) {
  cs::Verdict verdict = cs::Judge(result);
  for (auto& name : verdict.blocking_guardrails) name = cs::CleanLine(name, 80);
  std::string out =
      fmt::format("candor check: {} - {}\n", verdict.blocked ? "BLOCKS" : "holds", cs::VerdictLine(verdict));

  std::string counts =
      result.introduced.empty()
          ? std::string("No new findings")
          : fmt::format("{} ({})", cs::Count(result.introduced.size(), "new finding", "new findings"),
                        cs::SeverityCounts(result.introduced));
  if (result.diff_given && !result.introduced.empty()) {
    size_t on_changed = 0;
    for (const auto& checked : result.introduced) on_changed += checked.on_changed_line;
    counts += fmt::format(", {} on changed lines", on_changed);
  }
  counts += fmt::format("; {} fixed; {} unchanged.\n", result.fixed.size(), result.unchanged);
  out += counts;

  auto sorted = cs::Sorted(result.introduced);
  if (!sorted.empty()) out += "\n";
  size_t shown = 0;
  for (const auto* checked : sorted) {
    if (shown == kMaxFindingsShown) break;
    out += FindingLines(result, *checked);
    ++shown;
  }
  if (shown < sorted.size()) {
    out += fmt::format("  ...and {} more (--format json lists all)\n", sorted.size() - shown);
  }
  if (!result.fixed.empty()) {
    out += fmt::format("\nThis change fixes {} ({}). Thank you.\n",
                       cs::Count(result.fixed.size(), "existing finding", "existing findings"),
                       cs::SeverityCounts(result.fixed));
  }
  if (!result.guardrails.empty()) {
    std::vector<std::string> parts;
    for (const auto& outcome : result.guardrails) {
      parts.push_back(fmt::format("{} {} ({})", cs::CleanLine(outcome.guardrail.name, 80),
                                  outcome.Blocks() ? "BLOCKS" : "holds", outcome.tripped));
    }
    out += fmt::format("\nGuardrails: {}\n", fmt::join(parts, ", "));
  }
  for (const std::string& note : result.decision_notes)
    out += fmt::format("\n{}\n", cs::CleanLine(note, 400));
  if (!result.warnings.empty()) {
    out += fmt::format("\n{}:\n", cs::Count(result.warnings.size(), "note from reading the scan results",
                                            "notes from reading the scan results"));
    size_t listed = 0;
    for (const auto& warning : result.warnings) {
      if (listed == kMaxWarningsShown) break;
      out += fmt::format("  - {}\n", cs::CleanLine(warning, 300));
      ++listed;
    }
    if (listed < result.warnings.size())
      out += fmt::format("  ...and {} more\n", result.warnings.size() - listed);
  }
  return out;
}

}  // namespace candor::report
