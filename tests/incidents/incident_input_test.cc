#include "incidents/incident_input.h"

#include <gtest/gtest.h>

namespace candor::incidents {
namespace {

using namespace std::chrono;

const core::FixedClock kClock(sys_days(year(2026) / 11 / 22) + hours(14) + minutes(48));

std::string Time(std::string_view text) {
  auto time = NormalizeTime(text, kClock, "--at");
  EXPECT_TRUE(time) << text << ": " << time.error().ToString();
  return time.value_or("");
}

TEST(IncidentInputTest, TimesAreNormalisedToUtcSeconds) {
  EXPECT_EQ(Time("2026-11-22T14:48:00Z"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Time("2026-11-22T14:48Z"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Time("2026-11-22 14:48:00"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Time("2026-11-22T15:48:00+01:00"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Time("2026-11-22T09:48:00.750-05:00"), "2026-11-22T14:48:00Z");
  EXPECT_EQ(Time("now"), "2026-11-22T14:48:00Z");
}

TEST(IncidentInputTest, MalformedTimesNameTheOption) {
  for (std::string_view bad :
       {"", "yesterday", "2026-13-01T00:00Z", "2026-11-22T25:00Z", "2026-11-22T14:48Zjunk"}) {
    auto time = NormalizeTime(bad, kClock, "--at");
    ASSERT_FALSE(time) << bad << " gave " << *time;
    EXPECT_EQ(time.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(time.error().where, "--at");
  }
}

TEST(IncidentInputTest, SeveritiesAndRoles) {
  EXPECT_EQ(ParseSeverity("SEV1", "s").value_or(0), 1);
  EXPECT_EQ(ParseSeverity("sev4", "s").value_or(0), 4);
  EXPECT_EQ(ParseSeverity("2", "s").value_or(0), 2);
  EXPECT_FALSE(ParseSeverity("SEV5", "s"));
  EXPECT_FALSE(ParseSeverity("high", "s"));
  EXPECT_EQ(SeverityName(3), "SEV3");
  EXPECT_EQ(ParseRole("IC", "r").value_or(store::IncidentRole::kScribe), store::IncidentRole::kCommander);
  EXPECT_EQ(ParseRole("security-partner", "r").value_or(store::IncidentRole::kScribe),
            store::IncidentRole::kSecurityPartner);
  EXPECT_FALSE(ParseRole("hero", "r"));
}

}  // namespace
}  // namespace candor::incidents
