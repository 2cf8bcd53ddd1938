#pragma once
// CheckResults for the check renderers' tests: a realistic pull request
// (two tools, default guardrails, a diff, links), an empty one, one full of
// hostile text, and findings read from real SARIF logs in tests/data.

#include <string>
#include <vector>

#include "check/check_result.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_reader.h"
#include "policy/policy.h"

namespace candor::report::testing {

inline core::Finding MakeFinding(core::Severity severity, std::string path, int line, std::string rule_id,
                                 std::string rule_name, std::string message, std::string tool = "CodeQL") {
  core::Finding f;
  f.tool = std::move(tool);
  f.tool_version = f.tool == "CodeQL" ? "2.15.0" : "8.18.0";
  f.rule_id = std::move(rule_id);
  f.rule_name = std::move(rule_name);
  f.category = core::Category::kSast;
  f.severity = severity;
  f.path = std::move(path);
  f.region = {line, 5, line, 30};
  f.message = std::move(message);
  f.identity = "id-" + f.rule_id + "-" + f.path;
  return f;
}

inline check::CheckedFinding Checked(core::Finding f, std::vector<size_t> tripped, policy::Action action,
                                     bool on_changed_line = true,
                                     core::BaselineState state = core::BaselineState::kNew) {
  check::CheckedFinding checked;
  checked.finding = std::move(f);
  checked.state = state;
  checked.on_changed_line = on_changed_line;
  checked.tripped = std::move(tripped);
  checked.action = action;
  return checked;
}

// Guardrails of the built-in default policy: 0 no-new-high (block),
// 1 no-new-secrets (block), 2 warn-new-medium (warn).
inline std::vector<check::GuardrailOutcome> DefaultOutcomes(size_t high, size_t secrets, size_t medium) {
  std::vector<check::GuardrailOutcome> out;
  std::vector<size_t> counts{high, secrets, medium};
  auto policy = policy::DefaultPolicy();
  for (size_t i = 0; i < policy.guardrails.size(); ++i) out.push_back({policy.guardrails[i], counts.at(i)});
  return out;
}

// A PR that adds a SQL injection on a changed line, a secret, and a medium
// path injection on a line it did not change; it fixes two findings.
// `introduced` is deliberately not in the renderers' order.
inline check::CheckResult BlockedResult() {
  check::CheckResult result;
  auto sql = MakeFinding(core::Severity::kHigh, "src/app/db.py", 42, "py/sql-injection",
                         "SQL query built from user-controlled sources",
                         "This query depends on a user-provided value.");
  sql.cwes = {89};
  sql.rule_help =
      "If a database query is built from user-provided data without sufficient sanitization, a user may be "
      "able "
      "to run malicious database queries.\n\nUse parameterized queries.";
  sql.help_uri = "https://codeql.github.com/codeql-query-help/python/py-sql-injection/";
  sql.partial_fingerprints = {{"primaryLocationLineHash", "9a3f2c1d0b:1"}};
  auto secret =
      MakeFinding(core::Severity::kCritical, "config/settings.py", 7, "aws-access-token", "AWS Access Token",
                  "Identified a pattern that may indicate AWS credentials.", "gitleaks");
  secret.category = core::Category::kSecrets;
  secret.cwes = {798};
  secret.fingerprints = {{"gitleaks/v1", "config/settings.py:aws-access-token:7"}};
  auto path =
      MakeFinding(core::Severity::kMedium, "src/app/files.py", 88, "py/path-injection",
                  "Uncontrolled data used in path expression", "This path depends on a user-provided value.");
  path.cwes = {22, 23, 36};
  path.rule_help = "Validate user input before using it to construct a file path.";
  result.introduced = {Checked(path, {2}, policy::Action::kWarn, false),
                       Checked(sql, {0}, policy::Action::kBlock, true),
                       Checked(secret, {0, 1}, policy::Action::kBlock, true)};
  auto old_xss =
      MakeFinding(core::Severity::kHigh, "src/web/views.py", 120, "py/reflective-xss",
                  "Reflected server-side cross-site scripting", "Cross-site scripting vulnerability.");
  old_xss.cwes = {79, 116};
  auto old_log = MakeFinding(core::Severity::kLow, "src/web/log.py", 12, "py/log-injection", "Log Injection",
                             "This log entry depends on a user-provided value.");
  result.fixed = {Checked(old_log, {}, policy::Action::kInform, false, core::BaselineState::kAbsent),
                  Checked(old_xss, {}, policy::Action::kInform, false, core::BaselineState::kAbsent)};
  result.unchanged = 12;
  result.guardrails = DefaultOutcomes(2, 1, 1);
  result.diff_given = true;
  result.tools = {{"CodeQL", "2.15.0", 0}, {"gitleaks", "8.18.0", 0}};
  result.link_base = "https://github.com/acme/shop/blob/0123abc/";
  result.warnings = {"codeql.sarif: byte 812 at $.runs[0].results[3]: region.startLine 0 read as not given"};
  return result;
}

// A PR that only adds a medium finding (warns) and fixes one.
inline check::CheckResult HoldingResult() {
  check::CheckResult result = BlockedResult();
  result.introduced.erase(result.introduced.begin() + 1, result.introduced.end());
  result.fixed.resize(1);
  result.guardrails = DefaultOutcomes(0, 0, 1);
  result.warnings.clear();
  return result;
}

inline check::CheckResult EmptyResult() {
  check::CheckResult result;
  result.guardrails = DefaultOutcomes(0, 0, 0);
  return result;
}

// Text that tries to break out of every format.
inline constexpr const char* kHostile =
    "<script>alert(1)</script> | pipe `tick` *star* [x](javascript:alert(1)) @octocat 50% a:b,c\r\n"
    "::error::injected\n# heading\x1b[31m red \x01\x7f \xff\xfe bad utf8 \xEF\xBF\xBE ]]> &amp; \"q\" 'a' "
    "\xE2\x80\xAE reversed <!-- candor:check -->";

inline check::CheckResult HostileResult() {
  check::CheckResult result;
  auto f = MakeFinding(core::Severity::kHigh, std::string("src/we ird,na:me%|<x>.py"), 3, kHostile, kHostile,
                       kHostile, kHostile);
  f.rule_help = kHostile;
  f.help_uri = "javascript:alert(1)";
  f.cwes = {79};
  f.fingerprints = {{kHostile, kHostile}};
  f.tool_version = kHostile;
  auto guardrails = DefaultOutcomes(1, 0, 0);
  guardrails[0].guardrail.name = kHostile;
  guardrails[0].guardrail.description = kHostile;
  result.introduced = {Checked(f, {0, 7}, policy::Action::kBlock, true)};
  result.fixed = {Checked(f, {}, policy::Action::kInform, false, core::BaselineState::kAbsent)};
  result.guardrails = guardrails;
  result.diff_given = true;
  result.tools = {{kHostile, kHostile, 0}};
  result.link_base = "https://github.com/acme/shop/blob/0123abc/";
  result.warnings = {kHostile};
  return result;
}

// Every finding of a real SARIF log, as introduced findings that trip the
// default guardrails by severity (for renderers fed real tool text).
inline check::CheckResult ResultFromSarif(const std::string& path) {
  check::CheckResult result;
  auto input = ingest::LoadInput(path, {});
  if (!input) return result;
  ingest::ParseContext context;
  ingest::CollectingSink sink;
  if (!ingest::ReadSarif(*input, context, sink)) return result;
  result.guardrails = DefaultOutcomes(0, 0, 0);
  for (const auto& run : sink.runs) {
    result.tools.push_back(run.info);
    for (const auto& f : run.findings) {
      std::vector<size_t> tripped;
      policy::Action action = policy::Action::kInform;
      if (f.severity >= core::Severity::kHigh) {
        tripped.push_back(0), action = policy::Action::kBlock, ++result.guardrails[0].tripped;
      } else if (f.severity == core::Severity::kMedium) {
        tripped.push_back(2), action = policy::Action::kWarn, ++result.guardrails[2].tripped;
      }
      result.introduced.push_back(Checked(f, tripped, action, false));
    }
  }
  result.warnings = context.warnings;
  return result;
}

}  // namespace candor::report::testing
