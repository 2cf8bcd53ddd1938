// candor check: the pull-request view, with guardrails instead of a gate.

#include <fmt/format.h>

#include <filesystem>

#include "check/run_check.h"
#include "cli/command.h"
#include "cli/options.h"
#include "report/check_report.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor check --current semgrep.sarif --baseline main-semgrep.sarif --diff pr.diff --format markdown -o comment.md
  candor check --current semgrep.sarif trivy.json --db sqlite:.candor/candor.db --repo acme/payments \
      --base-branch main --base-ref origin/main --head-ref HEAD --format github
  candor check --current pr.sarif --baseline main.sarif --policy .candor/policy.yaml --org-policy org.yaml \
      --format junit -o candor-junit.xml

Shows only what the change introduced (new or updated findings) and what it fixed; old debt stays out of
the way. Guardrails come from --policy on top of --org-policy (a team may tighten the organisation's floor,
never loosen it); without either, .candor/policy.yaml in --repo-dir is used when present, else the built-in
default (block new high/critical findings and new secrets, warn on new medium ones).
Exit status: 0 guardrails hold, 1 a guardrail blocks, 2 bad input or usage.)EX";

}  // namespace

int RunCheck(std::span<char* const> args) {
  CLI::App app{"Show a change only what it introduced, and whether the guardrails hold.", "check"};
  app.footer(std::string(kExamples));
  check::CheckRequest request;
  std::string db_url, format_name = "text", output, input_format = "auto";
  size_t max_input_mb = request.limits.max_input_bytes >> 20;
  bool quiet = false;
  app.add_option("--current", request.current_files, "Scanner outputs of the change")->required();
  auto* baseline =
      app.add_option("--baseline", request.baseline_files, "The same scanners' outputs on the base");
  auto* db = app.add_option("--db", db_url, "Take the baseline from this store (sqlite:PATH)");
  app.add_option("--repo", request.repo, "Repository in the store, with --db");
  app.add_option("--base-branch", request.base_branch,
                 "Branch whose latest scans are the baseline, with --db")
      ->capture_default_str();
  baseline->excludes(db);
  auto* diff =
      app.add_option("--diff", request.diff_file, "Unified diff of the change (git diff base...head)");
  auto* base_ref =
      app.add_option("--base-ref", request.base_ref, "Git ref of the base (diffed from the merge-base)");
  app.add_option("--head-ref", request.head_ref, "Git ref of the change (default HEAD)");
  app.add_option("--repo-dir", request.repo_dir, "Git working tree for --base-ref/--head-ref and .candor/")
      ->capture_default_str();
  diff->excludes(base_ref);
  auto* source =
      app.add_option("--source", request.source_dir,
                     "Checkout of the change (with --baseline-source): identify findings by their code");
  auto* baseline_source = app.add_option("--baseline-source", request.baseline_source_dir,
                                         "Checkout of the base (with --source)");
  source->needs(baseline_source);
  baseline_source->needs(source);
  app.add_option("--policy", request.policy_file, "The team's guardrails (policy.yaml)");
  app.add_option("--org-policy", request.org_policy_file, "The organisation's floor (policy.yaml)");
  app.add_option("--codeowners", request.codeowners_file, "CODEOWNERS file (default: found in --repo-dir)");
  app.add_option("--service", request.service_file, "Service file (default: .candor/service.yaml)");
  app.add_option("--roster", request.roster_file, "Team roster (default: .candor/teams.yaml)");
  app.add_option("--decisions", request.decisions_file,
                 "The team's risk decisions (default: .candor/decisions.yaml; with --db also the store's)");
  std::string as_of;
  app.add_option("--as-of", as_of, "Judge decisions' expiry as of this date (ISO 8601; default now)");
  app.add_option("--format", format_name, "markdown|github|junit|sarif|json|text")->capture_default_str();
  app.add_option("--input-format", input_format,
                 "Scanner output format: auto|sarif|trivy|gitleaks|npm-audit|bandit|semgrep")
      ->capture_default_str();
  app.add_option("--link-base", request.link_base,
                 "Prefix for file links in the PR comment, e.g. https://github.com/o/r/blob/SHA/");
  app.add_option("-o,--output", output, "Write the report here (default: standard output)");
  app.add_option("--max-input-mb", max_input_mb, "Refuse inputs larger than this")->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "No summary line on standard error");
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (!as_of.empty()) {
    auto parsed = core::ParseIso8601(as_of);
    if (!parsed)
      return ReportError({core::ErrorCode::kUsage, fmt::format("--as-of '{}' is not a date", as_of)});
    request.now = *parsed;
  }

  auto format = report::ParseCheckFormat(format_name);
  if (!format) {
    return ReportError(
        {core::ErrorCode::kUsage,
         fmt::format("unknown --format '{}' (markdown, github, junit, sarif, json, text)", format_name)});
  }
  auto scanner_format = ingest::ParseFormat(input_format);
  if (!scanner_format) {
    return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --input-format '{}'", input_format)});
  }
  request.format = *scanner_format;
  request.limits.max_input_bytes = max_input_mb << 20;
  if (request.baseline_files.empty() && db_url.empty()) {
    return ReportError(
        {core::ErrorCode::kUsage, "give the baseline: --baseline FILE... or --db URL --repo REPO"});
  }
  if (!db_url.empty() && request.repo.empty()) {
    return ReportError(
        {core::ErrorCode::kUsage, "--db needs --repo (the repository whose scans are the baseline)"});
  }
  if (request.policy_file.empty() && request.org_policy_file.empty()) {
    auto team_policy = std::filesystem::path(request.repo_dir) / ".candor" / "policy.yaml";
    std::error_code error;
    if (std::filesystem::is_regular_file(team_policy, error)) request.policy_file = team_policy.string();
  }

  std::unique_ptr<store::Store> store;
  if (!db_url.empty()) {
    auto opened = store::OpenStore(db_url);
    if (!opened) return ReportError(opened.error());
    store = std::move(*opened);
    request.store = store.get();
  }
  auto result = check::RunCheck(request);
  if (!result) return ReportError(result.error());
  if (auto written = WriteOutput(output, report::RenderCheck(*result, *format)); !written) {
    return ReportError(written.error());
  }
  const bool blocked = result->Blocked();
  if (!quiet) {
    fmt::print(stderr, "candor check: {} new or updated, {} fixed, {} unchanged; guardrails {}\n",
               result->introduced.size(), result->fixed.size(), result->unchanged,
               blocked ? "block" : "hold");
  }
  return blocked ? 1 : 0;
}

}  // namespace candor::cli
