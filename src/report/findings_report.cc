#include "report/findings_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "report/finding_json.h"

namespace candor::report {
namespace {

nlohmann::json ToJson(const store::StoredFinding& stored) {
  const core::Finding& f = stored.finding;
  nlohmann::json suppressions = nlohmann::json::array();
  for (const auto& s : f.suppressions) {
    suppressions.push_back(
        {{"kind", core::ToString(s.kind)}, {"status", s.status}, {"justification", s.justification}});
  }
  // Keys come out sorted (nlohmann::json), whatever order they are added in.
  nlohmann::json out = FindingJsonFields(f);
  out.update({
      {"id", stored.id},
      {"repo", stored.repo},
      {"status", store::ToString(stored.status)},
      {"snippet", f.snippet},
      {"suppressions", suppressions},
      {"related_locations", f.related_location_count},
      {"code_flows", f.code_flow_count},
      {"first_seen_scan", stored.first_seen_scan},
      {"last_seen_scan", stored.last_seen_scan},
      {"stage_first_seen", core::ToString(stored.stage_first_seen)},
  });
  if (!stored.fixed_at.empty()) out["fixed_at"] = stored.fixed_at;
  out["team"] = f.team.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.team);
  out["first_seen_at"] = stored.first_seen_at;
  if (!stored.decision_id.empty()) out["decision"] = stored.decision_id;
  if (!stored.due_date.empty()) {
    out["due"] = stored.due_date;
    out["overdue_days"] = stored.overdue ? nlohmann::json(stored.overdue_days) : nlohmann::json(nullptr);
  }
  return out;
}

std::string CsvField(std::string_view text) {
  // RFC 4180: quote fields holding separators, quotes or line breaks. A
  // leading = + - @ is prefixed with ' so spreadsheets do not run formulas
  // from scanner output (CSV injection).
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Location(const core::Finding& f) {
  if (f.path.empty()) return f.dependency.package.empty() ? "-" : f.dependency.package;
  if (f.region.start_line <= 0) return f.path;
  return fmt::format("{}:{}", f.path, f.region.start_line);
}

std::string OneLine(std::string_view text, size_t width) {
  std::string out;
  for (char c : core::Trim(text)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (out.size() > width) {
    // Cut at a UTF-8 character boundary.
    size_t cut = width - 3;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

std::string RenderText(const std::vector<store::StoredFinding>& findings) {
  if (findings.empty()) return "No findings match.\n";
  std::string out = fmt::format("{:<8}  {:<20}  {:<12}  {:<12}  {:<32}  {:<40}  {:<16}  {}\n", "SEVERITY",
                                "STATUS", "TEAM", "TOOL", "RULE", "LOCATION", "DUE", "MESSAGE");
  for (const auto& stored : findings) {
    const core::Finding& f = stored.finding;
    std::string status(store::ToString(stored.status));
    if (!stored.decision_id.empty()) status += " " + stored.decision_id;
    std::string due = stored.due_date.empty() ? "-"
                      : stored.overdue        ? fmt::format("{} +{}d", stored.due_date, stored.overdue_days)
                                              : stored.due_date;
    out +=
        fmt::format("{:<8}  {:<20}  {:<12}  {:<12}  {:<32}  {:<40}  {:<16}  {}\n", core::ToString(f.severity),
                    OneLine(status, 20), OneLine(f.team.empty() ? "-" : f.team, 12), OneLine(f.tool, 12),
                    OneLine(f.rule_id, 32), OneLine(Location(f), 40), due, OneLine(f.message, 100));
  }
  out += fmt::format("{} finding{}\n", findings.size(), findings.size() == 1 ? "" : "s");
  return out;
}

std::string RenderCsv(const std::vector<store::StoredFinding>& findings) {
  std::string out =
      "id,repo,status,severity,category,tool,rule_id,cwe,advisories,path,start_line,end_line,package,"
      "installed_version,fixed_version,message,identity,team,decision,due\n";
  for (const auto& stored : findings) {
    const core::Finding& f = stored.finding;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", stored.id,
                       CsvField(stored.repo), store::ToString(stored.status), core::ToString(f.severity),
                       core::ToString(f.category), CsvField(f.tool), CsvField(f.rule_id),
                       fmt::join(f.cwes, ";"), CsvField(fmt::format("{}", fmt::join(f.advisories, ";"))),
                       CsvField(f.path), f.region.start_line, f.region.end_line,
                       CsvField(f.dependency.package), CsvField(f.dependency.installed_version),
                       CsvField(f.dependency.fixed_version), CsvField(f.message), f.identity,
                       CsvField(f.team), CsvField(stored.decision_id), stored.due_date);
  }
  return out;
}

}  // namespace

std::string FindingJson(const store::StoredFinding& stored) {
  return ToJson(stored).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RenderFindings(const std::vector<store::StoredFinding>& findings, FindingsFormat format) {
  switch (format) {
    case FindingsFormat::kText: return RenderText(findings);
    case FindingsFormat::kCsv: return RenderCsv(findings);
    case FindingsFormat::kJson: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& stored : findings) out.push_back(ToJson(stored));
      // Invalid UTF-8 cannot reach here (readers validate), but never throw on output.
      return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
  }
  return {};
}

}  // namespace candor::report
