#pragma once
// `candor postmortem lint`'s output: text (compiler style), JSON, or SARIF
// 2.1.0 (one rule per category, a result per problem). Pure; thread-safe.

#include <span>
#include <string>
#include <string_view>

#include "incidents/postmortem_lint.h"

namespace candor::incidents {

enum class LintFormat { kText, kJson, kSarif };

std::string RenderLint(std::span<const LintProblem> problems, std::string_view path, LintFormat format);

}  // namespace candor::incidents
