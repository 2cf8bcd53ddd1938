// candor findings: list what the store holds.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/options.h"
#include "report/findings_report.h"
#include "store/store.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor findings --repo acme/payments --severity '>=high'
  candor findings --category secrets --format json
  candor findings --tool semgrep --path 'src/**/*.py' --format csv -o findings.csv)EX";

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
  if (auto exit = ParseArgs(app, args)) return *exit;

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
  auto findings = (*store)->QueryFindings(filter);
  if (!findings) return ReportError(findings.error());
  std::string text = report::RenderFindings(*findings, format);
  if (auto written = WriteOutput(output, text); !written) return ReportError(written.error());
  return 0;
}

}  // namespace candor::cli
