// `candor match` end to end: the current SARIF log with baselineState on every
// result and the baseline's absent results appended, everything else kept;
// exit 0, or 2 with one line naming the file and the position. Inputs are
// flawfinder's real output on tests/data/scanner-tree/ (make_fixtures.sh)
// and the SARIF logs of tests/data/sarif/ (tests/data/SOURCES.md).

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kTree = CANDOR_SOURCE_DIR "/tests/data/scanner-tree";
const std::string kBase = kTree + "/flawfinder-v1.sarif";
const std::string kHead = kTree + "/flawfinder-v2.sarif";
const std::string kDiff = kTree + "/v1-to-v2.diff";
const std::string kSarif = CANDOR_SOURCE_DIR "/tests/data/sarif";
const std::string kCodeql = kSarif + "/codeql/defectdojo_codeQL-output.sarif";

std::string Scratch(const std::string& name, const std::string& text) {
  auto dir = FreshDir("match_" + name);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::map<std::string, int> CountStates(const nlohmann::json& log) {
  std::map<std::string, int> states;
  for (const auto& run : log["runs"]) {
    for (const auto& result : run["results"]) {
      states[result.value("baselineState", "(none)")]++;
    }
  }
  return states;
}

TEST(MatchTest, EveryResultGetsAStateAndTheAbsentOneIsAppended) {
  for (const std::string diff : std::vector<std::string>{"", " --diff " + kDiff}) {
    SCOPED_TRACE(diff);
    CommandResult run = RunCandor("match " + kBase + " " + kHead + diff);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.err.find("candor match: 1 new, 4 unchanged, 0 updated, 1 absent"), std::string::npos)
        << run.err;
    auto log = nlohmann::json::parse(run.out);
    EXPECT_EQ(CountStates(log), (std::map<std::string, int>{{"new", 1}, {"unchanged", 4}, {"absent", 1}}));
    const auto& results = log["runs"][0]["results"];
    EXPECT_EQ(results.back()["baselineState"], "absent");
    EXPECT_EQ(results.back()["ruleId"], "FF1014");
    // The appended result's ruleIndex points at its rule in the current log.
    const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
    if (results.back().contains("ruleIndex")) {
      EXPECT_EQ(rules[results.back()["ruleIndex"].get<size_t>()]["id"], "FF1014");
    }
  }
}

TEST(MatchTest, KeepsEverythingElseOfTheCurrentLog) {
  CommandResult run = RunCandor("match -q " + kBase + " " + kHead);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto log = nlohmann::json::parse(run.out);
  auto current = nlohmann::json::parse(Slurp(kHead));
  auto& results = log["runs"][0]["results"];
  results.erase(results.end() - 1);  // the absent one
  for (auto& result : results) result.erase("baselineState");
  // Rules the absent result needs may be added to the driver; all else is as it was.
  log["runs"][0]["tool"]["driver"].erase("rules");
  current["runs"][0]["tool"]["driver"].erase("rules");
  EXPECT_EQ(log, current);
}

TEST(MatchTest, SameLogTwiceIsAllUnchanged) {
  CommandResult run = RunCandor("match -q " + kCodeql + " " + kCodeql);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountStates(nlohmann::json::parse(run.out)), (std::map<std::string, int>{{"unchanged", 72}}));
}

TEST(MatchTest, RunsPairByToolName) {
  // The baseline is a flawfinder log: the CodeQL run has no baseline, so all of it is new.
  CommandResult run = RunCandor("match " + kBase + " " + kCodeql);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountStates(nlohmann::json::parse(run.out))["new"], 72);
}

TEST(MatchTest, DashOWritesTheAnnotatedLog) {
  std::string out = Scratch("matched.sarif", "old");
  CommandResult run = RunCandor("match -q " + kBase + " " + kHead + " --diff " + kDiff + " -o " + out);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(Slurp(out), RunCandor("match -q " + kBase + " " + kHead + " --diff " + kDiff).out);
  // The output is a SARIF log that candor reads again.
  CommandResult again = RunCandor("match -q " + kBase + " " + out);
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

// `-o` naming the current log itself annotates it in place. The log is over
// 1 MB, so candor maps it (and holds a lease on it) while it reads it: the
// output is written beside it and renamed over it, never truncating what is
// still being read.
TEST(MatchTest, DashOOverTheCurrentLogAnnotatesItInPlace) {
  nlohmann::json log = nlohmann::json::parse(Slurp(kHead));
  nlohmann::json& results = log["runs"][0]["results"];
  const nlohmann::json one = results;
  while (log.dump(2).size() < (size_t{3} << 20)) {
    for (const auto& result : one) results.push_back(result);
  }
  std::string current = Scratch("in_place.sarif", log.dump(2));
  CommandResult expected = RunCandor("match -q " + kBase + " " + current);
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  CommandResult run = RunCandor("match -q " + kBase + " " + current + " -o " + current);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Slurp(current) == expected.out);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(std::filesystem::path(current).parent_path()),
                          std::filesystem::directory_iterator()),
            1);  // no temporary file left beside it
}

void ExpectOneLineError(const CommandResult& run, const std::string& file, const std::string& where) {
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  ASSERT_FALSE(run.err.empty());
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
  EXPECT_TRUE(run.err.starts_with("candor: " + file + where)) << run.err;
}

TEST(MatchTest, TruncatedOrMalformedInputIsAnErrorWithItsPosition) {
  std::string text = Slurp(kHead);
  std::string truncated = Scratch("truncated.sarif", text.substr(0, text.rfind('}')));
  CommandResult run = RunCandor("match " + kBase + " " + truncated);
  ExpectOneLineError(run, truncated, ": byte ");
  EXPECT_NE(run.err.find(" at $"), std::string::npos) << run.err;
  ExpectOneLineError(RunCandor("match " + truncated + " " + kHead), truncated, ": byte ");

  std::string malformed = text;
  malformed.replace(malformed.find("\"ruleId\": \"FF1044\","), 19, "\"ruleId\": \"FF1044\";");
  std::string bad = Scratch("semicolon.sarif", malformed);
  run = RunCandor("match " + kBase + " " + bad);
  ExpectOneLineError(run, bad, ": byte ");
  EXPECT_NE(run.err.find("at $.runs[0].results[1]"), std::string::npos) << run.err;

  std::string invalid = kSarif + "/edge-cases/codeql-action_invalid-sarif_results-not-array.sarif";
  ExpectOneLineError(RunCandor("match " + kBase + " " + invalid), invalid, ": byte ");
  std::string syntax = kSarif + "/edge-cases/sarif-sdk_JSON1001.SyntaxError.sarif";
  ExpectOneLineError(RunCandor("match " + kBase + " " + syntax), syntax, ": byte ");
}

TEST(MatchTest, MalformedDiffIsAnErrorWithLineAndColumn) {
  std::string diff = Slurp(kDiff);
  diff.replace(diff.find("@@ -1,9 +1,18 @@"), 16, "@@ -1,9 +1,x @@");
  std::string bad = Scratch("bad.diff", diff);
  ExpectOneLineError(RunCandor("match " + kBase + " " + kHead + " --diff " + bad), bad, ":5:12: ");
  std::string truncated = Scratch("truncated.diff", Slurp(kDiff).substr(0, 400));
  ExpectOneLineError(RunCandor("match " + kBase + " " + kHead + " --diff " + truncated), truncated, ":");
}

TEST(MatchTest, UsageErrorsExitTwo) {
  for (const std::string args :
       std::vector<std::string>{"match", "match " + kBase, "match " + kBase + " " + kHead + " --frobnicate",
                                "match " + kBase + " " + kHead + " extra.sarif"}) {
    CommandResult run = RunCandor(args);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_FALSE(run.err.empty()) << args;
  }
  std::string missing = FreshDir("match_missing").string() + "/absent.sarif";
  ExpectOneLineError(RunCandor("match " + kBase + " " + missing), missing, ": ");
  // The two logs are read at once: standard input can be only one of them.
  CommandResult both_stdin = RunCandor("match - -", kBase);
  EXPECT_EQ(both_stdin.exit_code, 2);
  EXPECT_NE(both_stdin.err.find("only one of BASELINE and CURRENT can be standard input"), std::string::npos)
      << both_stdin.err;
}

// Either log may come from standard input (`git show main:scan.sarif |
// candor match - current.sarif`): the same output as from the files.
TEST(MatchTest, EitherLogFromStandardInputGivesTheSameOutput) {
  CommandResult files = RunCandor("match " + kBase + " " + kHead);
  CommandResult baseline_piped = RunCandor("match - " + kHead, kBase);
  CommandResult current_piped = RunCandor("match " + kBase + " -", kHead);
  ASSERT_EQ(files.exit_code, 0) << files.err;
  EXPECT_EQ(baseline_piped.exit_code, 0) << baseline_piped.err;
  EXPECT_EQ(current_piped.exit_code, 0) << current_piped.err;
  EXPECT_EQ(baseline_piped.out, files.out);
  EXPECT_EQ(current_piped.out, files.out);
}

}  // namespace
}  // namespace candor::e2e
