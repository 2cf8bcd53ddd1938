#include "report/check_report.h"

#include "core/text.h"

namespace candor::report {

std::optional<CheckFormat> ParseCheckFormat(std::string_view name) {
  if (core::EqualsIgnoreCase(name, "md")) return CheckFormat::kMarkdown;
  for (CheckFormat format : {CheckFormat::kMarkdown, CheckFormat::kGithub, CheckFormat::kJunit,
                             CheckFormat::kSarif, CheckFormat::kJson, CheckFormat::kText}) {
    if (core::EqualsIgnoreCase(name, ToString(format))) return format;
  }
  return std::nullopt;
}

std::string_view ToString(CheckFormat format) {
  switch (format) {
    case CheckFormat::kMarkdown: return "markdown";
    case CheckFormat::kGithub: return "github";
    case CheckFormat::kJunit: return "junit";
    case CheckFormat::kSarif: return "sarif";
    case CheckFormat::kJson: return "json";
    case CheckFormat::kText: return "text";
  }
  return "text";
}

std::string RenderCheck(const check::CheckResult& result, CheckFormat format) {
  switch (format) {
    case CheckFormat::kMarkdown: return RenderCheckMarkdown(result);
    case CheckFormat::kGithub: return RenderCheckGithub(result);
    case CheckFormat::kJunit: return RenderCheckJunit(result);
    case CheckFormat::kSarif: return RenderCheckSarif(result);
    case CheckFormat::kJson: return RenderCheckJson(result);
    case CheckFormat::kText: return RenderCheckText(result);
  }
  return RenderCheckText(result);
}

double SecuritySeverityScore(core::Severity severity) {
  switch (severity) {
    case core::Severity::kCritical: return 9.5;
    case core::Severity::kHigh: return 8.0;
    case core::Severity::kMedium: return 5.5;
    case core::Severity::kLow: return 2.0;
    case core::Severity::kInfo: return 0.0;
  }
  return 0.0;
}

}  // namespace candor::report
