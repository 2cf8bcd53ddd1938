#include "core/clock.h"

#include <gtest/gtest.h>

namespace candor::core {
namespace {

TEST(ClockTest, FormatsUtcIso8601) {
  // 2026-11-22T14:48:00Z is 1795358880 seconds after the epoch.
  TimePoint time{std::chrono::seconds(1795358880)};
  EXPECT_EQ(FormatIso8601(time), "2026-11-22T14:48:00Z");
  EXPECT_EQ(FormatIso8601(FixedClock(time).Now()), "2026-11-22T14:48:00Z");
}

}  // namespace
}  // namespace candor::core
