#include "core/severity.h"

#include <gtest/gtest.h>

namespace candor::core {
namespace {

TEST(SeverityTest, SecuritySeverityFollowsGitHubThresholds) {
  EXPECT_EQ(SeverityFromCvssScore(9.0), Severity::kCritical);
  EXPECT_EQ(SeverityFromCvssScore(8.9), Severity::kHigh);
  EXPECT_EQ(SeverityFromCvssScore(7.0), Severity::kHigh);
  EXPECT_EQ(SeverityFromCvssScore(6.9), Severity::kMedium);
  EXPECT_EQ(SeverityFromCvssScore(4.0), Severity::kMedium);
  EXPECT_EQ(SeverityFromCvssScore(3.9), Severity::kLow);
  EXPECT_EQ(SeverityFromCvssScore(0.1), Severity::kLow);
  EXPECT_EQ(SeverityFromCvssScore(0.0), Severity::kInfo);
}

TEST(SeverityTest, SarifLevels) {
  EXPECT_EQ(SeverityFromSarifLevel("error"), Severity::kHigh);
  EXPECT_EQ(SeverityFromSarifLevel("warning"), Severity::kMedium);
  EXPECT_EQ(SeverityFromSarifLevel("note"), Severity::kLow);
  EXPECT_EQ(SeverityFromSarifLevel("none"), Severity::kInfo);
  EXPECT_EQ(SeverityFromSarifLevel("fatal"), std::nullopt);
}

TEST(SeverityTest, ToolWordsAreCaseInsensitive) {
  EXPECT_EQ(SeverityFromToolWord("CRITICAL"), Severity::kCritical);
  EXPECT_EQ(SeverityFromToolWord("moderate"), Severity::kMedium);
  EXPECT_EQ(SeverityFromToolWord("UNKNOWN"), Severity::kInfo);
  EXPECT_EQ(SeverityFromToolWord("bogus"), std::nullopt);
}

TEST(SeverityTest, NamesRoundTripAndOrder) {
  for (Severity s :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    EXPECT_EQ(ParseSeverity(ToString(s)), s);
  }
  EXPECT_LT(Severity::kMedium, Severity::kHigh);
  EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
  EXPECT_EQ(ParseSeverity("urgent"), std::nullopt);
}

}  // namespace
}  // namespace candor::core
