// docs/decisions.md's worked example really runs, and the page shows exactly
// what docs/examples/decisions.sh prints.

#include <gtest/gtest.h>

#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kRoot = CANDOR_SOURCE_DIR;

TEST(DecisionsDocTest, PageShowsTheScriptsRealOutput) {
  CommandResult run =
      RunShell("CANDOR=" + ShellQuote(CANDOR_BINARY) + " sh " + ShellQuote(kRoot + "/docs/examples/decisions.sh"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("a high finding needs champion"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(decision RD-8)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("decision RD-8 expired 3 days ago (2099-12-31)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("decision log intact: 2 entries"), std::string::npos) << run.out;
  std::string page = Slurp(kRoot + "/docs/decisions.md");
  const std::string begin = "<!-- decisions.sh output: begin -->\n````text\n";
  const std::string end = "````\n<!-- decisions.sh output: end -->";
  size_t from = page.find(begin);
  size_t to = page.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  from += begin.size();
  ASSERT_LE(from, to);
  EXPECT_EQ(page.substr(from, to - from), run.out)
      << "docs/decisions.md: paste the output of docs/examples/decisions.sh between the markers";
}

}  // namespace
}  // namespace candor::e2e
