// Throughput of the ingest path on a generated ~100 MB SARIF log with
// 250,000 results (issue 2 targets: parse+normalise >= 300 MB/s on one core,
// store >= 200,000 findings/s). Run through scripts/bench, not in CI.

#include <benchmark/benchmark.h>

#include <filesystem>

#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_reader.h"
#include "match/identity.h"
#include "sarif_generator.h"
#include "store/store.h"

namespace candor::bench {
namespace {

const ingest::InputBuffer& BigLog() {
  static const ingest::InputBuffer input("generated.sarif", GenerateSarif(SarifShape{}));
  return input;
}

// Counts and drops: measures the reader alone.
class CountingSink : public ingest::FindingSink {
 public:
  core::Status BeginRun(const core::RunInfo&) override { return {}; }
  core::Status Add(core::Finding&& finding) override {
    benchmark::DoNotOptimize(finding);
    ++count;
    return {};
  }
  size_t count = 0;
};

void BM_ParseNormaliseSarif(benchmark::State& state) {
  const auto& input = BigLog();
  size_t results = 0;
  for (auto _ : state) {
    ingest::ParseContext context;
    CountingSink sink;
    auto read = ingest::ReadSarif(input, context, sink);
    if (!read) state.SkipWithError(read.error().ToString().c_str());
    results = sink.count;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.bytes().size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * results));
  state.counters["results"] = static_cast<double>(results);
  state.counters["MB"] = static_cast<double>(input.bytes().size()) / 1e6;
}
BENCHMARK(BM_ParseNormaliseSarif)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_AssignIdentities(benchmark::State& state) {
  ingest::ParseContext context;
  ingest::CollectingSink sink;
  (void)ingest::ReadSarif(BigLog(), context, sink);
  for (auto _ : state) {
    match::IdentityAssigner assigner;
    for (const auto& finding : sink.runs[0].findings) benchmark::DoNotOptimize(assigner.Assign(finding));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sink.runs[0].findings.size()));
}
BENCHMARK(BM_AssignIdentities)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_StoreInsert(benchmark::State& state) {
  ingest::ParseContext context;
  ingest::CollectingSink sink;
  (void)ingest::ReadSarif(BigLog(), context, sink);
  auto& findings = sink.runs[0].findings;
  match::IdentityAssigner assigner;
  for (auto& finding : findings) finding.identity = assigner.Assign(finding);

  auto path = std::filesystem::temp_directory_path() / "candor_bench_store.db";
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    auto store = store::OpenStore("sqlite:" + path.string());
    if (!store) {
      state.SkipWithError(store.error().ToString().c_str());
      return;
    }
    state.ResumeTiming();
    auto transaction = store::Transaction::Begin(**store);
    store::ScanRecord scan;
    scan.key = {"bench/repo", "abc", "CodeQL", "digest", 0};
    scan.started_at = "2026-11-22T00:00:00Z";
    auto scan_id = (*store)->AddScan(scan);
    for (const auto& finding : findings) {
      if (auto added = (*store)->AddFinding(*scan_id, finding); !added) {
        state.SkipWithError(added.error().ToString().c_str());
        return;
      }
    }
    (void)transaction->Commit();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * findings.size()));
  state.counters["db_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
}
BENCHMARK(BM_StoreInsert)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace candor::bench

BENCHMARK_MAIN();
