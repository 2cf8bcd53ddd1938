// GitHub Actions annotations: one workflow command per new finding.

#include <gtest/gtest.h>

#include <string>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(CheckGithub, OneCommandPerNewFindingMostSevereFirstThenASummary) {
  auto lines = Lines(RenderCheckGithub(testing::BlockedResult()));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_TRUE(
      lines[0].starts_with("::error file=config/settings.py,line=7,endLine=7,col=5,endColumn=30,"
                           "title=gitleaks critical%3A AWS Access Token (aws-access-token)::"))
      << lines[0];
  EXPECT_TRUE(
      lines[1].starts_with("::error file=src/app/db.py,line=42,endLine=42,col=5,endColumn=30,title=CodeQL "
                           "high%3A SQL query built from user-controlled sources (py/sql-injection)::"
                           "This query depends on a user-provided value.%0AGuardrail: no-new-high (block)"
                           "%0AHow to fix: If a database query"))
      << lines[1];
  EXPECT_NE(lines[1].find("%0ASee https://cwe.mitre.org/data/definitions/89.html "
                          "https://codeql.github.com/codeql-query-help/python/py-sql-injection/"),
            std::string::npos);
  EXPECT_TRUE(lines[2].starts_with("::warning file=src/app/files.py,line=88,")) << lines[2];
  EXPECT_EQ(
      lines[3],
      "candor: 2 new findings block this change (guardrails no-new-high, no-new-secrets); 3 new findings, 2 "
      "fixed");
}

TEST(CheckGithub, InformIsANotice) {
  auto result = testing::HoldingResult();
  result.introduced[0].action = policy::Action::kInform;
  result.introduced[0].tripped.clear();
  EXPECT_TRUE(RenderCheckGithub(result).starts_with("::notice file=src/app/files.py,"))
      << RenderCheckGithub(result);
}

TEST(CheckGithub, EscapesDataAndProperties) {
  auto result = testing::BlockedResult();
  auto& f = result.introduced[1].finding;
  f.path = "src/a,b:c%d.py";
  f.rule_name = "Name, with: colon";
  f.message = "100% bad\r\nsecond line";
  f.rule_help.clear();
  f.cwes.clear();
  f.help_uri.clear();
  std::string out = RenderCheckGithub(result);
  EXPECT_NE(
      out.find("::error file=src/a%2Cb%3Ac%25d.py,line=42,endLine=42,col=5,endColumn=30,title=CodeQL high%3A "
               "Name%2C with%3A colon (py/sql-injection)::100%25 bad second line%0AGuardrail: no-new-high "
               "(block)\n"),
      std::string::npos)
      << out;
}

TEST(CheckGithub, HostileTextCannotStartACommand) {
  std::string out = RenderCheckGithub(testing::HostileResult());
  auto lines = Lines(out);
  ASSERT_EQ(lines.size(), 2u) << out;  // one annotation, one summary: no injected line
  EXPECT_TRUE(lines[0].starts_with("::error file=src/we ird%2Cna%3Ame%25|<x>.py,line=3,"));
  EXPECT_TRUE(lines[1].starts_with("candor: "));
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  // The properties part holds no raw ':' or ',' beyond its separators.
  std::string properties = lines[0].substr(2, lines[0].find("::", 2) - 2);
  EXPECT_EQ(properties.find(':'), std::string::npos) << properties;
}

TEST(CheckGithub, LocationsAreOptional) {
  auto result = testing::HoldingResult();
  auto& f = result.introduced[0].finding;
  f.region = {};
  EXPECT_TRUE(RenderCheckGithub(result).starts_with("::warning file=src/app/files.py,title="))
      << RenderCheckGithub(result);
  f.path.clear();
  EXPECT_TRUE(RenderCheckGithub(result).starts_with("::warning title=CodeQL medium%3A "));
  // Columns only on one line.
  f.path = "a.py";
  f.region = {3, 4, 9, 2};
  EXPECT_TRUE(RenderCheckGithub(result).starts_with("::warning file=a.py,line=3,endLine=9,title="));
}

TEST(CheckGithub, SaysWhenGithubWillDropAnnotations) {
  auto result = testing::BlockedResult();
  auto base = result.introduced[1];
  for (int i = 0; i < 12; ++i) result.introduced.push_back(base);
  EXPECT_NE(RenderCheckGithub(result).find("GitHub shows the first 10 errors"), std::string::npos);
  EXPECT_EQ(RenderCheckGithub(testing::BlockedResult()).find("GitHub shows"), std::string::npos);
}

TEST(CheckGithub, EmptyIsOneSummaryLine) {
  EXPECT_EQ(RenderCheckGithub(testing::EmptyResult()),
            "candor: No new security findings block this change; 0 new findings, 0 fixed\n");
}

}  // namespace
}  // namespace candor::report
