#pragma once
// What every check renderer shares: a deterministic order of findings, the
// verdict in words, guardrail names per finding, and cleaning of tool text.
// Internal to report/; pure functions, thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "check/check_result.h"

namespace candor::report::check_support {

// Findings in a total, deterministic order: most severe first, then path,
// line, column, rule, tool, message, identity. Pointers into `findings`.
std::vector<const check::CheckedFinding*> Sorted(const std::vector<check::CheckedFinding>& findings);

// The guardrails `finding` tripped, in policy order, without duplicates;
// indices out of range are ignored. Pointers into `result.guardrails`.
std::vector<const check::GuardrailOutcome*> Tripped(const check::CheckResult& result,
                                                    const check::CheckedFinding& finding);
std::vector<std::string> TrippedNames(const check::CheckResult& result, const check::CheckedFinding& finding);

struct Verdict {
  bool blocked = false;
  size_t blocking = 0;                           // introduced findings whose strictest action is block
  size_t warning = 0;                            // ... warn
  size_t informing = 0;                          // ... inform (including those that tripped nothing)
  size_t suppressed = 0;                         // covered by a decision in force (not in the three above)
  std::vector<std::string> blocking_guardrails;  // names, policy order
  std::vector<std::string> warning_guardrails;   // warn guardrails that tripped
};
Verdict Judge(const check::CheckResult& result);

// The one-line verdict in plain words, without decoration:
// "2 new findings block this change (guardrail no-new-high)" or
// "No new security findings block this change". Tool text in it is not
// escaped; `clean` guardrail names first when the format needs it.
std::string VerdictLine(const Verdict& verdict);

// "1 high, 2 medium": counts by severity, most severe first; "" when empty.
std::string SeverityCounts(const std::vector<check::CheckedFinding>& findings);

// "1 finding" / "3 findings".
std::string Count(size_t n, std::string_view singular, std::string_view plural);

// "path:line", "path", the dependency's package, or "(no location)".
std::string Location(const core::Finding& finding);

// The rule as people read it: "name (id)", or the id alone.
std::string RuleLabel(const core::Finding& finding);

// Tool text made safe for one line of any output: invalid UTF-8 becomes
// U+FFFD, tabs and line breaks become spaces (runs collapsed), other control
// characters (C0, DEL, C1) are dropped, leading and trailing space trimmed;
// cut at a character boundary to at most `max_bytes` with "..." appended.
std::string CleanLine(std::string_view text, size_t max_bytes = 2000);

// The same, but keeps line breaks ('\n'; "\r\n" and '\r' become '\n') and
// trims each line's trailing space; for help texts shown in blocks.
std::string CleanBlock(std::string_view text, size_t max_bytes = 4000);

// "https://cwe.mitre.org/data/definitions/89.html".
std::string CweUrl(int cwe);

// Whether `uri` is an absolute http(s) URL without spaces or control
// characters: only such help URIs are rendered as links.
bool IsWebUrl(std::string_view uri);

// Percent-encodes a repository path for use in a URL: keeps unreserved
// characters and '/', encodes everything else byte by byte.
std::string EncodePath(std::string_view path);

}  // namespace candor::report::check_support
