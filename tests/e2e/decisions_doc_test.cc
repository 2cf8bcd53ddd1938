// docs/decisions.md's and docs/ownership.md's worked examples really run, and
// each page shows exactly what its docs/examples/ script prints.

#include <gtest/gtest.h>

#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kRoot = CANDOR_SOURCE_DIR;

CommandResult RunScript(const std::string& name) {
  return RunShell("CANDOR=" + ShellQuote(CANDOR_BINARY) + " sh " +
                  ShellQuote(kRoot + "/docs/examples/" + name));
}

TEST(DecisionsDocTest, PageShowsTheScriptsRealOutput) {
  CommandResult run = RunScript("decisions.sh");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("a high finding needs champion"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(decision RD-8)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("decision RD-8 expired 3 days ago (2099-12-31)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("decision log intact: 2 entries"), std::string::npos) << run.out;
  EXPECT_EQ(ShownOnPage("decisions.md", "decisions.sh", "text"), run.out)
      << "docs/decisions.md: paste the output of docs/examples/decisions.sh between the markers";
}

TEST(OwnershipDocTest, PageShowsTheScriptsRealOutput) {
  CommandResult run = RunScript("ownership.sh");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("one/one.py: unowned (.github/CODEOWNERS:7 has no owners)"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 finding is in paths no team owns"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("high,gitleaks,RSA-PK,conf/rsa.pk,platform,"), std::string::npos) << run.out;
  EXPECT_EQ(ShownOnPage("ownership.md", "ownership.sh", "text"), run.out)
      << "docs/ownership.md: paste the output of docs/examples/ownership.sh between the markers";
}

}  // namespace
}  // namespace candor::e2e
