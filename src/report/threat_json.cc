// The threat report and the threat diff as JSON for scripts: every field of
// every threat and requirement, in a stable order.

#include <nlohmann/json.hpp>

#include "report/threat_report.h"
#include "threatmodel/ratings.h"

namespace candor::report {
namespace {

using Json = nlohmann::ordered_json;
using threatmodel::Threat;

Json ThreatJson(const Threat& t) {
  return Json{{"id", t.id},
              {"rule", t.rule_id},
              {"title", t.title},
              {"stride", threatmodel::ToString(t.stride)},
              {"cwe", t.cwes},
              {"element",
               {{"kind", t.element_kind == threatmodel::Target::kFlow ? "flow" : "component"},
                {"id", t.element_id},
                {"name", t.element_name},
                {"where", t.element_where}}},
              {"because", t.because},
              {"impact_basis", t.impact_basis},
              {"likelihood", threatmodel::LikelihoodName(t.likelihood)},
              {"impact", t.impact},
              {"severity", core::ToString(t.severity)},
              {"status", threatmodel::ToString(t.status)},
              {"note", t.note},
              {"decision", t.decision_id},
              {"decision_problem", t.decision_problem},
              {"requirement", t.requirement}};
}

Json RequirementJson(const threatmodel::RequirementResult& r, const FindingEvidence* evidence) {
  Json out{{"id", r.requirement.id},
           {"title", r.requirement.title},
           {"text", r.requirement.text},
           {"asvs", r.requirement.asvs},
           {"cwe", r.cwes},
           {"severity", core::ToString(r.severity)},
           {"threats", r.threat_ids}};
  if (evidence && evidence->available) out["open_findings"] = evidence->OpenFor(r.cwes);
  return out;
}

// Invalid UTF-8 in a model's names must not abort the dump.
std::string Dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string RenderThreatJson(const threatmodel::Assessment& a, const FindingEvidence& evidence) {
  Json threats = Json::array(), requirements = Json::array(), stale = Json::array();
  for (const Threat& t : a.threats) threats.push_back(ThreatJson(t));
  for (const auto& r : a.requirements) requirements.push_back(RequirementJson(r, &evidence));
  for (const auto& d : a.stale_decisions) {
    stale.push_back({{"id", d.threat_id}, {"status", threatmodel::ToString(d.status)}, {"where", d.where}});
  }
  return Dump(Json{{"model", {{"title", a.title}, {"source", a.source}}},
                   {"threats", threats},
                   {"requirements", requirements},
                   {"stale_decisions", stale}});
}

std::string RenderThreatDiffJson(const threatmodel::AssessmentDiff& diff, const DiffVerdict& verdict) {
  Json added = Json::array(), removed = Json::array(), changed = Json::array(), req_added = Json::array(),
       req_removed = Json::array(), blocking = Json::array();
  for (const auto& t : diff.added) added.push_back(ThreatJson(t));
  for (const auto& t : diff.removed) removed.push_back(ThreatJson(t));
  for (const auto& c : diff.changed) {
    changed.push_back({{"id", c.after.id},
                       {"before", core::ToString(c.before.severity)},
                       {"after", core::ToString(c.after.severity)},
                       {"threat", ThreatJson(c.after)}});
  }
  for (const auto& r : diff.requirements_added) req_added.push_back(RequirementJson(r, nullptr));
  for (const auto& r : diff.requirements_removed) req_removed.push_back(RequirementJson(r, nullptr));
  for (const Threat* t : verdict.blocking) blocking.push_back(t->id);
  return Dump(Json{{"threshold", core::ToString(verdict.threshold)},
                   {"blocked", !verdict.blocking.empty()},
                   {"blocking", blocking},
                   {"added", added},
                   {"removed", removed},
                   {"severity_changed", changed},
                   {"requirements_added", req_added},
                   {"requirements_removed", req_removed}});
}

}  // namespace candor::report
