#include "core/clock.h"

#include <gtest/gtest.h>

namespace candor::core {
namespace {

std::string Parsed(std::string_view text) {
  auto time = ParseIso8601(text);
  return time ? FormatIso8601(*time) : "refused";
}

TEST(ClockTest, ReadsTheTimesPeopleWrite) {
  EXPECT_EQ(Parsed("2026-11-22"), "2026-11-22T00:00:00Z");
  EXPECT_EQ(Parsed("2026-11-22T14:48:00Z"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Parsed("2026-11-22T14:48Z"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Parsed("2026-11-22T14:48:00.250Z"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Parsed("2026-11-22T14:48:00+01:00"), "2026-11-22T13:48:00Z");
  EXPECT_EQ(Parsed("2026-11-22T14:48:00-0500"), "2026-11-22T19:48:00Z");
  EXPECT_EQ(Parsed("2026-11-22 14:48:00Z"), "2026-11-22T14:48:00Z");
}

TEST(ClockTest, RefusesWhatIsNotAnIso8601Time) {
  for (std::string_view bad : {"", "2026-1-5", "2026-02-30", "22/11/2026", "2026-11-22T25:00:00Z",
                               "2026-11-22Tnoon", "2026-11-22T14:48:00Z trailing", "tomorrow"}) {
    EXPECT_EQ(Parsed(bad), "refused") << bad;
  }
}

TEST(ClockTest, CountsWholeDays) {
  auto from = *ParseIso8601("2026-11-19T12:00:00Z");
  EXPECT_EQ(DaysBetween(from, *ParseIso8601("2026-11-22T11:59:00Z")), 2);
  EXPECT_EQ(DaysBetween(from, *ParseIso8601("2026-11-22T12:00:00Z")), 3);
  EXPECT_EQ(DaysBetween(*ParseIso8601("2026-11-22"), from), -3);
  EXPECT_EQ(FormatDate(from), "2026-11-19");
}

}  // namespace
}  // namespace candor::core
