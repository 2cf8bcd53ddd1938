// `candor check` and `candor match` on a real scanner's output: flawfinder
// (Debian's package) runs on two commits of the small C tree in
// tests/data/scanner-tree/. From v1 to v2 the change
//   - inserts lines above greet.c's strcpy (moved code),
//   - renames report.c to status_report.c with its sprintf (renamed file),
//   - replaces prompt.c's gets with fgets (a fixed hit),
//   - adds greet_announce calling system() (the one new hit, flawfinder
//     level 4, SARIF "error", Candor high: blocks under the default policy).
// Flawfinder writes `fingerprints["contextHash/v1"]`, a hash of the line's
// text, so identity does not depend on the path or the line.
// Skipped when flawfinder or git is not installed (scripts/setup installs both).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kTree = CANDOR_SOURCE_DIR "/tests/data/scanner-tree";

// git with no user or system configuration, fixed identity and dates.
std::string Git(const std::filesystem::path& repo, const std::string& args) {
  return "cd " + ShellQuote(repo.string()) +
         " && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME='Candor Test'"
         " GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME='Candor Test'"
         " GIT_COMMITTER_EMAIL=test@example.com GIT_AUTHOR_DATE=2024-01-02T03:04:05Z"
         " GIT_COMMITTER_DATE=2024-01-02T03:04:05Z git " +
         args;
}

// The repository with v1 and v2 committed, the scans of each and the diff;
// built once for the whole suite.
struct TreeRepo {
  std::filesystem::path repo;
  std::filesystem::path base_sarif;  // flawfinder on v1
  std::filesystem::path head_sarif;  // flawfinder on v2
  std::filesystem::path diff;        // git diff v1 HEAD
  std::string v1_commit;
  std::string error;  // why it could not be built
};

CommandResult MustRun(const std::string& command, std::string& error) {
  CommandResult run = RunShell(command);
  if (run.exit_code != 0 && error.empty()) error = command + " failed: " + run.err;
  return run;
}

TreeRepo BuildTreeRepo() {
  TreeRepo tree;
  std::filesystem::path dir = FreshDir("scanner_tree");
  tree.repo = dir / "repo";
  tree.base_sarif = dir / "base.sarif";
  tree.head_sarif = dir / "head.sarif";
  tree.diff = dir / "pr.diff";
  std::filesystem::create_directories(tree.repo);
  std::string& error = tree.error;
  const std::string repo = ShellQuote(tree.repo.string());
  MustRun(Git(tree.repo, "init -q -b main ."), error);
  MustRun("cp -R " + ShellQuote(kTree + "/v1/src") + " " + repo + "/src", error);
  MustRun(Git(tree.repo, "add -A && ") + Git(tree.repo, "commit -q -m v1"), error);
  tree.v1_commit = MustRun(Git(tree.repo, "rev-parse HEAD"), error).out;
  while (!tree.v1_commit.empty() && tree.v1_commit.back() == '\n') tree.v1_commit.pop_back();
  MustRun("cd " + repo + " && flawfinder --sarif src > " + ShellQuote(tree.base_sarif.string()), error);
  MustRun("rm -rf " + repo + "/src && cp -R " + ShellQuote(kTree + "/v2/src") + " " + repo + "/src", error);
  MustRun(Git(tree.repo, "add -A && ") + Git(tree.repo, "commit -q -m v2"), error);
  MustRun("cd " + repo + " && flawfinder --sarif src > " + ShellQuote(tree.head_sarif.string()), error);
  MustRun(Git(tree.repo, "diff -M " + tree.v1_commit + " HEAD > " + ShellQuote(tree.diff.string())), error);
  return tree;
}

class ScannerTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!OnPath("flawfinder")) GTEST_SKIP() << "flawfinder is not installed (scripts/setup installs it)";
    if (!OnPath("git")) GTEST_SKIP() << "git is not installed";
    static const TreeRepo built = BuildTreeRepo();
    tree_ = &built;
    ASSERT_TRUE(tree_->error.empty()) << tree_->error;
  }

  std::string CheckArgs() const {
    return "check --current " + ShellQuote(tree_->head_sarif.string()) + " --baseline " +
           ShellQuote(tree_->base_sarif.string()) + " --format json";
  }
  std::string RefArgs() const {
    return " --base-ref " + tree_->v1_commit + " --head-ref HEAD --repo-dir " +
           ShellQuote(tree_->repo.string());
  }

  const TreeRepo* tree_ = nullptr;
};

// What every variant must see: one new high system() call on the line the
// change added, the gets() fixed, the moved strcpy and the renamed sprintf
// (and the two low hits around them) unchanged.
void ExpectOnlyTheIntroducedHit(const nlohmann::json& report, bool diff_given) {
  ASSERT_EQ(report["introduced"].size(), 1u) << report["introduced"].dump(2);
  const auto& added = report["introduced"][0];
  EXPECT_EQ(added["tool"], "Flawfinder");
  EXPECT_EQ(added["rule_id"], "FF1044");  // shell/system
  EXPECT_EQ(added["path"], "src/greet.c");
  EXPECT_EQ(added["start_line"], 13);
  EXPECT_EQ(added["state"], "new");
  EXPECT_EQ(added["severity"], "high");
  EXPECT_EQ(added["tool_severity"], "error");
  if (diff_given) {
    EXPECT_EQ(added["on_changed_line"], true);
  } else {
    EXPECT_TRUE(added["on_changed_line"].is_null());
  }

  ASSERT_EQ(report["fixed"].size(), 1u) << report["fixed"].dump(2);
  EXPECT_EQ(report["fixed"][0]["rule_id"], "FF1014");  // buffer/gets
  EXPECT_EQ(report["fixed"][0]["path"], "src/prompt.c");
  EXPECT_EQ(report["fixed"][0]["state"], "absent");

  // strcpy (moved 9 lines down), sprintf (renamed file), the char array and the printf.
  EXPECT_EQ(report["counts"]["unchanged"], 4);
  EXPECT_EQ(report["counts"]["introduced"], 1);
  EXPECT_EQ(report["counts"]["fixed"], 1);
  EXPECT_EQ(report["diff_given"], diff_given);
}

TEST_F(ScannerTreeTest, GitRefsShowOnlyTheIntroducedHitAndItBlocks) {
  CommandResult run = RunCandor(CheckArgs() + RefArgs());
  ASSERT_EQ(run.exit_code, 1) << run.err << run.out;
  auto report = nlohmann::json::parse(run.out);
  ExpectOnlyTheIntroducedHit(report, true);
  EXPECT_EQ(report["verdict"], "blocks");
  EXPECT_EQ(report["counts"]["blocking"], 1);
  EXPECT_EQ(report["introduced"][0]["action"], "block");
  ASSERT_FALSE(report["introduced"][0]["guardrails"].empty());
  EXPECT_EQ(report["introduced"][0]["guardrails"][0], "no-new-high");
  EXPECT_NE(run.err.find("1 new or updated, 1 fixed, 4 unchanged; guardrails block"), std::string::npos)
      << run.err;
}

TEST_F(ScannerTreeTest, GitDiffFileGivesTheSameReportAsTheRefs) {
  CommandResult by_refs = RunCandor(CheckArgs() + RefArgs());
  CommandResult by_diff = RunCandor(CheckArgs() + " --diff " + ShellQuote(tree_->diff.string()));
  ASSERT_EQ(by_diff.exit_code, 1) << by_diff.err << by_diff.out;
  ExpectOnlyTheIntroducedHit(nlohmann::json::parse(by_diff.out), true);
  EXPECT_EQ(by_diff.out, by_refs.out);
}

TEST_F(ScannerTreeTest, WithoutADiffMovedAndRenamedHitsAreStillNotNew) {
  CommandResult run = RunCandor(CheckArgs());
  ASSERT_EQ(run.exit_code, 1) << run.err << run.out;
  ExpectOnlyTheIntroducedHit(nlohmann::json::parse(run.out), false);
}

TEST_F(ScannerTreeTest, APolicyThatOnlyWarnsLetsTheChangeThrough) {
  std::filesystem::path policy = FreshDir("scanner_tree_policy") / "warn-only.yaml";
  std::ofstream(policy) << "guardrails:\n"
                           "  - name: warn-new-high\n"
                           "    description: New high findings are pointed out, never blocking\n"
                           "    action: warn\n"
                           "    when:\n"
                           "      severity: \">= high\"\n";
  CommandResult run = RunCandor(CheckArgs() + RefArgs() + " --policy " + ShellQuote(policy.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  auto report = nlohmann::json::parse(run.out);
  ExpectOnlyTheIntroducedHit(report, true);
  EXPECT_EQ(report["verdict"], "holds");
  EXPECT_EQ(report["introduced"][0]["action"], "warn");
  EXPECT_EQ(report["introduced"][0]["guardrails"], nlohmann::json::array({"warn-new-high"}));
}

TEST_F(ScannerTreeTest, TheTeamPolicyInTheRepositoryIsUsedWhenNoneIsGiven) {
  std::filesystem::path team = FreshDir("scanner_tree_team");
  RunShell("cp -R " + ShellQuote(tree_->repo.string()) + "/. " + ShellQuote(team.string()));
  std::filesystem::create_directories(team / ".candor");
  std::ofstream(team / ".candor" / "policy.yaml") << "guardrails:\n"
                                                     "  - name: inform-everything\n"
                                                     "    action: inform\n";
  CommandResult run =
      RunCandor(CheckArgs() + " --base-ref " + tree_->v1_commit + " --repo-dir " + ShellQuote(team.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  auto report = nlohmann::json::parse(run.out);
  ExpectOnlyTheIntroducedHit(report, true);
  EXPECT_EQ(report["introduced"][0]["guardrails"], nlohmann::json::array({"inform-everything"}));
}

// Every result of the current log gets a baselineState, and the fixed gets()
// is appended as absent.
void ExpectMatched(const nlohmann::json& log, const nlohmann::json& current) {
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& results = log["runs"][0]["results"];
  const size_t current_count = current["runs"][0]["results"].size();
  ASSERT_EQ(results.size(), current_count + 1);
  int new_count = 0, absent = 0, kept = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& result = results[i];
    ASSERT_TRUE(result.contains("baselineState")) << result.dump(2);
    std::string state = result["baselineState"];
    if (state == "new") {
      ++new_count;
      EXPECT_EQ(result["ruleId"], "FF1044");
    } else if (state == "absent") {
      ++absent;
      EXPECT_EQ(i, results.size() - 1) << "absent results are appended";
      EXPECT_EQ(result["ruleId"], "FF1014");
      EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/prompt.c");
    } else {
      EXPECT_TRUE(state == "unchanged" || state == "updated") << state;
      ++kept;
    }
    if (i < current_count) {  // the current results, in their order
      EXPECT_EQ(result["ruleId"], current["runs"][0]["results"][i]["ruleId"]);
    }
  }
  EXPECT_EQ(new_count, 1);
  EXPECT_EQ(absent, 1);
  EXPECT_EQ(kept, 4);
}

TEST_F(ScannerTreeTest, MatchMarksEveryResultAndAppendsTheFixedOne) {
  auto current = nlohmann::json::parse(Slurp(tree_->head_sarif));
  for (const std::string diff : std::vector<std::string>{"", " --diff " + ShellQuote(tree_->diff.string())}) {
    CommandResult run = RunCandor("match -q " + ShellQuote(tree_->base_sarif.string()) + " " +
                                  ShellQuote(tree_->head_sarif.string()) + diff);
    ASSERT_EQ(run.exit_code, 0) << diff << run.err;
    SCOPED_TRACE(diff);
    ExpectMatched(nlohmann::json::parse(run.out), current);
  }
}

// The scans recorded in tests/data/scanner-tree/ (make_fixtures.sh) are what
// this flawfinder writes today, so the tests that use them test real output.
TEST_F(ScannerTreeTest, RecordedScansAreFlawfindersCurrentOutput) {
  std::string version = RunShell("flawfinder --version").out;
  if (version.rfind("2.0.19", 0) != 0) GTEST_SKIP() << "recorded with flawfinder 2.0.19, this is " << version;
  EXPECT_EQ(Slurp(tree_->base_sarif), Slurp(kTree + "/flawfinder-v1.sarif"));
  EXPECT_EQ(Slurp(tree_->head_sarif), Slurp(kTree + "/flawfinder-v2.sarif"));
  EXPECT_EQ(Slurp(tree_->diff), Slurp(kTree + "/v1-to-v2.diff"));
}

}  // namespace
}  // namespace candor::e2e
