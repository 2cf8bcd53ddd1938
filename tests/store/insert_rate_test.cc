// Insert throughput, not run by default (benchmarks never run in the default
// test command). Run it with:
//   store_test --gtest_also_run_disabled_tests --gtest_filter='*InsertRate*'
// The target (issue 2): >= 200,000 findings/s, 250,000 findings in one
// transaction, SQLite on disk.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

TEST(StoreInsertRate, DISABLED_SqliteFile250k) {
  size_t count = 250'000;
  if (const char* env = std::getenv("CANDOR_INSERT_COUNT")) count = std::strtoul(env, nullptr, 10);
  TempDir dir;
  const std::filesystem::path db = dir.path() / "candor.db";
  double rate = 0;
  {
    auto store = OpenStore("sqlite:" + db.string());
    ASSERT_TRUE(store) << store.error().ToString();
    rate = MeasureInsertRate(**store, count);
  }
  std::printf("inserted %zu findings: %.0f findings/s, database %.1f MiB\n", count, rate,
              static_cast<double>(std::filesystem::file_size(db)) / (1024.0 * 1024.0));
  EXPECT_GE(rate, 200'000.0);
}

}  // namespace
}  // namespace candor::store::testing
