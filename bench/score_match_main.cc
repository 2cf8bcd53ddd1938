// candor_score_match BASELINE.sarif CURRENT.sarif OUTPUT.sarif: scores a
// matcher's OUTPUT (baselineState on every result, absent results appended)
// against the truth in the generated pair; prints one line of key=value.

#include <fmt/format.h>

#include "match_scorer.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    fmt::print(stderr, "usage: candor_score_match BASELINE.sarif CURRENT.sarif OUTPUT.sarif\n");
    return 2;
  }
  using candor::bench::ReadTruthResults;
  auto baseline = ReadTruthResults(argv[1]);
  auto current = ReadTruthResults(argv[2]);
  auto output = ReadTruthResults(argv[3]);
  for (const auto* log : {&baseline, &current, &output}) {
    if (!*log) {
      fmt::print(stderr, "candor_score_match: {}\n", log->error());
      return 3;
    }
  }
  candor::bench::MatchScore s = candor::bench::ScoreMatch(*baseline, *current, *output);
  fmt::print(
      "current={} fixed={} new={} unchanged={} updated={} absent={} existing_called_new={} "
      "introduced_missed={} fixed_missed={} present_called_absent={} other={} errors={} error_rate={:.6f}\n",
      s.current, s.fixed, s.called_new, s.called_unchanged, s.called_updated, s.called_absent,
      s.existing_called_new, s.introduced_missed, s.fixed_missed, s.present_called_absent, s.other,
      s.errors(), s.error_rate());
  return 0;
}
