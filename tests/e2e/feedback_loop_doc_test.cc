// docs/feedback-loop.md's worked example really runs: docs/examples/feedback-loop.sh
// with this build's candor succeeds, prints the PR comment, and the page shows
// exactly what it prints, so the documentation cannot rot.

#include <gtest/gtest.h>

#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kRoot = CANDOR_SOURCE_DIR;

CommandResult RunExample() {
  return RunShell("CANDOR=" + ShellQuote(CANDOR_BINARY) + " sh " +
                  ShellQuote(kRoot + "/docs/examples/feedback-loop.sh"));
}

TEST(FeedbackLoopDocTest, ExampleScriptPrintsThePullRequestComment) {
  if (!OnPath("git")) GTEST_SKIP() << "git is not installed";
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("<!-- candor:check -->\n")) << run.out;
  EXPECT_NE(run.out.find("1 new finding blocks this change"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("src/greet.c#L13"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("fixes 1 existing finding"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("4 findings already there"), std::string::npos) << run.out;
  EXPECT_TRUE(run.out.ends_with("candor check exit status: 1 (a guardrail blocks)\n")) << run.out;
}

TEST(FeedbackLoopDocTest, PageShowsTheScriptsRealOutput) {
  if (!OnPath("git")) GTEST_SKIP() << "git is not installed";
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ShownOnPage("feedback-loop.md", "feedback-loop.sh", "markdown"), run.out)
      << "docs/feedback-loop.md: paste the output of docs/examples/feedback-loop.sh between the markers";
}

TEST(FeedbackLoopDocTest, ExampleScriptFailsLoudlyWithoutCandor) {
  CommandResult run =
      RunShell("CANDOR=/nonexistent/candor sh " + ShellQuote(kRoot + "/docs/examples/feedback-loop.sh"));
  EXPECT_NE(run.exit_code, 0);
}

}  // namespace
}  // namespace candor::e2e
