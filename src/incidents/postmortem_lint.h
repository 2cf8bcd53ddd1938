#pragma once
// `candor postmortem lint`: checks a postmortem like a compiler, for
// completeness (every section present and filled, action items systemic,
// owned and dated) and for blame language (blame_rules.h), each problem with
// line:column, category and a suggested rewrite. Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "incidents/markdown_outline.h"
#include "incidents/roster.h"

namespace candor::incidents {

struct LintProblem {
  SourcePosition at;
  std::string category;  // "completeness/missing-section", "blame/counterfactual", ...
  std::string message;
  std::string rewrite;  // the suggested rewrite or fix
};

// Problems in source order. Errors as ParseOutline's (size, UTF-8).
core::Result<std::vector<LintProblem>> LintPostmortem(std::string_view markdown, std::string_view path,
                                                      const Roster& roster);

// The language and completeness checks on an outline already parsed.
std::vector<LintProblem> LintOutline(const Outline& outline, const Roster& roster);

}  // namespace candor::incidents
