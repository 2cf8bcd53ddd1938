// What every check format shares: names, determinism, robustness.

#include "report/check_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "check_fixtures.h"
#include "report/check_support.h"

namespace candor::report {
namespace {

constexpr CheckFormat kAll[] = {CheckFormat::kMarkdown, CheckFormat::kGithub, CheckFormat::kJunit,
                                CheckFormat::kSarif,    CheckFormat::kJson,   CheckFormat::kText};

TEST(CheckReport, FormatNames) {
  for (CheckFormat format : kAll) EXPECT_EQ(ParseCheckFormat(ToString(format)), format);
  EXPECT_EQ(ParseCheckFormat("SARIF"), CheckFormat::kSarif);
  EXPECT_EQ(ParseCheckFormat("md"), CheckFormat::kMarkdown);
  EXPECT_EQ(ParseCheckFormat("html"), std::nullopt);
  EXPECT_EQ(ParseCheckFormat(""), std::nullopt);
}

TEST(CheckReport, RenderCheckPicksTheFormat) {
  auto result = testing::BlockedResult();
  EXPECT_EQ(RenderCheck(result, CheckFormat::kMarkdown), RenderCheckMarkdown(result));
  EXPECT_EQ(RenderCheck(result, CheckFormat::kGithub), RenderCheckGithub(result));
  EXPECT_EQ(RenderCheck(result, CheckFormat::kJunit), RenderCheckJunit(result));
  EXPECT_EQ(RenderCheck(result, CheckFormat::kSarif), RenderCheckSarif(result));
  EXPECT_EQ(RenderCheck(result, CheckFormat::kJson), RenderCheckJson(result));
  EXPECT_EQ(RenderCheck(result, CheckFormat::kText), RenderCheckText(result));
}

TEST(CheckReport, EveryFormatIsDeterministicWhateverTheInputOrder) {
  auto result = testing::ResultFromSarif(std::string(CANDOR_TEST_DATA) +
                                         "/sarif/codeql/defectdojo_codeQL-output.sarif");
  ASSERT_GT(result.introduced.size(), 50u);
  auto shuffled = result;
  std::reverse(shuffled.introduced.begin(), shuffled.introduced.end());
  std::rotate(shuffled.introduced.begin(), shuffled.introduced.begin() + 7, shuffled.introduced.end());
  for (CheckFormat format : kAll) {
    std::string first = RenderCheck(result, format);
    EXPECT_EQ(RenderCheck(result, format), first) << ToString(format);
    EXPECT_EQ(RenderCheck(shuffled, format), first) << ToString(format);
  }
}

TEST(CheckReport, EveryFormatSurvivesHostileAndEmptyInput) {
  check::CheckResult nothing;
  for (CheckFormat format : kAll) {
    EXPECT_FALSE(RenderCheck(testing::HostileResult(), format).empty()) << ToString(format);
    EXPECT_FALSE(RenderCheck(nothing, format).empty()) << ToString(format);
  }
}

TEST(CheckReport, SecuritySeverityScoresReadBackAsTheSameSeverity) {
  for (auto severity : {core::Severity::kInfo, core::Severity::kLow, core::Severity::kMedium,
                        core::Severity::kHigh, core::Severity::kCritical}) {
    EXPECT_EQ(core::SeverityFromCvssScore(SecuritySeverityScore(severity)), severity);
  }
}

namespace cs = check_support;

TEST(CheckSupport, CleanLine) {
  EXPECT_EQ(cs::CleanLine("  a\r\n\tb  c \x1b[31m\x7f "), "a b c [31m");
  EXPECT_EQ(cs::CleanLine("\xff"
                          "ok\xC0\x8D"),
            "\xEF\xBF\xBDok\xEF\xBF\xBD\xEF\xBF\xBD");       // overlong CR is not CR
  EXPECT_EQ(cs::CleanLine("\xC2\x85x\xE2\x80\xAEy"), "xy");  // C1 NEL, bidi override
  EXPECT_EQ(cs::CleanLine("héllo wörld", 7), "héllo...");    // cut at a character boundary
  EXPECT_EQ(cs::CleanLine(""), "");
}

TEST(CheckSupport, CleanBlockKeepsParagraphs) {
  EXPECT_EQ(cs::CleanBlock("  one  \r\n   two\r\rthree\n\n\n"), "one\ntwo\n\nthree");
}

TEST(CheckSupport, Urls) {
  EXPECT_TRUE(cs::IsWebUrl("https://cwe.mitre.org/data/definitions/89.html"));
  EXPECT_FALSE(cs::IsWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(cs::IsWebUrl("www.example.com/rule"));
  EXPECT_FALSE(cs::IsWebUrl("https://"));
  EXPECT_FALSE(cs::IsWebUrl("https://a.b/x y"));
  EXPECT_EQ(cs::EncodePath("src/a b/ü%#?.py"), "src/a%20b/%C3%BC%25%23%3F.py");
}

}  // namespace
}  // namespace candor::report
