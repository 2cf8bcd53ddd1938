#pragma once
// `candor match`: the current SARIF log with `baselineState` on every result
// and the baseline's absent results appended to their run, every other byte
// of the current log kept as it was: the contract of the SARIF Multitool's
// match-results-forward, so Candor drops into pipelines built around it.
// Runs are paired by tool name (driver.name, first unused baseline run).
// Thread-safe: a pure function of its inputs.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/baseline_state.h"
#include "core/error.h"
#include "ingest/input.h"
#include "ingest/sarif_layout.h"
#include "match/baseline_matcher.h"

namespace candor::match {

// Two logs compared: what the annotated log is made from. The annotated log
// is the current log with each result's baselineState set (`states`) and the
// baseline's absent results appended to their run (made fit for it as
// WriteForwarded writes them).
struct ForwardedLog {
  struct Run {                                // one per run of the current log, in order
    std::vector<core::BaselineState> states;  // one per result
    std::optional<size_t> baseline_run;       // the baseline run it was compared with
    std::vector<std::string> absent;          // that run's results carried forward, as read
  };
  std::vector<Run> runs;
  ingest::SarifLayout baseline_layout;
  ingest::SarifLayout current_layout;

  size_t new_count = 0;
  size_t unchanged = 0;
  size_t updated = 0;
  size_t absent = 0;
  std::vector<std::string> warnings;  // readers' warnings and unpaired baseline runs
};

// Passes the annotated log to `write` in consecutive pieces; stops and
// returns false when `write` does. `current` is the log given to
// MatchResultsForward.
bool WriteForwarded(const ForwardedLog& log, std::string_view current,
                    const std::function<bool(std::string_view)>& write);
std::string ForwardedText(const ForwardedLog& log, std::string_view current);

// Errors are the SARIF reader's (kInvalidInput naming file, JSON path and
// byte offset) for either input.
// Checkouts of each side's commit, when available (source_tree.h); both or neither.
struct SourceDirs {
  std::string baseline;
  std::string current;
};

core::Result<ForwardedLog> MatchResultsForward(const ingest::InputBuffer& baseline,
                                               const ingest::InputBuffer& current,
                                               const ingest::Limits& limits, const MatchOptions& options = {},
                                               const SourceDirs& sources = {});

// The same for two files ("-": standard input), read at once, one on each
// core: the baseline's text is let go as soon as it is read, and the results
// carried forward as absent are read from its file again (kIo when the file
// changed meanwhile). A baseline that is not a regular file (standard input,
// a pipe) is kept in memory instead. `current` is the log to write with
// WriteForwarded.
struct ForwardedFile {
  ForwardedLog log;
  ingest::InputBuffer current;
};
core::Result<ForwardedFile> MatchFilesForward(const std::string& baseline_path,
                                              const std::string& current_path, const ingest::Limits& limits,
                                              const MatchOptions& options = {},
                                              const SourceDirs& sources = {});

}  // namespace candor::match
