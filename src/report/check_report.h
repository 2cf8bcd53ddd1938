#pragma once
// Renders what `candor check` found for one change (check::CheckResult): the
// pull-request comment (Markdown), GitHub Actions annotations, JUnit XML,
// SARIF 2.1.0 for code scanning, stable JSON and a compact terminal view.
// docs/check-output.md shows each with an example.
//
// Every renderer is a pure function of the result: the same result renders
// byte for byte the same (findings are sorted here, no clock is read), and
// text from tools (messages, rule names, paths, help) is escaped for the
// format, so hostile input cannot break out of it. Thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "check/check_result.h"

namespace candor::report {

enum class CheckFormat { kMarkdown, kGithub, kJunit, kSarif, kJson, kText };

// "markdown" (also "md"), "github", "junit", "sarif", "json", "text";
// case-insensitive. Unknown names give nullopt.
std::optional<CheckFormat> ParseCheckFormat(std::string_view name);
std::string_view ToString(CheckFormat format);  // the canonical name above

std::string RenderCheck(const check::CheckResult& result, CheckFormat format);

// One function per format; RenderCheck picks among them.
std::string RenderCheckMarkdown(const check::CheckResult& result);
std::string RenderCheckGithub(const check::CheckResult& result);
std::string RenderCheckJunit(const check::CheckResult& result);
std::string RenderCheckSarif(const check::CheckResult& result);
std::string RenderCheckJson(const check::CheckResult& result);
std::string RenderCheckText(const check::CheckResult& result);

// The marker line the Markdown comment starts with, so a bot can find and
// replace its previous comment.
inline constexpr std::string_view kCheckCommentMarker = "<!-- candor:check -->";

// SARIF `properties.security-severity` for a Candor severity, the scores
// GitHub code scanning reads back into the same severity: critical 9.5,
// high 8.0, medium 5.5, low 2.0, info 0.0.
double SecuritySeverityScore(core::Severity severity);

}  // namespace candor::report
