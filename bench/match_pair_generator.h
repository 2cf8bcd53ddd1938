#pragma once
// Generates a baseline/current pair of SARIF 2.1.0 logs with known truth, for
// benchmarking finding matching across commits (`candor match`, the SARIF
// Multitool's match-results-forward) and the pull-request view (`candor check`).
//
// A virtual source tree is scanned twice, before and after a change that
// models real churn: blocks of lines inserted and deleted (results below them
// move, their snippets stay), files renamed (paths change, snippets stay),
// flagged lines fixed or re-indented, files added and deleted, findings
// introduced (some copies of a flagged line elsewhere in the same file), the
// same flagged code repeated in one file, messages that quote line numbers.
// Most results carry no fingerprints, as with Semgrep OSS, ESLint or Bandit.
//
// Truth: every result has properties.benchTruthId. Baseline results are
// "B000001"...; a current result carries the id of the baseline result it
// continues, or a fresh "N000001"... when introduced. The unified diff (git
// format) describes exactly the inserted and deleted lines.
//
// Deterministic for a given shape. Thread-compatible (no shared state).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace candor::bench {

struct MatchPairShape {
  size_t results = 10'000;  // baseline results, exactly
  uint32_t seed = 42;
  // 0: churn spread over the whole tree (two commits some weeks apart).
  // N > 0: a typical pull request, all changes confined to N files.
  size_t changed_files = 0;
  double churn = 0.3;       // share of files changed when changed_files == 0
  bool keep_trees = false;  // also return both source trees (for tests)
};

struct MatchPairStats {
  size_t files = 0;          // in the baseline tree
  size_t changed_files = 0;  // files the diff touches
  size_t baseline = 0;
  size_t current = 0;
  size_t continued = 0;          // baseline results still present
  size_t moved = 0;              // ... whose start line changed
  size_t renamed = 0;            // ... whose file was renamed
  size_t message_changed = 0;    // ... whose message text changed
  size_t fixed = 0;              // baseline results gone
  size_t introduced = 0;         // current results with no baseline result
  size_t introduced_copies = 0;  // ... with the rule and snippet of another result in the file
  size_t fingerprinted = 0;      // baseline results with partialFingerprints
};

struct SourceFileText {
  std::string path;
  std::string text;
};

struct MatchPair {
  std::string baseline_sarif;
  std::string current_sarif;
  std::string diff;  // `git diff` of baseline -> current
  MatchPairStats stats;
  std::vector<SourceFileText> baseline_tree;  // only with keep_trees
  std::vector<SourceFileText> current_tree;
};

MatchPair GenerateMatchPair(const MatchPairShape& shape);

}  // namespace candor::bench
