// The ownership library in-process (scripts/bench-owners times the candor
// binary end to end): parsing a generated 3,000-rule CODEOWNERS, and
// answering 100,000 paths against it.

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "owners_generator.h"
#include "ownership/codeowners.h"

namespace {

const candor::bench::OwnersInput& Input() {
  static const auto* input = new candor::bench::OwnersInput(candor::bench::GenerateOwnersInput({}));
  return *input;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

void BM_Parse(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed = candor::ownership::Codeowners::Parse(Input().codeowners, "CODEOWNERS");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

void BM_OwnersOf100k(benchmark::State& state) {
  auto parsed = candor::ownership::Codeowners::Parse(Input().codeowners, "CODEOWNERS");
  if (!parsed) {
    state.SkipWithError(parsed.error().ToString().c_str());
    return;
  }
  auto paths = Lines(Input().paths);
  size_t owned = 0;
  for (auto _ : state) {
    for (auto path : paths) owned += parsed->OwnersOf(path).owned();
  }
  state.counters["paths/s"] =
      benchmark::Counter(static_cast<double>(paths.size() * state.iterations()), benchmark::Counter::kIsRate);
  benchmark::DoNotOptimize(owned);
}
BENCHMARK(BM_OwnersOf100k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
