// `candor postmortem lint` on a generated 1 MB postmortem (target: < 100 ms,
// issue "Blameless learning"). The document repeats realistic sections: prose
// with and without blame language, a long timeline, quotes and an action
// items table, so every rule and the Markdown parser are exercised.
// Run through scripts/bench, not in CI.

#include <benchmark/benchmark.h>

#include <string>

#include "incidents/postmortem_lint.h"
#include "incidents/roster.h"

namespace candor::bench {
namespace {

constexpr size_t kTargetBytes = 1u << 20;

const std::string& BigPostmortem() {
  static const std::string text = [] {
    std::string out = "<!-- candor:incident 1 -->\n# Postmortem: checkout errors\n\n## Summary\n\n";
    const char* prose[] = {
        "The migration ran inside the deploy and locked the orders table for 47 minutes. ",
        "The check should have caught the malformed config, but its schema allowed empty regions. ",
        "Bob should have tested the migration in staging. ",
        "The root cause was human error, obviously. ",
        "Who approved this change? ",
        "The vendor wrote \"operator error\" in the ticket, which does not explain why the console allowed "
        "it. ",
        "Engineers will be more careful, and the sloppy review process will be retrained. ",
    };
    int section = 0;
    while (out.size() < kTargetBytes) {
      out += "## What conditions allowed this to happen? (part " + std::to_string(section) + ")\n\n";
      for (int paragraph = 0; paragraph < 6; ++paragraph) {
        for (const char* sentence : prose) out += sentence;
        out += "\n\n";
      }
      out += "> Quoted from the chat: Bob's change broke it, obviously.\n\n## Timeline\n\n";
      for (int minute = 0; minute < 40; ++minute) {
        out += "- 14:" + std::to_string(10 + minute) +
               " Priya paged the database team; the error rate was 12%.\n";
      }
      out += "\n## Action items\n\n| Title | Owning team | Owner | Due | Kind |\n|---|---|---|---|---|\n";
      for (int row = 0; row < 20; ++row) {
        out += "| Check migrations for locks " + std::to_string(row) +
               " | platform | Priya | 2026-12-15 | systemic |\n";
      }
      out += "\n";
      ++section;
    }
    return out;
  }();
  return text;
}

void BM_LintOneMegabytePostmortem(benchmark::State& state) {
  const std::string& text = BigPostmortem();
  incidents::Roster roster = incidents::ParseRoster("Bob Martins\nPriya Natarajan\n");
  size_t problems = 0;
  for (auto _ : state) {
    auto found = incidents::LintPostmortem(text, "big.md", roster);
    if (!found) {
      state.SkipWithError(found.error().ToString().c_str());
      return;
    }
    problems = found->size();
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
  state.counters["problems"] = static_cast<double>(problems);
}
BENCHMARK(BM_LintOneMegabytePostmortem)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace
}  // namespace candor::bench

BENCHMARK_MAIN();
