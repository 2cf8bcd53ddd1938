// The candor binary as users and CI scripts meet it: help, version, typos, exit codes.

#include <gtest/gtest.h>

#include "run_candor.h"

namespace candor::e2e {
namespace {

TEST(CliTest, VersionPrintsTheVersion) {
  CommandResult run = RunCandor("--version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("candor ")) << run.out;
}

TEST(CliTest, HelpListsEveryCommand) {
  CommandResult run = RunCandor("--help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* command : {"ingest", "findings", "summary"}) {
    EXPECT_NE(run.out.find(command), std::string::npos) << command;
  }
}

TEST(CliTest, EveryCommandHelpHasExamples) {
  for (const char* command : {"ingest", "findings", "summary"}) {
    CommandResult run = RunCandor(std::string(command) + " --help");
    EXPECT_EQ(run.exit_code, 0) << command;
    EXPECT_NE(run.out.find("Examples:"), std::string::npos) << command;
    EXPECT_NE(run.out.find("candor " + std::string(command)), std::string::npos) << command;
  }
}

TEST(CliTest, MistypedCommandGetsDidYouMean) {
  CommandResult run = RunCandor("ingset x.sarif");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("Did you mean 'ingest'?"), std::string::npos) << run.err;
}

TEST(CliTest, UnknownCommandFarFromAnyIsStillExplained) {
  CommandResult run = RunCandor("frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown command 'frobnicate'"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("Did you mean"), std::string::npos) << run.err;
}

TEST(CliTest, MissingRequiredOptionIsUsageError) {
  CommandResult run = RunCandor("ingest " CANDOR_EXAMPLES "/payments-service/scans/bandit.json --commit abc");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--repo"), std::string::npos) << run.err;
}

TEST(CliTest, BadEnumValuesAreUsageErrors) {
  std::string db = FreshStore("bad_enum");
  EXPECT_EQ(RunCandor("findings --db " + db + " --severity urgent").exit_code, 2);
  EXPECT_EQ(RunCandor("findings --db " + db + " --format yaml").exit_code, 2);
  CommandResult stage = RunCandor("ingest " CANDOR_EXAMPLES
                                  "/payments-service/scans/bandit.json --repo r --commit c --stage qa --db " +
                                  db);
  EXPECT_EQ(stage.exit_code, 2);
  EXPECT_NE(stage.err.find("--stage"), std::string::npos) << stage.err;
}

}  // namespace
}  // namespace candor::e2e
