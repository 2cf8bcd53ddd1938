// candor ingest: record scanners' results in the store.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/team_options.h"
#include "pipeline/apply_decisions.h"
#include "pipeline/record_scans.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor ingest semgrep.sarif trivy.json --repo acme/payments --commit "$(git rev-parse HEAD)" \
      --branch main --stage main
  trivy fs --format json . | candor ingest - --format trivy --repo acme/payments --commit abc123 --stage pr
  candor ingest results/*.sarif --repo acme/payments --commit abc123 --db sqlite:/var/lib/candor.db

Formats: auto (default, detected from content), sarif, trivy, gitleaks, npm-audit, bandit, semgrep.
All files are recorded in one transaction: on any error nothing is written. Ingesting the same
file for the same commit again changes nothing.)EX";

std::string SeverityCounts(const std::array<size_t, 5>& counts) {
  std::string out;
  for (int s = 4; s >= 0; --s) {
    if (counts[static_cast<size_t>(s)] == 0) continue;
    if (!out.empty()) out += ", ";
    out +=
        fmt::format("{} {}", counts[static_cast<size_t>(s)], core::ToString(static_cast<core::Severity>(s)));
  }
  return out.empty() ? "none" : out;
}

void PrintOutcome(const pipeline::FileOutcome& file) {
  constexpr size_t kMaxWarnings = 10;
  for (size_t i = 0; i < file.warnings.size() && i < kMaxWarnings; ++i) {
    fmt::print(stderr, "candor: warning: {}\n", file.warnings[i]);
  }
  if (file.warnings.size() > kMaxWarnings) {
    fmt::print(stderr, "candor: warning: {}: {} more warnings not shown\n", file.name,
               file.warnings.size() - kMaxWarnings);
  }
  for (const auto& run : file.runs) {
    std::string tool = run.run.tool.empty() ? "unnamed tool" : run.run.tool;
    if (!run.run.tool_version.empty()) tool += " " + run.run.tool_version;
    fmt::print("{}: {} ({}), {} finding{}{}{}{}\n", file.name, tool, ingest::ToString(file.format),
               run.findings, run.findings == 1 ? "" : "s",
               run.findings == 0 ? "" : ": " + SeverityCounts(run.by_severity),
               run.already_recorded ? "; already recorded for this commit, unchanged" : "",
               run.fixed == 0 ? "" : fmt::format("; {} fixed since the previous main scan", run.fixed));
  }
  if (file.runs.empty()) fmt::print("{}: no runs ({})\n", file.name, ingest::ToString(file.format));
}

}  // namespace

int RunIngest(std::span<char* const> args) {
  CLI::App app{"Record scanners' results in the store.", "ingest"};
  app.footer(std::string(kExamples));
  pipeline::RecordRequest request;
  std::string db_url, format_name = "auto", stage_name = "main";
  size_t max_input_mb = request.limits.max_input_bytes >> 20;
  bool quiet = false;
  app.add_option("files", request.files, "Scanner output files; - reads standard input")->required();
  app.add_option("--format", format_name, "auto|sarif|trivy|gitleaks|npm-audit|bandit|semgrep")
      ->capture_default_str();
  app.add_option("--repo", request.repo, "Repository the scan ran on, e.g. acme/payments")->required();
  app.add_option("--commit", request.commit, "Commit SHA the scan ran on")->required();
  request.branch = "main";
  app.add_option("--branch", request.branch, "Branch the scan ran on")->capture_default_str();
  app.add_option("--stage", stage_name, "Where in delivery: design|pr|main|release|production")
      ->capture_default_str();
  AddDbOption(app, db_url);
  app.add_option("--source", request.source_dir,
                 "Checkout of the scanned commit: identify findings by the code around them");
  app.add_option("--max-input-mb", max_input_mb, "Refuse inputs larger than this")->capture_default_str();
  app.add_option("--max-depth", request.limits.max_depth, "Refuse JSON nested deeper than this")
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "Print nothing on success");
  pipeline::TeamContextRequest team_request;
  AddTeamOptions(app, team_request);
  if (auto exit = ParseArgs(app, args)) return *exit;

  auto format = ingest::ParseFormat(format_name);
  if (!format)
    return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --format '{}'", format_name)});
  auto stage = core::ParseStage(stage_name);
  if (!stage) return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --stage '{}'", stage_name)});
  request.format = *format;
  request.stage = *stage;
  request.limits.max_input_bytes = max_input_mb << 20;

  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  team_request.store = store->get();
  team_request.now = core::SystemClock().Now();
  auto team = pipeline::LoadTeamContext(team_request);
  if (!team) return ReportError(team.error());
  for (const std::string& warning : team->warnings) fmt::print(stderr, "candor: warning: {}\n", warning);
  if (team->owners.configured()) request.owners = &team->owners;
  pipeline::ApplyOutcome applied;
  const bool has_decisions = !team->decisions.decisions().empty();
  if (has_decisions) {
    request.before_commit = [&](store::Store& s) -> core::Status {
      auto outcome = pipeline::ApplyDecisions(s, request.repo, team->decisions);
      if (!outcome) return std::unexpected(outcome.error());
      applied = *outcome;
      return {};
    };
  }
  ProgressBar bar;
  auto outcomes = pipeline::RecordScans(
      request, **store, core::SystemClock(),
      [&bar](const std::string& name, size_t done, size_t total) { bar.Update(name, done, total); });
  bar.Finish();
  if (!outcomes) {
    core::Error error = outcomes.error();
    error.message += " (nothing was recorded)";
    return ReportError(error);
  }
  if (!quiet) {
    size_t unowned = 0;
    for (const auto& file : *outcomes) {
      PrintOutcome(file);
      for (const auto& run : file.runs) unowned += run.unowned;
    }
    if (unowned > 0) {
      fmt::print("{} finding{} in paths no team owns (an ownership gap: add them to CODEOWNERS)\n", unowned,
                 unowned == 1 ? " is" : "s are");
    }
    if (has_decisions) {
      fmt::print(
          "risk decisions: {} finding{} covered by a decision in force{}{}\n", applied.covered,
          applied.covered == 1 ? "" : "s",
          applied.reopened ? fmt::format(", {} open again (decision expired or revoked)", applied.reopened)
                           : "",
          applied.refused ? fmt::format(", {} beyond their approver's authority", applied.refused) : "");
    }
  }
  return 0;
}

}  // namespace candor::cli
