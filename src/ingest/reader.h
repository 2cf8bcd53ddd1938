#pragma once
// The contract every format reader follows: read one input in one pass,
// hand each run and each normalised finding to a sink, stop at the first
// error. Readers hold no state between calls and are safe to use from
// several threads with separate contexts.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/sarif_layout.h"

namespace candor::ingest {

// Receives what a reader finds, in order: BeginRun, then that run's findings,
// then EndRun; repeated per run. An error returned by the sink stops the reader
// and is returned as is.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual core::Status BeginRun(const core::RunInfo& run) = 0;
  virtual core::Status Add(core::Finding&& finding) = 0;
  virtual core::Status EndRun() { return {}; }

  // A SARIF reader that holds a run's results as documents of their own
  // (json_outline.h) can read them in two parts, one per core. It asks the
  // sink for a shard to take the later part; the shard gets Add (and Recall,
  // Remember) but no BeginRun or EndRun, and is joined after this sink's own
  // findings of the run. Only a sink that makes each finding's result from
  // the finding alone, with no count or order across findings, can give one.
  // `own` and `later`: how many results this sink, then the shard, will get
  // (so each can put its results in place). nullptr (the default): the run
  // is read in one part, in order.
  virtual std::unique_ptr<FindingSink> Shard(size_t /*own*/, size_t /*later*/) { return nullptr; }
  virtual core::Status Join(FindingSink& /*shard*/) { return {}; }

  // The same reader knows each result by its exact bytes and the text of
  // what the run gives results (tool, rules, artifacts, URI bases): two
  // results with the same key read into the same finding, warnings included.
  // A sink that remembers what it made of a key can take a result again from
  // its key alone: Recall returns true when it has added the result that way,
  // and the reader then skips reading it. Remember says that the finding just
  // added came from `key` (and gave no warning).
  struct ResultKey {
    uint64_t low = 0, high = 0;
    bool operator==(const ResultKey&) const = default;
  };
  virtual bool RemembersResults() const { return false; }
  virtual bool Recall(const ResultKey&) { return false; }
  virtual void Remember(const ResultKey&) {}
};

// Per-call state a reader shares with its caller.
struct ParseContext {
  Limits limits;
  // Where real tools bend the spec and the meaning is still unambiguous,
  // readers accept the input and say so here ("file: byte N at $.path: ...").
  std::vector<std::string> warnings;
  // Called now and then with the number of input bytes consumed so far,
  // for progress bars; may be empty.
  std::function<void(size_t)> on_progress;
  // When set, the SARIF reader records where each run and result is in the
  // text (sarif_layout.h); other readers ignore it.
  SarifLayout* sarif_layout = nullptr;
  // Set by a caller that reads the same bytes a second time: their JSON
  // syntax was checked on the first read, so it is not checked again.
  bool syntax_already_checked = false;
  // A run with this many results or more is read in two parts when the sink
  // gives a shard (FindingSink::Shard): below it a thread costs more than it
  // saves. Tests and fuzzers lower it to read small logs in parts.
  size_t split_results_from = 4096;
};

// Collects everything in memory: for tests, small inputs and tools that
// need a whole run at once.
class CollectingSink : public FindingSink {
 public:
  struct Run {
    core::RunInfo info;
    std::vector<core::Finding> findings;
  };
  core::Status BeginRun(const core::RunInfo& run) override {
    runs.push_back({run, {}});
    return {};
  }
  core::Status Add(core::Finding&& finding) override {
    runs.back().findings.push_back(std::move(finding));
    return {};
  }
  size_t FindingCount() const {
    size_t n = 0;
    for (const Run& run : runs) n += run.findings.size();
    return n;
  }
  std::vector<Run> runs;
};

}  // namespace candor::ingest
