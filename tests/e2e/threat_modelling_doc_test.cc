// docs/threat-modelling.md's worked example really runs: docs/examples/threat-modelling.sh
// with this build's candor succeeds, and the page shows exactly what it prints.

#include <gtest/gtest.h>

#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kRoot = CANDOR_SOURCE_DIR;

CommandResult RunExample() {
  return RunShell("CANDOR=" + ShellQuote(CANDOR_BINARY) + " sh " +
                  ShellQuote(kRoot + "/docs/examples/threat-modelling.sh"));
}

TEST(ThreatModellingDocTest, ExampleScriptShowsTheDesignChangesThreats) {
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with(".candor/threatmodel.yaml: valid candor model")) << run.out;
  EXPECT_NE(run.out.find("`missing-authentication@refunds-worker`"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("`xml-external-entities@refunds-worker`"), std::string::npos) << run.out;
  EXPECT_TRUE(run.out.ends_with("candor threat diff exit status: 1\n")) << run.out;
}

TEST(ThreatModellingDocTest, PageShowsTheScriptsRealOutput) {
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ShownOnPage("threat-modelling.md", "threat-modelling.sh", "markdown"), run.out)
      << "docs/threat-modelling.md: paste the output of "
         "docs/examples/threat-modelling.sh between the markers";
}

TEST(ThreatModellingDocTest, ExampleScriptFailsLoudlyWithoutCandor) {
  CommandResult run =
      RunShell("CANDOR=/nonexistent/candor sh " + ShellQuote(kRoot + "/docs/examples/threat-modelling.sh"));
  EXPECT_NE(run.exit_code, 0);
}

}  // namespace
}  // namespace candor::e2e
