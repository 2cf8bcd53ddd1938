// SARIF 2.1.0 for code-scanning upload: one run per tool, the rules its
// findings use, and a result for every introduced finding (baselineState
// "new" or "updated") and every fixed one ("absent"). Candor's severity goes
// to `level` and to `properties.security-severity`, which GitHub reads back
// into the same severity (SecuritySeverityScore). Valid against the
// SARIF 2.1.0 schema for any input (tests/report/check_sarif_test.cc).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "report/check_report.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

namespace cs = check_support;
using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kNoRuleId = "candor/no-rule-id";
constexpr size_t kMaxText = 100000;

std::string_view Level(core::Severity severity) {
  switch (severity) {
    case core::Severity::kCritical:
    case core::Severity::kHigh: return "error";
    case core::Severity::kMedium: return "warning";
    case core::Severity::kLow:
    case core::Severity::kInfo: return "note";
  }
  return "note";
}

std::string Score(core::Severity severity) {
  return fmt::format("{:.1f}", SecuritySeverityScore(severity));
}

std::string ToolName(std::string_view tool) {
  std::string name = cs::CleanLine(tool, 200);
  return name.empty() ? "unknown" : name;
}

std::string RuleId(const core::Finding& f) {
  std::string id = cs::CleanLine(f.rule_id, 500);
  return id.empty() ? std::string(kNoRuleId) : id;
}

struct Rule {
  const core::Finding* first = nullptr;  // name, help and URI come from the first finding in order
  core::Severity severity = core::Severity::kInfo;
  std::vector<int> cwes;
};

struct Run {
  std::string tool;
  std::string version;
  std::vector<const check::CheckedFinding*> findings;  // introduced, then fixed, each sorted
};

Json RuleJson(const std::string& id, const Rule& rule) {
  const core::Finding& f = *rule.first;
  Json out = {{"id", id}};
  std::string name = cs::CleanLine(f.rule_name, 500);
  if (!name.empty()) out["name"] = name;
  out["shortDescription"] = {{"text", name.empty() ? id : name}};
  out["defaultConfiguration"] = {{"level", Level(rule.severity)}};
  std::string help = cs::CleanBlock(f.rule_help, kMaxText);
  if (!help.empty()) out["help"] = {{"text", help}};
  if (cs::IsWebUrl(f.help_uri)) out["helpUri"] = f.help_uri;
  Json tags = Json::array({"security", core::ToString(f.category)});
  for (int cwe : rule.cwes) tags.push_back(fmt::format("external/cwe/cwe-{}", cwe));
  out["properties"] = {{"tags", tags}, {"security-severity", Score(rule.severity)}};
  return out;
}

Json Region(const core::Region& r) {
  Json out = {{"startLine", r.start_line}};
  if (r.start_column > 0) out["startColumn"] = r.start_column;
  int end_line = r.end_line >= r.start_line ? r.end_line : r.start_line;
  if (r.end_line >= r.start_line) out["endLine"] = r.end_line;
  if (r.end_column > 0 && (end_line > r.start_line || r.end_column >= std::max(r.start_column, 1))) {
    out["endColumn"] = r.end_column;
  }
  return out;
}

Json Prints(const std::vector<core::Fingerprint>& prints) {
  Json out = Json::object();
  for (const auto& print : prints) {
    if (print.name.empty() || out.contains(print.name)) continue;  // the first of a name wins
    out[print.name] = print.value;
  }
  return out;
}

Json ResultJson(const check::CheckResult& result, const check::CheckedFinding& checked, size_t rule_index) {
  const core::Finding& f = checked.finding;
  Json out = {{"ruleId", RuleId(f)}, {"ruleIndex", rule_index}, {"level", Level(f.severity)}};
  std::string message = cs::CleanBlock(f.message, kMaxText);
  if (message.empty()) message = cs::CleanLine(cs::RuleLabel(f), 1000);
  out["message"] = {{"text", message}};
  if (!f.path.empty()) {
    Json physical = {{"artifactLocation", {{"uri", cs::EncodePath(f.path)}, {"uriBaseId", "%SRCROOT%"}}}};
    if (f.region.start_line > 0) physical["region"] = Region(f.region);
    out["locations"] = Json::array({{{"physicalLocation", physical}}});
  }
  out["baselineState"] = core::ToString(checked.state);
  Json prints = Prints(f.fingerprints);
  if (!f.identity.empty() && !prints.contains("candorIdentity/v1")) prints["candorIdentity/v1"] = f.identity;
  if (!prints.empty()) out["fingerprints"] = prints;
  Json partial = Prints(f.partial_fingerprints);
  if (!partial.empty()) out["partialFingerprints"] = partial;
  Json properties = {{"security-severity", Score(f.severity)},
                     {"candorSeverity", core::ToString(f.severity)},
                     {"candorGuardrails", cs::TrippedNames(result, checked)},
                     {"candorAction", policy::ToString(checked.action)}};
  if (result.diff_given) properties["candorOnChangedLine"] = checked.on_changed_line;
  if (!f.team.empty()) properties["candorTeam"] = f.team;
  if (!checked.decision_id.empty()) properties["candorDecision"] = checked.decision_id;
  if (!checked.decision_note.empty()) properties["candorDecisionNote"] = checked.decision_note;
  out["properties"] = properties;
  if (!f.suppressions.empty()) {
    Json suppressions = Json::array();
    for (const core::Suppression& s : f.suppressions) {
      Json entry = {{"kind", s.kind == core::SuppressionKind::kInSource ? "inSource" : "external"}};
      if (!s.status.empty()) entry["status"] = s.status;
      if (!s.justification.empty()) entry["justification"] = cs::CleanBlock(s.justification, kMaxText);
      suppressions.push_back(entry);
    }
    out["suppressions"] = suppressions;
  }
  return out;
}

Json RunJson(const check::CheckResult& result, const Run& run) {
  std::map<std::string, Rule> rules;  // sorted by id: stable rule indices
  for (const auto* checked : run.findings) {
    const core::Finding& f = checked->finding;
    Rule& rule = rules[RuleId(f)];
    if (!rule.first) rule.first = &f;
    rule.severity = std::max(rule.severity, f.severity);
    for (int cwe : f.cwes) {
      if (cwe > 0) rule.cwes.push_back(cwe);
    }
  }
  Json rule_list = Json::array();
  std::map<std::string, size_t> index;
  for (auto& [id, rule] : rules) {
    std::sort(rule.cwes.begin(), rule.cwes.end());
    rule.cwes.erase(std::unique(rule.cwes.begin(), rule.cwes.end()), rule.cwes.end());
    index[id] = rule_list.size();
    rule_list.push_back(RuleJson(id, rule));
  }
  Json driver = {{"name", run.tool}};
  if (!run.version.empty()) driver["version"] = run.version;
  driver["rules"] = rule_list;
  Json results = Json::array();
  for (const auto* checked : run.findings) {
    results.push_back(ResultJson(result, *checked, index[RuleId(checked->finding)]));
  }
  return {{"tool", {{"driver", driver}}}, {"results", results}};
}

}  // namespace

std::string RenderCheckSarif(const check::CheckResult& result) {
  // Runs in the order of CheckResult::tools, one per tool name; tools only
  // the findings name (a baseline tool no longer run) follow, by name.
  std::vector<Run> runs;
  auto run_for = [&](const std::string& tool) -> Run* {
    for (auto& run : runs) {
      if (run.tool == tool) return &run;
    }
    return nullptr;
  };
  for (const auto& info : result.tools) {
    std::string tool = ToolName(info.tool);
    if (!run_for(tool)) runs.push_back({tool, cs::CleanLine(info.tool_version, 200), {}});
  }
  size_t listed = runs.size();
  for (const auto* list : {&result.introduced, &result.fixed}) {
    for (const auto* checked : cs::Sorted(*list)) {
      std::string tool = ToolName(checked->finding.tool);
      Run* run = run_for(tool);
      if (!run) {
        runs.push_back({tool, cs::CleanLine(checked->finding.tool_version, 200), {}});
        run = &runs.back();
      }
      run->findings.push_back(checked);
    }
  }
  std::sort(runs.begin() + static_cast<std::ptrdiff_t>(listed), runs.end(),
            [](const Run& a, const Run& b) { return a.tool < b.tool; });
  if (runs.empty()) runs.push_back({"candor", "", {}});

  Json out = {{"$schema", kSchema}, {"version", "2.1.0"}};
  Json run_list = Json::array();
  for (const auto& run : runs) run_list.push_back(RunJson(result, run));
  out["runs"] = run_list;
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candor::report
