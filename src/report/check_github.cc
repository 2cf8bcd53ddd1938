// GitHub Actions workflow commands: one annotation per new finding, on its
// file and lines, then one plain summary line. Escaping follows the runner
// (actions/toolkit command.ts): data escapes % CR LF; property values also
// escape ':' and ','.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "report/check_report.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

namespace cs = check_support;

// GitHub shows at most this many error and this many warning annotations
// per step; more are dropped silently, so the summary says so.
constexpr size_t kGithubAnnotationLimit = 10;

std::string EscapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeData(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view Command(policy::Action action) {
  switch (action) {
    case policy::Action::kBlock: return "error";
    case policy::Action::kWarn: return "warning";
    case policy::Action::kInform: return "notice";
  }
  return "notice";
}

std::string Annotation(const check::CheckResult& result, const check::CheckedFinding& checked) {
  const core::Finding& f = checked.finding;
  std::string properties;
  auto add = [&](std::string_view key, std::string_view value) {
    properties += properties.empty() ? " " : ",";
    properties += fmt::format("{}={}", key, EscapeProperty(value));
  };
  // Annotations need a file for line numbers to mean anything.
  std::string path = cs::CleanLine(f.path, 1000);
  if (!path.empty()) {
    add("file", path);
    const core::Region& r = f.region;
    if (r.start_line > 0) {
      add("line", std::to_string(r.start_line));
      if (r.end_line >= r.start_line) add("endLine", std::to_string(r.end_line));
      // Columns only count on one line (GitHub ignores them otherwise).
      bool one_line = r.end_line == 0 || r.end_line == r.start_line;
      if (one_line && r.start_column > 0) {
        add("col", std::to_string(r.start_column));
        if (r.end_column > r.start_column) add("endColumn", std::to_string(r.end_column));
      }
    }
  }
  add("title",
      fmt::format("{} {}: {}", cs::CleanLine(f.tool, 60).empty() ? "candor" : cs::CleanLine(f.tool, 60),
                  core::ToString(f.severity), cs::CleanLine(cs::RuleLabel(f), 200)));

  std::string message = cs::CleanLine(f.message.empty() ? f.rule_id : f.message, 1000);
  std::vector<std::string> names;
  for (const auto* outcome : cs::Tripped(result, checked)) {
    names.push_back(fmt::format("{} ({})", cs::CleanLine(outcome->guardrail.name, 120),
                                policy::ToString(outcome->guardrail.action)));
  }
  if (!names.empty()) message += fmt::format("\nGuardrail: {}", fmt::join(names, ", "));
  if (checked.suppressed)
    message += fmt::format("\nCovered by the team's decision {}", cs::CleanLine(checked.decision_id, 64));
  if (!checked.decision_note.empty()) message += "\n" + cs::CleanLine(checked.decision_note, 300);
  if (!f.team.empty()) message += fmt::format("\nOwned by team {}", cs::CleanLine(f.team, 64));
  std::string help = cs::CleanLine(f.rule_help, 500);
  if (!help.empty()) message += fmt::format("\nHow to fix: {}", help);
  std::vector<std::string> refs;
  for (int cwe : f.cwes) {
    if (cwe > 0) refs.push_back(cs::CweUrl(cwe));
  }
  if (cs::IsWebUrl(f.help_uri)) refs.push_back(f.help_uri);
  if (!refs.empty()) message += fmt::format("\nSee {}", fmt::join(refs, " "));
  return fmt::format("::{}{}::{}\n", Command(checked.action), properties, EscapeData(message));
}

}  // namespace

std::string RenderCheckGithub(const check::CheckResult& result) {
  std::string out;
  size_t errors = 0;
  size_t warnings = 0;
  for (const auto* checked : cs::Sorted(result.introduced)) {
    out += Annotation(result, *checked);
    errors += checked->action == policy::Action::kBlock;
    warnings += checked->action == policy::Action::kWarn;
  }
  // The summary is a plain log line, not a command: it takes no annotation
  // slot, and it starts with "candor:" so it can never be read as one.
  cs::Verdict verdict = cs::Judge(result);
  std::vector<std::string> names;
  for (const auto& name : verdict.blocking_guardrails) names.push_back(cs::CleanLine(name, 120));
  verdict.blocking_guardrails = names;
  std::string summary =
      fmt::format("candor: {}; {}, {} fixed", cs::VerdictLine(verdict),
                  cs::Count(result.introduced.size(), "new finding", "new findings"), result.fixed.size());
  if (errors > kGithubAnnotationLimit || warnings > kGithubAnnotationLimit) {
    summary += fmt::format(
        " (GitHub shows the first {} errors and {} warnings of a step; the PR comment and "
        "SARIF list every finding)",
        kGithubAnnotationLimit, kGithubAnnotationLimit);
  }
  return out + summary + "\n";
}

}  // namespace candor::report
