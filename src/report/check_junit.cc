// JUnit XML, so guardrails sit with every other test result in CI: one test
// case per guardrail. A blocking guardrail that tripped fails and lists its
// findings; a warn or inform guardrail passes and lists them in
// <system-out>. Well-formed XML 1.0 for any input: text is escaped and
// characters XML 1.0 does not allow are dropped (check_support::CleanLine).

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "report/check_report.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

namespace cs = check_support;

constexpr size_t kMaxFindingsListed = 200;

// Escapes text for XML content and attribute values. Input comes from
// CleanLine, so it is valid UTF-8 without control characters; U+FFFE and
// U+FFFF, not allowed in XML 1.0 either, are replaced here.
std::string Xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBF' &&
        (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += "\xEF\xBF\xBD";
      i += 2;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Clean(std::string_view text, size_t max_bytes = 500) {
  return Xml(cs::CleanLine(text, max_bytes));
}

std::string FindingLine(const check::CheckedFinding& checked) {
  const core::Finding& f = checked.finding;
  return fmt::format("{} {} {} {}: {}", Clean(cs::Location(f), 400),
                     Clean(f.rule_id.empty() ? "-" : f.rule_id, 200), core::ToString(f.severity),
                     Clean(f.tool.empty() ? "-" : f.tool, 60), Clean(f.message, 500));
}

std::string FindingList(const std::vector<const check::CheckedFinding*>& findings) {
  std::string out;
  size_t shown = 0;
  for (const auto* checked : findings) {
    if (shown == kMaxFindingsListed) break;
    out += FindingLine(*checked) + "\n";
    ++shown;
  }
  if (shown < findings.size()) out += fmt::format("...and {} more\n", findings.size() - shown);
  return out;
}

}  // namespace

std::string RenderCheckJunit(const check::CheckResult& result) {
  // The findings of each guardrail, in the renderers' common order.
  std::vector<std::vector<const check::CheckedFinding*>> by_guardrail(result.guardrails.size());
  for (const auto* list : {&result.introduced, &result.fixed}) {
    for (const auto* checked : cs::Sorted(*list)) {
      for (const auto* outcome : cs::Tripped(result, *checked)) {
        by_guardrail[static_cast<size_t>(outcome - result.guardrails.data())].push_back(checked);
      }
    }
  }
  size_t failures = 0;
  for (const auto& outcome : result.guardrails) failures += outcome.Blocks();

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"candor\" tests=\"{0}\" failures=\"{1}\" errors=\"0\">\n",
                     result.guardrails.size(), failures);
  out += fmt::format(
      "  <testsuite name=\"candor security guardrails\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"0\">\n",
      result.guardrails.size(), failures);
  for (size_t i = 0; i < result.guardrails.size(); ++i) {
    const check::GuardrailOutcome& outcome = result.guardrails[i];
    const policy::Guardrail& g = outcome.guardrail;
    std::string name = Clean(g.name.empty() ? std::string("(unnamed guardrail)") : g.name, 200);
    out += fmt::format("    <testcase name=\"{}\" classname=\"candor.guardrails\">\n", name);
    const auto& findings = by_guardrail[i];
    if (outcome.Blocks()) {
      out += fmt::format("      <failure message=\"{} {} guardrail {} ({})\" type=\"block\">",
                         cs::Count(outcome.tripped, "finding", "findings"),
                         outcome.tripped == 1 ? "trips" : "trip", name, policy::ToString(g.action));
      if (!g.description.empty()) out += Clean(g.description, 300) + "\n";
      out += FindingList(findings);
      out += "</failure>\n";
    } else if (outcome.tripped > 0 || !findings.empty()) {
      out += fmt::format("      <system-out>{} {} guardrail {} ({}); it does not block.\n",
                         cs::Count(outcome.tripped, "finding", "findings"),
                         outcome.tripped == 1 ? "trips" : "trip", name, policy::ToString(g.action));
      out += FindingList(findings);
      out += "</system-out>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace candor::report
