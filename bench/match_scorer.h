#pragma once
// Scores the output of a result matcher (`candor match`, the SARIF Multitool's
// match-results-forward) against the truth the match pair generator put in
// every result's properties.benchTruthId. Thread-compatible.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace candor::bench {

// What scoring needs of one SARIF result.
struct TruthResult {
  std::string truth_id;        // properties.benchTruthId; empty when missing
  std::string baseline_state;  // empty when missing
};

// Every result of every run of a SARIF log, in order. Errors name the file and,
// for JSON errors, simdjson's message.
std::expected<std::vector<TruthResult>, std::string> ReadTruthResults(const std::string& path);
std::expected<std::vector<TruthResult>, std::string> ParseTruthResults(std::string_view json);

struct MatchScore {
  // The truth.
  size_t current = 0;  // results of the current log
  size_t fixed = 0;    // baseline results not in the current log
  // What the output says, by baselineState.
  size_t called_new = 0;
  size_t called_unchanged = 0;
  size_t called_updated = 0;
  size_t called_absent = 0;
  // Mistakes, by bucket.
  size_t existing_called_new = 0;    // a continuing result called new
  size_t introduced_missed = 0;      // an introduced result called unchanged or updated
  size_t fixed_missed = 0;           // a fixed baseline result not reported absent
  size_t present_called_absent = 0;  // a continuing result also reported absent
  size_t other = 0;  // current results lost or repeated; a state or truth id missing or unknown

  size_t errors() const {
    return existing_called_new + introduced_missed + fixed_missed + present_called_absent + other;
  }
  double error_rate() const {
    return current + fixed == 0 ? 0.0 : static_cast<double>(errors()) / static_cast<double>(current + fixed);
  }
};

MatchScore ScoreMatch(const std::vector<TruthResult>& baseline, const std::vector<TruthResult>& current,
                      const std::vector<TruthResult>& output);

}  // namespace candor::bench
