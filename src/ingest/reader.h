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
  // (json_outline.h) can read them on two cores. It asks the sink for a
  // shard; the run's `count` results are then read in chunks of consecutive
  // results, each by whichever of the two is free, and the one that reads a
  // chunk gets PlaceAt(i) first: the results it adds next are the run's
  // i-th, (i+1)-th and so on. The shard gets PlaceAt, Add, Recall and
  // Remember but no BeginRun or EndRun, and is joined (Join) after the last
  // chunk. Only a sink that makes each finding's result from the finding
  // alone, with no count or order across findings, can give one. nullptr
  // (the default): the run is read in order on one core, with no PlaceAt.
  virtual std::unique_ptr<FindingSink> Shard(size_t /*count*/) { return nullptr; }
  virtual void PlaceAt(size_t /*index*/) {}
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
  // A run with this many results or more is read on two cores when the sink
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
