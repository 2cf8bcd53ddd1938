// candor match: annotate a SARIF log with baselineState against a baseline.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/options.h"
#include "diff/unified_diff.h"
#include "ingest/input.h"
#include "match/results_forward.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor match main.sarif pr.sarif -o pr-matched.sarif
  candor match main.sarif pr.sarif --diff <(git diff origin/main...HEAD) -o pr-matched.sarif

Every result of CURRENT gets "baselineState": new, unchanged or updated; results of BASELINE that
CURRENT no longer has are appended to their run as "absent". Everything else in CURRENT is kept
byte for byte, as the SARIF Multitool's match-results-forward does. Runs pair up by tool name.
A diff of the change (optional) lets matching follow renames and moved lines exactly.)EX";

}  // namespace

int RunMatch(std::span<char* const> args) {
  CLI::App app{
      "Compare a SARIF log with its baseline and mark each result new, unchanged, updated or absent.",
      "match"};
  app.footer(std::string(kExamples));
  std::string baseline_path, current_path, output, diff_path;
  ingest::Limits limits;
  bool quiet = false;
  app.add_option("baseline", baseline_path, "SARIF log of the baseline (e.g. the main branch)")->required();
  app.add_option("current", current_path, "SARIF log of the change")->required();
  app.add_option("-o,--output", output, "Write the annotated log here (default: standard output)");
  app.add_option("--diff", diff_path, "Unified diff from the baseline's commit to the current one");
  match::SourceDirs sources;
  auto* source =
      app.add_option("--source", sources.current, "Checkout of the current commit (with --baseline-source)");
  auto* baseline_source = app.add_option("--baseline-source", sources.baseline,
                                         "Checkout of the baseline's commit (with --source)");
  source->needs(baseline_source);
  baseline_source->needs(source);
  app.add_option("--max-depth", limits.max_depth, "Refuse JSON nested deeper than this")
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "Print no summary");
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (baseline_path == "-" && current_path == "-") {
    return ReportError(
        {core::ErrorCode::kUsage, "only one of BASELINE and CURRENT can be standard input (-)"});
  }

  std::optional<diff::ChangeSet> changes;
  if (!diff_path.empty()) {
    auto diff_input = ingest::LoadInput(diff_path, limits);
    if (!diff_input) return ReportError(diff_input.error());
    auto parsed = diff::ParseUnifiedDiff(*diff_input, limits);
    if (!parsed) return ReportError(parsed.error());
    changes = std::move(*parsed);
  }
  match::MatchOptions options;
  if (changes) options.changes = &*changes;
  auto matched = match::MatchFilesForward(baseline_path, current_path, limits, options, sources);
  if (!matched) return ReportError(matched.error());
  const match::ForwardedLog* forwarded = &matched->log;
  auto file = OutputFile::Open(output);
  if (!file) return ReportError(file.error());
  match::WriteForwarded(*forwarded, matched->current.bytes(),
                        [&file](std::string_view piece) { return file->Write(piece); });
  if (auto closed = file->Close(); !closed) return ReportError(closed.error());
  if (!quiet) {
    for (const std::string& warning : forwarded->warnings)
      fmt::print(stderr, "candor: warning: {}\n", warning);
    fmt::print(stderr, "candor match: {} new, {} unchanged, {} updated, {} absent\n", forwarded->new_count,
               forwarded->unchanged, forwarded->updated, forwarded->absent);
  }
  return 0;
}

}  // namespace candor::cli
