// The threat report as SARIF 2.1.0, so threats appear in code scanning next
// to the code findings: one run of the tool "candor-threatmodel", a rule per
// threat rule (its requirement as help), a result per threat located at the
// element in the model file. Threats with a decision carry a suppression, so
// code scanning shows them as dismissed rather than open.

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "report/check_report.h"
#include "report/check_support.h"
#include "report/threat_report.h"
#include "threatmodel/ratings.h"

namespace candor::report {
namespace {

namespace cs = check_support;
using Json = nlohmann::ordered_json;
using threatmodel::Threat;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string_view Level(core::Severity severity) {
  switch (severity) {
    case core::Severity::kCritical:
    case core::Severity::kHigh: return "error";
    case core::Severity::kMedium: return "warning";
    default: return "note";
  }
}

// "FILE:LINE:COL" -> its parts; line 0 when `where` has no position.
struct Position {
  std::string file;
  int line = 0;
  int column = 0;
};

Position ParseWhere(std::string_view where) {
  Position p;
  // JSON models say "FILE: at $.path": the file, without a region.
  const Position file_only{std::string(where.substr(0, where.find(": "))), 0, 0};
  auto last = where.rfind(':');
  if (last == std::string_view::npos || last == 0) return file_only;
  auto middle = where.rfind(':', last - 1);
  if (middle == std::string_view::npos) return file_only;
  std::string_view line = where.substr(middle + 1, last - middle - 1), column = where.substr(last + 1);
  if (std::from_chars(line.data(), line.data() + line.size(), p.line).ec != std::errc() ||
      std::from_chars(column.data(), column.data() + column.size(), p.column).ec != std::errc()) {
    return file_only;
  }
  p.file = std::string(where.substr(0, middle));
  return p;
}

}  // namespace

std::string RenderThreatSarif(const threatmodel::Assessment& a) {
  std::map<std::string, const Threat*> rules;  // first threat of each rule, for its texts
  std::map<std::string, core::Severity> rule_severity;
  for (const Threat& t : a.threats) {
    rules.try_emplace(t.rule_id, &t);
    auto [it, inserted] = rule_severity.try_emplace(t.rule_id, t.severity);
    if (!inserted) it->second = std::max(it->second, t.severity);
  }
  std::map<std::string, const threatmodel::RequirementResult*> requirements;
  for (const auto& r : a.requirements) requirements.emplace(r.requirement.id, &r);

  Json sarif_rules = Json::array();
  std::map<std::string, size_t> rule_index;
  for (const auto& [id, t] : rules) {
    rule_index[id] = sarif_rules.size();
    Json tags = Json::array({"security", "threat-model", threatmodel::ToString(t->stride)});
    for (int cwe : t->cwes) tags.push_back(fmt::format("external/cwe/cwe-{}", cwe));
    Json rule{{"id", id},
              {"name", id},
              {"shortDescription", {{"text", cs::CleanLine(t->title)}}},
              {"properties",
               {{"tags", tags},
                {"security-severity", fmt::format("{:.1f}", SecuritySeverityScore(rule_severity[id]))}}}};
    if (auto it = requirements.find(t->requirement); it != requirements.end()) {
      const auto& r = it->second->requirement;
      std::string help =
          fmt::format("{} {}: {}{}", r.id, r.title, r.text, r.asvs.empty() ? "" : " (ASVS " + r.asvs + ")");
      rule["help"] = {{"text", cs::CleanBlock(help)}};
    }
    if (!t->cwes.empty()) rule["helpUri"] = cs::CweUrl(t->cwes.front());
    sarif_rules.push_back(std::move(rule));
  }

  Json results = Json::array();
  for (const Threat& t : a.threats) {
    std::string why;
    for (const auto& fact : t.because) why += (why.empty() ? "" : "; ") + fact;
    Position where = ParseWhere(t.element_where);
    Json physical{{"artifactLocation", {{"uri", cs::EncodePath(where.file)}}}};
    if (where.line > 0)
      physical["region"] = {{"startLine", where.line}, {"startColumn", std::max(1, where.column)}};
    Json result{
        {"ruleId", t.rule_id},
        {"ruleIndex", rule_index[t.rule_id]},
        {"level", Level(t.severity)},
        {"message",
         {{"text", cs::CleanLine(fmt::format("{} on '{}': {} (impact: {})", t.title, t.element_name, why,
                                             t.impact_basis))}}},
        {"locations",
         Json::array(
             {{{"physicalLocation", physical},
               {"logicalLocations",
                Json::array(
                    {{{"name", t.element_id},
                      {"kind", t.element_kind == threatmodel::Target::kFlow ? "flow" : "component"}}})}}})},
        {"partialFingerprints", {{"candorThreatId/v1", t.id}}},
        {"properties",
         {{"threat-id", t.id},
          {"security-severity", fmt::format("{:.1f}", SecuritySeverityScore(t.severity))},
          {"status", threatmodel::ToString(t.status)}}}};
    if (!t.decision_id.empty()) result["properties"]["decision"] = t.decision_id;
    if (!t.decision_problem.empty())
      result["properties"]["decision-problem"] = cs::CleanLine(t.decision_problem);
    // A scheduled fix is still an open risk, so only settled threats are suppressed.
    if (t.status == threatmodel::ThreatStatus::kAccepted ||
        t.status == threatmodel::ThreatStatus::kMitigated ||
        t.status == threatmodel::ThreatStatus::kFalsePositive) {
      Json suppression{{"kind", "external"}, {"status", "accepted"}};
      std::string justification = t.decision_id.empty() ? std::string(threatmodel::ToString(t.status)) +
                                                              (t.note.empty() ? "" : ": " + t.note)
                                                        : t.decision_id + ": " + t.note;
      suppression["justification"] = cs::CleanLine(justification);
      result["suppressions"] = Json::array({suppression});
    }
    results.push_back(std::move(result));
  }
  Json log{
      {"$schema", kSchema},
      {"version", "2.1.0"},
      {"runs", Json::array({{{"tool", {{"driver", {{"name", "candor-threatmodel"}, {"rules", sarif_rules}}}}},
                             {"results", results}}})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candor::report
