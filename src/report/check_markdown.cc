// The pull-request comment: what a person wants to read about their change,
// calmly. Verdict first, then the new findings by severity, what the change
// fixed, the guardrails, and readers' notes folded away at the end.

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"
#include "report/check_report.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

namespace cs = check_support;

constexpr size_t kMaxFindingsShown = 50;
constexpr size_t kMaxWarningsShown = 20;
// GitHub refuses comments over 65,536 characters; findings stop before this.
constexpr size_t kFindingsBudget = 52000;
constexpr size_t kMessageBytes = 600;
constexpr size_t kHelpBytes = 900;

// Tool text as inert Markdown: HTML special characters become entities,
// Markdown punctuation is backslash-escaped (tables, emphasis, links, math,
// headings, lists), line breaks are already gone (CleanLine), and '@' is
// followed by a word joiner so scanner output never mentions anyone.
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '@': out += "@\u2060"; break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '{':
      case '}':
      case '[':
      case ']':
      case '(':
      case ')':
      case '#':
      case '+':
      case '-':
      case '.':
      case '!':
      case '|':
      case '~':
      case '$':
      case '=':
      case ':':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string Line(std::string_view text, size_t max_bytes = 300) {
  return Escape(cs::CleanLine(text, max_bytes));
}

// A URL as a Markdown link destination: characters that would end or break
// it are percent-encoded.
std::string Destination(std::string_view url) {
  std::string out;
  for (char c : url) {
    if (c == '(' || c == ')' || c == ' ' || c == '<' || c == '>' || c == '\\' || c == '"' || c == '`') {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::string FileLink(const check::CheckResult& result, const core::Finding& f) {
  std::string label = Line(cs::Location(f), 400);
  if (f.path.empty() || !cs::IsWebUrl(result.link_base)) return label;
  std::string url = result.link_base + cs::EncodePath(f.path);
  if (f.region.start_line > 0) {
    url += fmt::format("#L{}", f.region.start_line);
    if (f.region.end_line > f.region.start_line) url += fmt::format("-L{}", f.region.end_line);
  }
  return fmt::format("[{}]({})", label, Destination(url));
}

std::string_view SeverityTitle(core::Severity severity) {
  switch (severity) {
    case core::Severity::kCritical: return "Critical";
    case core::Severity::kHigh: return "High";
    case core::Severity::kMedium: return "Medium";
    case core::Severity::kLow: return "Low";
    case core::Severity::kInfo: return "Info";
  }
  return "Info";
}

std::string_view ActionWord(policy::Action action) {
  switch (action) {
    case policy::Action::kBlock: return "blocks";
    case policy::Action::kWarn: return "warns";
    case policy::Action::kInform: return "informs";
  }
  return "informs";
}

std::string FindingBlock(const check::CheckResult& result, const check::CheckedFinding& checked) {
  const core::Finding& f = checked.finding;
  std::string out = fmt::format("**{}** · {}", FileLink(result, f), Line(cs::RuleLabel(f), 300));
  if (!f.tool.empty()) out += fmt::format(" · {}", Line(f.tool, 80));
  if (checked.state == core::BaselineState::kUpdated) out += " · updated";
  out += "\n";
  std::string message = f.message.empty() ? std::string("(no message)") : f.message;
  out += fmt::format("> {}\n", Line(message, kMessageBytes));
  if (!f.dependency.package.empty()) {
    out += fmt::format("> Package {} {}", Line(f.dependency.package, 200),
                       Line(f.dependency.installed_version, 100));
    if (!f.dependency.fixed_version.empty()) {
      out += fmt::format(", fixed in {}", Line(f.dependency.fixed_version, 100));
    }
    out += "\n";
  }
  std::vector<std::string> facts;
  auto tripped = cs::Tripped(result, checked);
  if (!tripped.empty()) {
    std::vector<std::string> names;
    for (const auto* outcome : tripped) {
      names.push_back(fmt::format("**{}** ({})", Line(outcome->guardrail.name, 120),
                                  ActionWord(outcome->guardrail.action)));
    }
    facts.push_back(fmt::format("Guardrail {}", fmt::join(names, ", ")));
  }
  if (result.diff_given) {
    facts.push_back(checked.on_changed_line ? "on a line this change touched"
                                            : "not on a line this change touched");
  }
  if (!f.team.empty()) {
    facts.push_back(fmt::format("owned by team {}", Escape(Line(f.team, 80))));
  } else if (result.ownership_known) {
    facts.push_back("no team owns this path yet");
  }
  if (!checked.decision_note.empty()) facts.push_back(Escape(Line(checked.decision_note, 400)));
  if (!facts.empty()) out += fmt::format(">\n> {}\n", fmt::join(facts, " · "));
  std::vector<std::string> refs;
  for (int cwe : f.cwes) {
    if (cwe > 0) refs.push_back(fmt::format("[CWE\\-{}]({})", cwe, cs::CweUrl(cwe)));
  }
  if (cs::IsWebUrl(f.help_uri)) refs.push_back(fmt::format("[About this rule]({})", Destination(f.help_uri)));
  std::string help = cs::CleanBlock(f.rule_help, kHelpBytes);
  if (!help.empty()) {
    out += "\n<details><summary>Why it matters and how to fix</summary>\n\n";
    for (std::string_view line : core::Split(help, '\n')) {
      out += line.empty() ? std::string("\n") : Escape(line) + "\n";
    }
    if (!refs.empty()) out += fmt::format("\n{}\n", fmt::join(refs, " · "));
    out += "\n</details>\n";
  } else if (!refs.empty()) {
    out += fmt::format(">\n> {}\n", fmt::join(refs, " · "));
  }
  return out + "\n";
}

std::string Findings(const check::CheckResult& result) {
  std::string out;
  size_t shown = 0;
  std::optional<core::Severity> group;
  std::vector<const check::CheckedFinding*> sorted;
  for (const auto* checked : cs::Sorted(result.introduced)) {
    if (!checked->suppressed) sorted.push_back(checked);
  }
  for (const auto* checked : sorted) {
    if (shown == kMaxFindingsShown) break;
    std::string block;
    if (!group || *group != checked->finding.severity) {
      group = checked->finding.severity;
      size_t in_group = 0;
      for (const auto* other : sorted) in_group += other->finding.severity == *group;
      block += fmt::format("### {} ({})\n\n", SeverityTitle(*group), in_group);
    }
    block += FindingBlock(result, *checked);
    if (out.size() + block.size() > kFindingsBudget) break;
    out += block;
    ++shown;
  }
  if (shown < sorted.size()) {
    size_t more = sorted.size() - shown;
    out += fmt::format(
        "…and {} more new {}, not shown to keep this comment short; the JSON and SARIF outputs list "
        "all of them.\n\n",
        more, more == 1 ? "finding" : "findings");
  }
  return out;
}

// New findings the team's decisions in force cover, and decisions that have run out.
std::string Decisions(const check::CheckResult& result) {
  std::string out;
  size_t covered = 0;
  for (const auto* checked : cs::Sorted(result.introduced)) {
    if (!checked->suppressed) continue;
    if (covered++ == 0) out += "### Covered by the team's decisions\n\n";
    if (covered > kMaxFindingsShown) continue;
    const core::Finding& f = checked->finding;
    std::string why = f.suppressions.empty() ? std::string() : f.suppressions.back().justification;
    out += fmt::format("- **{}** · {} · {} — {}\n", Escape(Line(checked->decision_id, 64)),
                       FileLink(result, f), Line(cs::RuleLabel(f), 200), Escape(Line(why, 400)));
  }
  if (covered > kMaxFindingsShown) out += fmt::format("- …and {} more\n", covered - kMaxFindingsShown);
  if (covered > 0) out += "\n";
  for (const std::string& note : result.decision_notes)
    out += fmt::format("ℹ️ {}\n\n", Escape(Line(note, 400)));
  return out;
}

std::string Summary(const check::CheckResult& result, const cs::Verdict& verdict) {
  if (result.introduced.empty()) return "This change introduces no new findings.\n";
  std::string out = fmt::format("This change introduces {} ({})",
                                cs::Count(result.introduced.size(), "new finding", "new findings"),
                                cs::SeverityCounts(result.introduced));
  if (result.diff_given) {
    size_t on_changed = 0;
    for (const auto& checked : result.introduced) on_changed += checked.on_changed_line;
    out += on_changed == 0 ? std::string("; none on lines it changed")
                           : fmt::format("; {} on lines it changed", on_changed);
  }
  if (verdict.suppressed > 0) {
    out += fmt::format("; {} covered by the team's decisions", verdict.suppressed);
  }
  out += ".";
  if (!verdict.blocked && verdict.warning > 0) {
    std::vector<std::string> names;
    for (const auto& name : verdict.warning_guardrails) names.push_back(Line(name, 120));
    out += fmt::format(" {} worth a look before merging ({}).", verdict.warning == 1 ? "One is" : "Some are",
                       fmt::join(names, ", "));
  }
  return out + "\n";
}

std::string Guardrails(const check::CheckResult& result) {
  if (result.guardrails.empty()) return "### Guardrails\n\nNo guardrails apply to this change.\n";
  std::string out = "### Guardrails\n\n| Guardrail | Action | Tripped | Result |\n|---|---|---:|---|\n";
  for (const auto& outcome : result.guardrails) {
    out += fmt::format("| {} | {} | {} | {} |\n", Line(outcome.guardrail.name, 120),
                       policy::ToString(outcome.guardrail.action), outcome.tripped,
                       outcome.Blocks() ? "⛔ blocks" : "✅ holds");
  }
  return out;
}

std::string Warnings(const check::CheckResult& result) {
  if (result.warnings.empty()) return "";
  std::string out = fmt::format("\n<details><summary>Notes from reading the scan results ({})</summary>\n\n",
                                result.warnings.size());
  size_t shown = 0;
  for (const auto& warning : result.warnings) {
    if (shown == kMaxWarningsShown) break;
    out += fmt::format("- {}\n", Line(warning, 400));
    ++shown;
  }
  if (shown < result.warnings.size()) out += fmt::format("- …and {} more\n", result.warnings.size() - shown);
  return out + "\n</details>\n";
}

}  // namespace

std::string RenderCheckMarkdown(const check::CheckResult& result) {
  cs::Verdict verdict = cs::Judge(result);
  std::vector<std::string> names;
  for (const auto& name : verdict.blocking_guardrails) names.push_back(Line(name, 120));
  std::string out(kCheckCommentMarker);
  out += "\n";
  if (verdict.blocked) {
    out += fmt::format("## ⛔ {} {} this change ({} {})\n\n",
                       cs::Count(verdict.blocking, "new finding", "new findings"),
                       verdict.blocking == 1 ? "blocks" : "block",
                       names.size() == 1 ? "guardrail" : "guardrails", fmt::join(names, ", "));
  } else {
    out += "## ✅ No new security findings block this change\n\n";
  }
  out += Summary(result, verdict);
  out += "\n";
  out += Findings(result);
  out += Decisions(result);
  if (!result.fixed.empty()) {
    out += fmt::format("This change {} {} ({}). Thank you.\n\n",
                       result.introduced.empty() ? "fixes" : "also fixes",
                       cs::Count(result.fixed.size(), "existing finding", "existing findings"),
                       cs::SeverityCounts(result.fixed));
  }
  if (result.unchanged > 0) {
    out += fmt::format("{} already there before this change {} unchanged and {} not part of this review.\n\n",
                       cs::Count(result.unchanged, "finding", "findings"),
                       result.unchanged == 1 ? "is" : "are", result.unchanged == 1 ? "is" : "are");
  }
  out += Guardrails(result);
  out += Warnings(result);
  return out;
}

}  // namespace candor::report
