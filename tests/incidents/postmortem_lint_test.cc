#include "incidents/postmortem_lint.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "incidents/lint_report.h"

namespace candor::incidents {
namespace {

const std::string kData = std::string(CANDOR_TEST_DATA) + "/postmortem-lint/";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<LintProblem> Lint(const std::string& name) {
  Roster roster = ParseRoster(Read(kData + "names.txt"));
  auto problems = LintPostmortem(Read(kData + name), name, roster);
  EXPECT_TRUE(problems) << problems.error().ToString();
  return problems.value_or(std::vector<LintProblem>{});
}

// "line:column category" of each problem, for compact expectations.
std::vector<std::string> Summaries(const std::vector<LintProblem>& problems) {
  std::vector<std::string> out;
  for (const LintProblem& p : problems) {
    out.push_back(std::to_string(p.at.line) + ":" + std::to_string(p.at.column) + " " + p.category);
  }
  return out;
}

TEST(PostmortemLintTest, CompleteBlamelessPostmortemHasNoProblems) {
  auto problems = Lint("clean.md");
  EXPECT_TRUE(problems.empty()) << RenderLint(problems, "clean.md", LintFormat::kText);
}

TEST(PostmortemLintTest, FindsBlameAndGapsWithPositions) {
  EXPECT_EQ(Summaries(Lint("blameful.md")), (std::vector<std::string>{
                                                "1:1 completeness/missing-section",  // no trade-offs section
                                                "5:5 blame/root-cause",
                                                "5:20 blame/human-error",
                                                "14:9 blame/named-person",  // a timeline may not blame either
                                                "18:1 blame/named-person",
                                                "18:5 blame/counterfactual",
                                                "24:1 blame/blame-question",
                                                "26:4 completeness/empty-section",  // only "TODO"
                                                "32:16 completeness/not-actionable",
                                                "36:1 completeness/no-systemic-action",
                                                "38:3 completeness/not-actionable",
                                                "38:30 completeness/action-missing-team",
                                                "38:39 completeness/action-missing-due",
                                            }));
}

TEST(PostmortemLintTest, QuotedBlockIsNotLinted) {
  for (const LintProblem& problem : Lint("blameful.md")) EXPECT_NE(problem.at.line, 20) << problem.message;
}

TEST(PostmortemLintTest, EveryProblemHasASuggestion) {
  for (const LintProblem& problem : Lint("blameful.md")) {
    EXPECT_FALSE(problem.rewrite.empty()) << problem.category;
    EXPECT_FALSE(problem.message.empty()) << problem.category;
  }
}

TEST(PostmortemLintTest, RefusesInvalidUtf8WithPosition) {
  auto problems = LintPostmortem("# Summary\n\nab\xff\n", "x.md", Roster{});
  ASSERT_FALSE(problems);
  EXPECT_EQ(problems.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(problems.error().where, "x.md:3:3");
}

TEST(PostmortemLintTest, RefusesOversizedInput) {
  std::string big(kMaxPostmortemBytes + 1, 'a');
  auto problems = LintPostmortem(big, "big.md", Roster{});
  ASSERT_FALSE(problems);
  EXPECT_EQ(problems.error().code, core::ErrorCode::kLimitExceeded);
}

TEST(PostmortemLintTest, JsonAndSarifCarryLineColumnAndSuggestion) {
  auto problems = Lint("blameful.md");
  std::string json = RenderLint(problems, "blameful.md", LintFormat::kJson);
  EXPECT_NE(json.find("\"line\": 18"), std::string::npos) << json;
  EXPECT_NE(json.find("\"category\": \"blame/counterfactual\""), std::string::npos);
  EXPECT_NE(json.find("\"suggestion\""), std::string::npos);
  std::string sarif = RenderLint(problems, "blameful.md", LintFormat::kSarif);
  EXPECT_NE(sarif.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(sarif.find("\"ruleId\": \"blame/counterfactual\""), std::string::npos);
  EXPECT_NE(sarif.find("\"startColumn\": 5"), std::string::npos);
}

}  // namespace
}  // namespace candor::incidents
