// A stable machine format for `candor check --format json`, documented in
// docs/check-output.md. Keys are never renamed; new keys may be added.
//
//   version       1
//   verdict       "holds" | "blocks"
//   counts        {introduced, fixed, unchanged, blocking, warning, informing}
//   diff_given    whether on_changed_line means anything
//   guardrails[]  {name, description, action, tripped, status: "holds"|"blocks", origin, from_org}
//   introduced[]  findings the change brings (state "new" or "updated"), most severe first
//   fixed[]       findings the change removes (state "absent"), same order
//   tools[]       {tool, version, run_index}
//   warnings[]    readers' warnings, as given
//
// Each finding: tool, tool_version, rule_id, rule_name, category, severity,
// tool_severity, cwe[], advisories[], path, start_line, start_column,
// end_line, end_column, message, help, help_uri, identity, fingerprints{},
// partial_fingerprints{}, dependency{} (SCA only), then state,
// on_changed_line (null without a diff), guardrails[] (names tripped) and
// action ("block" | "warn" | "inform").

#include <nlohmann/json.hpp>
#include <string>

#include "report/check_report.h"
#include "report/check_support.h"
#include "report/finding_json.h"

namespace candor::report {
namespace {

namespace cs = check_support;
using Json = nlohmann::ordered_json;

Json FindingJson(const check::CheckResult& result, const check::CheckedFinding& checked) {
  const core::Finding& f = checked.finding;
  Json out = FindingJsonFields(f);
  out["state"] = core::ToString(checked.state);
  out["on_changed_line"] = result.diff_given ? Json(checked.on_changed_line) : Json(nullptr);
  out["guardrails"] = cs::TrippedNames(result, checked);
  out["action"] = policy::ToString(checked.action);
  out["team"] = f.team.empty() ? Json(nullptr) : Json(f.team);
  out["decision"] = checked.decision_id.empty() ? Json(nullptr)
                                                : Json{{"id", checked.decision_id},
                                                       {"suppressed", checked.suppressed},
                                                       {"note", checked.decision_note}};
  return out;
}

Json Findings(const check::CheckResult& result, const std::vector<check::CheckedFinding>& findings) {
  Json out = Json::array();
  for (const auto* checked : cs::Sorted(findings)) out.push_back(FindingJson(result, *checked));
  return out;
}

}  // namespace

std::string RenderCheckJson(const check::CheckResult& result) {
  cs::Verdict verdict = cs::Judge(result);
  Json guardrails = Json::array();
  for (const auto& outcome : result.guardrails) {
    const policy::Guardrail& g = outcome.guardrail;
    guardrails.push_back({{"name", g.name},
                          {"description", g.description},
                          {"action", policy::ToString(g.action)},
                          {"tripped", outcome.tripped},
                          {"status", outcome.Blocks() ? "blocks" : "holds"},
                          {"origin", g.origin},
                          {"from_org", g.from_org}});
  }
  Json tools = Json::array();
  for (const auto& tool : result.tools) {
    tools.push_back({{"tool", tool.tool}, {"version", tool.tool_version}, {"run_index", tool.run_index}});
  }
  Json out = {
      {"version", 1},
      {"verdict", verdict.blocked ? "blocks" : "holds"},
      {"counts",
       {{"introduced", result.introduced.size()},
        {"fixed", result.fixed.size()},
        {"unchanged", result.unchanged},
        {"blocking", verdict.blocking},
        {"warning", verdict.warning},
        {"informing", verdict.informing},
        {"suppressed", verdict.suppressed}}},
      {"diff_given", result.diff_given},
      {"guardrails", guardrails},
      {"introduced", Findings(result, result.introduced)},
      {"fixed", Findings(result, result.fixed)},
      {"tools", tools},
      {"warnings", result.warnings},
      {"decision_notes", result.decision_notes},
  };
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candor::report
