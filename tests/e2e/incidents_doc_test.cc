// docs/incidents.md's worked example really runs: docs/examples/incidents.sh
// with this build's candor succeeds, and the page shows exactly what it prints.

#include <gtest/gtest.h>

#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kRoot = CANDOR_SOURCE_DIR;

CommandResult RunExample() {
  return RunShell("CANDOR=" + ShellQuote(CANDOR_BINARY) + " sh " +
                  ShellQuote(kRoot + "/docs/examples/incidents.sh"));
}

TEST(IncidentsDocTest, ExampleLintsTheDraftIngestsTheFinalAndFindsTheRepeat) {
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("draft.md:20:5: blame/counterfactual"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("postmortem.md: no problems"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("recorded 3 action items for incident 1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1/3 action items done, 1/2 systemic"), std::string::npos) << run.out;
}

TEST(IncidentsDocTest, PageShowsTheScriptsRealOutput) {
  CommandResult run = RunExample();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ShownOnPage("incidents.md", "incidents.sh", "text"), run.out)
      << "docs/incidents.md: paste the output of docs/examples/incidents.sh between the markers";
}

TEST(IncidentsDocTest, ExampleScriptFailsLoudlyWithoutCandor) {
  CommandResult run =
      RunShell("CANDOR=/nonexistent/candor sh " + ShellQuote(kRoot + "/docs/examples/incidents.sh"));
  EXPECT_NE(run.exit_code, 0);
}

}  // namespace
}  // namespace candor::e2e
