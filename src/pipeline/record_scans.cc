#include "pipeline/record_scans.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "match/identity.h"
#include "match/source_tree.h"
#include "pipeline/background_writer.h"

namespace candor::pipeline {
namespace {

// Passes what a reader finds on to the store as it comes, so a large input
// is never held twice in memory; the writing happens on a second thread.
class StoreSink : public ingest::FindingSink {
 public:
  StoreSink(store::Store& store, store::ScanRecord scan_template, FileOutcome& outcome,
            match::SourceTree* source, ownership::OwnerResolver* owners)
      : store_(store),
        writer_(store),
        template_(std::move(scan_template)),
        outcome_(outcome),
        source_(source),
        owners_(owners) {}

  core::Status BeginRun(const core::RunInfo& run) override {
    // The store is the writer's until it has written the previous run.
    if (auto drained = writer_.Drain(); !drained) return drained;
    outcome_.runs.push_back(RunOutcome{.run = run});
    identities_ = match::IdentityAssigner(source_);
    store::ScanRecord scan = template_;
    scan.key.tool = run.tool;
    scan.key.run_index = run.run_index;
    scan.tool_version = run.tool_version;
    auto existing = store_.FindScan(scan.key);
    if (!existing) return std::unexpected(existing.error());
    if (existing->has_value()) {
      outcome_.runs.back().already_recorded = true;
      scan_id_ = 0;
      return {};
    }
    auto id = store_.AddScan(scan);
    if (!id) return std::unexpected(id.error());
    scan_id_ = *id;
    return {};
  }

  core::Status Add(core::Finding&& finding) override {
    RunOutcome& run = outcome_.runs.back();
    ++run.findings;
    ++run.by_severity[static_cast<size_t>(finding.severity)];
    if (run.already_recorded) return {};
    finding.identity = identities_.Assign(finding);
    if (owners_ != nullptr) {
      finding.team = owners_->TeamOf(finding.path);
      if (finding.team.empty()) ++run.unowned;
    }
    return writer_.Add(scan_id_, std::move(finding));
  }

  // Waits for every finding to be written; the store is the caller's again.
  core::Status Finish() { return writer_.Drain(); }

 private:
  store::Store& store_;
  BackgroundWriter writer_;
  store::ScanRecord template_;
  FileOutcome& outcome_;
  match::SourceTree* source_;
  match::IdentityAssigner identities_;
  ownership::OwnerResolver* owners_;
  int64_t scan_id_ = 0;
};

core::Status RecordFile(const std::string& path, const RecordRequest& request, const std::string& started_at,
                        store::Store& store, match::SourceTree* source, const ProgressFn& progress,
                        FileOutcome& outcome) {
  auto input = ingest::LoadInput(path, request.limits);
  if (!input) return std::unexpected(input.error());
  outcome.name = input->name();
  outcome.bytes = input->bytes().size();

  outcome.format = request.format;
  if (outcome.format == ingest::Format::kAuto) {
    auto detected = ingest::DetectFormat(*input, request.limits);
    if (!detected) return std::unexpected(detected.error());
    outcome.format = *detected;
  }

  store::ScanRecord scan;
  scan.key.repo = request.repo;
  scan.key.commit = request.commit;
  scan.key.input_digest = ingest::DigestHex(input->bytes());
  scan.branch = request.branch;
  scan.stage = request.stage;
  scan.started_at = started_at;

  ingest::ParseContext context;
  context.limits = request.limits;
  if (progress) {
    const size_t total = input->bytes().size();
    context.on_progress = [&progress, &outcome, total](size_t done) { progress(outcome.name, done, total); };
  }
  StoreSink sink(store, std::move(scan), outcome, source, request.owners);
  auto read = ingest::ReadFindings(outcome.format, *input, context, sink);
  if (read) read = sink.Finish();
  outcome.warnings = std::move(context.warnings);
  if (progress) progress(outcome.name, outcome.bytes, outcome.bytes);
  return read;
}

// The lifecycle step of a main-branch ingest: once per tool this commit
// recorded, what the previous commit's scan had and this one does not is fixed.
core::Status MarkFixed(const RecordRequest& request, const std::string& at, store::Store& store,
                       std::vector<FileOutcome>& outcomes) {
  std::vector<std::string> done;
  for (FileOutcome& file : outcomes) {
    for (RunOutcome& run : file.runs) {
      if (run.already_recorded || std::find(done.begin(), done.end(), run.run.tool) != done.end()) continue;
      done.push_back(run.run.tool);
      auto fixed = store.MarkFixed(request.repo, run.run.tool, request.commit, request.stage, at);
      if (!fixed) return std::unexpected(fixed.error());
      run.fixed = *fixed;
    }
  }
  return {};
}

}  // namespace

core::Result<std::vector<FileOutcome>> RecordScans(const RecordRequest& request, store::Store& store,
                                                   const core::Clock& clock, const ProgressFn& progress) {
  const std::string started_at = core::FormatIso8601(clock.Now());
  auto transaction = store::Transaction::Begin(store);
  if (!transaction) return std::unexpected(transaction.error());

  std::optional<match::SourceTree> source;
  if (!request.source_dir.empty()) source.emplace(request.source_dir);
  std::vector<FileOutcome> outcomes;
  for (const std::string& path : request.files) {
    FileOutcome& outcome = outcomes.emplace_back();
    outcome.name = path;
    if (auto recorded =
            RecordFile(path, request, started_at, store, source ? &*source : nullptr, progress, outcome);
        !recorded) {
      return std::unexpected(recorded.error());
    }
  }
  if (request.stage == core::Stage::kMain) {
    if (auto marked = MarkFixed(request, started_at, store, outcomes); !marked) {
      return std::unexpected(marked.error());
    }
  }
  if (request.before_commit) {
    if (auto done = request.before_commit(store); !done) return std::unexpected(done.error());
  }
  if (auto committed = transaction->Commit(); !committed) return std::unexpected(committed.error());
  return outcomes;
}

}  // namespace candor::pipeline
