// candor findings: list what the store holds.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/options.h"
#include "pipeline/due_dates.h"
#include "policy/policy.h"
#include "report/findings_report.h"
#include "store/store.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor findings --repo acme/payments --severity '>=high'
  candor findings --category secrets --format json
  candor findings --tool semgrep --path 'src/**/*.py' --format csv -o findings.csv
  candor findings --overdue --team payments --org-policy org-policy.yaml

Every open finding has a due date: first seen + the SLA days of its severity (policy 'sla', per
tier of its service in the catalog; defaults critical 7, high 30, medium 90, low 180). A
fix_scheduled decision moves it to the decision's expiry, at most sla.fix_scheduled_max_days
(default 30) further.)EX";

// "--severity high" and "--severity '>=high'" both mean high or worse.
std::optional<core::Severity> ParseSeverityFloor(std::string_view text) {
  if (text.starts_with(">=")) text.remove_prefix(2);
  return core::ParseSeverity(text);
}

}  // namespace

int RunFindings(std::span<char* const> args) {
  CLI::App app{"List recorded findings.", "findings"};
  app.footer(std::string(kExamples));
  std::string db_url, severity, category, format_name = "text", output;
  store::FindingFilter filter;
  AddDbOption(app, db_url);
  app.add_option("--repo", filter.repo, "Only this repository");
  app.add_option("--severity", severity, "Only this severity or worse, e.g. '>=high'");
  app.add_option("--category", category, "sast|sca|secrets|iac|container|dast|other");
  app.add_option("--tool", filter.tool, "Only findings of this tool");
  app.add_option("--path", filter.path_glob, "Only paths matching this glob ('*', '?', '**')");
  app.add_option("--limit", filter.limit, "At most this many findings (0: all)");
  app.add_option("--format", format_name, "text|json|csv")->capture_default_str();
  app.add_option("-o,--output", output, "Write to this file instead of standard output");
  std::string status_name, as_of, policy_file, org_policy_file;
  bool overdue = false;
  app.add_option("--team", filter.team, "Only findings this team owns");
  app.add_option("--status", status_name, "open|fixed|accepted|false_positive|mitigated");
  app.add_flag("--overdue", overdue, "Only open findings past their SLA due date");
  app.add_option("--as-of", as_of, "Judge due dates as of this date (ISO 8601; default now)");
  app.add_option("--policy", policy_file, "The team's policy (SLA)");
  app.add_option("--org-policy", org_policy_file, "The organisation's policy (SLA floor)");
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (!status_name.empty()) {
    auto status = store::ParseFindingStatus(status_name);
    if (!status)
      return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --status '{}'", status_name)});
    filter.statuses = {*status};
  }
  if (overdue) filter.statuses = {store::FindingStatus::kOpen};
  core::TimePoint now = core::SystemClock().Now();
  if (!as_of.empty()) {
    auto parsed = core::ParseIso8601(as_of);
    if (!parsed)
      return ReportError({core::ErrorCode::kUsage, fmt::format("--as-of '{}' is not a date", as_of)});
    now = *parsed;
  }
  auto policy = policy::LoadEffectivePolicy(policy_file, org_policy_file);
  if (!policy) return ReportError(policy.error());

  if (!severity.empty()) {
    filter.min_severity = ParseSeverityFloor(severity);
    if (!filter.min_severity)
      return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --severity '{}'", severity)});
  }
  if (!category.empty()) {
    filter.category = core::ParseCategory(category);
    if (!filter.category)
      return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --category '{}'", category)});
  }
  report::FindingsFormat format;
  if (format_name == "text")
    format = report::FindingsFormat::kText;
  else if (format_name == "json")
    format = report::FindingsFormat::kJson;
  else if (format_name == "csv")
    format = report::FindingsFormat::kCsv;
  else
    return ReportError(
        {core::ErrorCode::kUsage, fmt::format("unknown --format '{}' (text, json, csv)", format_name)});

  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  // The limit applies after the overdue filter.
  const size_t limit = filter.limit;
  if (overdue) filter.limit = 0;
  auto findings = (*store)->QueryFindings(filter);
  if (!findings) return ReportError(findings.error());
  if (auto dated = pipeline::AssignDueDates(*findings, **store, *policy, now); !dated) {
    return ReportError(dated.error());
  }
  if (overdue) {
    std::erase_if(*findings, [](const store::StoredFinding& f) { return !f.overdue; });
    if (limit > 0 && findings->size() > limit) findings->resize(limit);
  }
  std::string text = report::RenderFindings(*findings, format);
  if (auto written = WriteOutput(output, text); !written) return ReportError(written.error());
  return 0;
}

}  // namespace candor::cli
