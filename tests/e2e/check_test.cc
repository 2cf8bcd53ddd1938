// `candor check` end to end: exit codes, error messages, every output format,
// -o, and the store as the baseline (--db), which a check only reads.
// Inputs are real scanner output: flawfinder 2.0.19 on the two commits of
// tests/data/scanner-tree/ (recorded by make_fixtures.sh; one new high
// system() call, one fixed gets(), a moved strcpy and a renamed file), and
// the SARIF logs of tests/data/sarif/ (tests/data/SOURCES.md).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kTree = CANDOR_SOURCE_DIR "/tests/data/scanner-tree";
const std::string kBase = kTree + "/flawfinder-v1.sarif";
const std::string kHead = kTree + "/flawfinder-v2.sarif";
const std::string kDiff = kTree + "/v1-to-v2.diff";
const std::string kSarif = CANDOR_SOURCE_DIR "/tests/data/sarif";
const std::string kCodeql = kSarif + "/codeql/defectdojo_codeQL-output.sarif";

const std::string kPr = "check --current " + kHead + " --baseline " + kBase + " --diff " + kDiff;

// A file in this test's scratch directory with `text` in it.
std::string WriteScratch(const std::string& dir, const std::string& name, const std::string& text) {
  auto path = ProcessTempDir("candor_e2e_dir_") / dir;
  std::filesystem::create_directories(path);
  path /= name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// An error as DESIGN.md promises: one line on standard error, naming the file.
void ExpectOneLineError(const CommandResult& run, const std::string& file, const std::string& where) {
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  ASSERT_FALSE(run.err.empty());
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
  EXPECT_TRUE(run.err.starts_with("candor: " + file + where)) << run.err;
}

TEST(CheckTest, NothingNewHoldsWithExitZero) {
  CommandResult run = RunCandor("check --current " + kHead + " --baseline " + kHead + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["verdict"], "holds");
  EXPECT_TRUE(report["introduced"].empty());
  EXPECT_TRUE(report["fixed"].empty());
  EXPECT_EQ(report["counts"]["unchanged"], 5);
  EXPECT_NE(run.err.find("0 new or updated, 0 fixed, 5 unchanged; guardrails hold"), std::string::npos)
      << run.err;
}

TEST(CheckTest, ANewHighFindingBlocksWithExitOne) {
  CommandResult run = RunCandor(kPr + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["verdict"], "blocks");
  ASSERT_EQ(report["introduced"].size(), 1u);
  EXPECT_EQ(report["introduced"][0]["rule_id"], "FF1044");
  EXPECT_EQ(report["introduced"][0]["on_changed_line"], true);
  ASSERT_EQ(report["fixed"].size(), 1u);
  EXPECT_EQ(report["fixed"][0]["rule_id"], "FF1014");
}

// Either side may come from standard input (`git show main:scan.sarif |
// candor check --baseline - ...`): the same report as from the files. The
// two sides are otherwise read at once; standard input makes them take turns.
TEST(CheckTest, EitherSideFromStandardInputGivesTheSameReport) {
  CommandResult files = RunCandor(kPr + " --format json");
  CommandResult baseline_piped =
      RunCandor("check --current " + kHead + " --baseline - --diff " + kDiff + " --format json", kBase);
  CommandResult current_piped =
      RunCandor("check --current - --baseline " + kBase + " --diff " + kDiff + " --format json", kHead);
  ASSERT_EQ(files.exit_code, 1) << files.err;
  EXPECT_EQ(baseline_piped.exit_code, 1) << baseline_piped.err;
  EXPECT_EQ(current_piped.exit_code, 1) << current_piped.err;
  auto expected = nlohmann::json::parse(files.out);
  EXPECT_EQ(nlohmann::json::parse(baseline_piped.out)["introduced"], expected["introduced"]);
  EXPECT_EQ(nlohmann::json::parse(baseline_piped.out)["fixed"], expected["fixed"]);
  EXPECT_EQ(nlohmann::json::parse(current_piped.out)["introduced"], expected["introduced"]);
  EXPECT_EQ(nlohmann::json::parse(current_piped.out)["fixed"], expected["fixed"]);
}

// Both sides broken: the current side's error is the one reported, as when
// the sides were read one after the other.
TEST(CheckTest, WithBothSidesBrokenTheCurrentSidesErrorIsReported) {
  const std::string broken_base = WriteScratch("both", "base.sarif", "{\"version\":\"2.1.0\",\"runs\":[");
  const std::string broken_head = WriteScratch("both", "head.sarif", "{\"version\":\"2.1.0\",\"runs\":[{]}");
  for (int i = 0; i < 5; ++i) {
    CommandResult run = RunCandor("check --current " + broken_head + " --baseline " + broken_base);
    ExpectOneLineError(run, broken_head, ": byte ");
  }
}

TEST(CheckTest, RealCodeqlLogAgainstItselfHasNothingNew) {
  CommandResult run =
      RunCandor("check -q --current " + kCodeql + " --baseline " + kCodeql + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["counts"]["introduced"], 0);
  EXPECT_EQ(report["counts"]["unchanged"], 72);
}

TEST(CheckTest, RealCodeqlLogOnAnEmptyBaselineIsAllNew) {
  CommandResult run = RunCandor("check -q --current " + kCodeql + " --baseline " + kSarif +
                                "/edge-cases/codeql-action_empty-sarif.sarif --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["counts"]["introduced"], 72);
  EXPECT_GT(report["counts"]["blocking"], 0);
}

TEST(CheckTest, ANewSecretBlocksEvenWhenItsSeverityWouldNot) {
  std::string policy =
      WriteScratch("check_secret", "policy.yaml", "guardrails:\n  - name: warn-all\n    action: warn\n");
  CommandResult run = RunCandor("check -q --current " + kSarif + "/gitleaks/defectdojo_gitleaks_7.5.0.sarif" +
                                " --baseline " + kHead + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["counts"]["introduced"], 8);
  bool secrets_guardrail = false;
  for (const auto& guardrail : report["guardrails"]) {
    if (guardrail["name"] != "no-new-secrets") continue;
    secrets_guardrail = true;
    EXPECT_EQ(guardrail["status"], "blocks");
  }
  EXPECT_TRUE(secrets_guardrail) << report["guardrails"].dump();
  // A team policy alone (no org floor) may warn instead.
  CommandResult warned =
      RunCandor("check -q --current " + kSarif + "/gitleaks/defectdojo_gitleaks_7.5.0.sarif" +
                " --baseline " + kHead + " --policy " + policy);
  EXPECT_EQ(warned.exit_code, 0) << warned.err;
}

TEST(CheckTest, AnOrgFloorCannotBeLoosenedByTheTeam) {
  std::string team =
      WriteScratch("check_floor", "team.yaml", "guardrails:\n  - name: warn-all\n    action: warn\n");
  CommandResult run = RunCandor(kPr + " --policy " + team + " --org-policy " + CANDOR_SOURCE_DIR +
                                "/tests/data/policy/org-policy.yaml --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  bool org_blocks = false;
  for (const auto& guardrail : report["guardrails"]) {
    if (guardrail["name"] == "no-new-high") {
      org_blocks = guardrail["status"] == "blocks" && guardrail["from_org"] == true;
    }
  }
  EXPECT_TRUE(org_blocks) << report["guardrails"].dump(2);
}

TEST(CheckTest, UsageErrorsExitTwo) {
  for (const std::string& args : {
           "check --baseline " + kBase,                                    // no --current
           "check --current " + kHead,                                     // no baseline
           "check --current " + kHead + " --db sqlite:/nonexistent/x.db",  // --db without --repo
           "check --current " + kHead + " --baseline " + kBase + " --format yaml",
           "check --current " + kHead + " --baseline " + kBase + " --input-format xml",
           "check --current " + kHead + " --baseline " + kBase + " --db sqlite:x.db --repo r",
           kPr + " --base-ref HEAD~1",  // --diff and --base-ref exclude each other
           "check --current " + kHead + " --baseline " + kBase + " --frobnicate",
       }) {
    CommandResult run = RunCandor(args);
    EXPECT_EQ(run.exit_code, 2) << args << "\n" << run.out;
    EXPECT_FALSE(run.err.empty()) << args;
    EXPECT_TRUE(run.out.empty()) << args << "\n" << run.out;
  }
}

TEST(CheckTest, MissingFileIsAnInputErrorNamingIt) {
  std::string missing = WriteScratch("check_missing", "placeholder", "") + ".absent.sarif";
  ExpectOneLineError(RunCandor("check --current " + missing + " --baseline " + kBase), missing, ": ");
  ExpectOneLineError(RunCandor("check --current " + kHead + " --baseline " + missing), missing, ": ");
}

TEST(CheckTest, TruncatedOrMalformedSarifIsAnErrorWithItsPosition) {
  std::string text = Slurp(kHead);
  std::string truncated = WriteScratch("check_sarif", "truncated.sarif", text.substr(0, text.rfind('}')));
  ExpectOneLineError(RunCandor("check --current " + truncated + " --baseline " + kBase), truncated,
                     ": byte ");
  ExpectOneLineError(RunCandor("check --current " + kHead + " --baseline " + truncated), truncated,
                     ": byte ");
  std::string cut = WriteScratch("check_sarif", "cut.sarif", text.substr(0, text.size() / 2));
  ExpectOneLineError(RunCandor("check --current " + cut + " --baseline " + kBase), cut, ": byte ");

  std::string malformed = text;
  malformed.replace(malformed.find("\"ruleId\": \"FF1044\","), 19, "\"ruleId\": \"FF1044\";");
  std::string bad = WriteScratch("check_sarif", "semicolon.sarif", malformed);
  CommandResult run = RunCandor("check --current " + bad + " --baseline " + kBase);
  ExpectOneLineError(run, bad, ": byte ");
  EXPECT_NE(run.err.find("at $.runs[0].results[1]"), std::string::npos) << run.err;

  std::string empty = WriteScratch("check_sarif", "empty.sarif", "");
  ExpectOneLineError(RunCandor("check --current " + empty + " --baseline " + kBase), empty, ": byte 0");
  std::string not_sarif = WriteScratch("check_sarif", "array.sarif", "[1, 2, 3]\n");
  run = RunCandor("check --current " + not_sarif + " --baseline " + kBase);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(
      run.err,
      "candor: " + not_sarif +
          ": cannot tell the format: a top-level array whose first element is a number; use --format\n");
}

TEST(CheckTest, MalformedDiffIsAnErrorWithLineAndColumn) {
  std::string diff = Slurp(kDiff);
  diff.replace(diff.find("@@ -1,9 +1,18 @@"), 16, "@@ -1,9 +1,x @@");
  std::string bad = WriteScratch("check_diff", "bad.diff", diff);
  CommandResult run = RunCandor("check --current " + kHead + " --baseline " + kBase + " --diff " + bad);
  ExpectOneLineError(run, bad, ":5:12: ");
  std::string truncated = WriteScratch("check_diff", "truncated.diff", Slurp(kDiff).substr(0, 400));
  run = RunCandor("check --current " + kHead + " --baseline " + kBase + " --diff " + truncated);
  EXPECT_EQ(run.exit_code, 2) << run.err << run.out;
  ExpectOneLineError(run, truncated, ":");
}

TEST(CheckTest, MalformedPolicyIsAnErrorWithLineAndColumn) {
  std::string bad_action =
      WriteScratch("check_policy", "action.yaml", "guardrails:\n  - name: x\n    action: explode\n");
  ExpectOneLineError(RunCandor(kPr + " --policy " + bad_action), bad_action, ":3:");
  std::string syntax = WriteScratch("check_policy", "syntax.yaml", "guardrails:\n  - name: [x\n");
  ExpectOneLineError(RunCandor(kPr + " --policy " + syntax), syntax, ":");
  ExpectOneLineError(RunCandor(kPr + " --org-policy " + syntax), syntax, ":");
  std::string lua = WriteScratch("check_policy", "lua.yaml",
                                 "guardrails:\n  - name: x\n    when:\n      lua: \"finding.severity ==\"\n");
  ExpectOneLineError(RunCandor(kPr + " --policy " + lua), lua, ":");
}

TEST(CheckTest, UnknownGitRefIsAnInputError) {
  if (!OnPath("git")) GTEST_SKIP() << "git is not installed";
  std::filesystem::path repo = FreshDir("check_no_ref");
  ASSERT_EQ(RunShell("cd " + ShellQuote(repo.string()) + " && git init -q .").exit_code, 0);
  CommandResult run = RunCandor("check --current " + kHead + " --baseline " + kBase +
                                " --base-ref no-such-ref --repo-dir " + ShellQuote(repo.string()));
  EXPECT_EQ(run.exit_code, 2) << run.err << run.out;
  EXPECT_NE(run.err.find("no-such-ref"), std::string::npos) << run.err;
}

TEST(CheckTest, EveryFormatWritesItsKindOfOutput) {
  auto run = [](const std::string& format) {
    CommandResult result =
        RunCandor(kPr + " -q --link-base https://example.com/acme/greeter/blob/abc/ --format " + format);
    EXPECT_EQ(result.exit_code, 1) << format << ": " << result.err;
    EXPECT_TRUE(result.err.empty()) << format << ": " << result.err;  // -q: no summary line
    return result.out;
  };
  std::string markdown = run("markdown");
  EXPECT_TRUE(markdown.starts_with("<!-- candor:check -->\n")) << markdown;
  EXPECT_NE(markdown.find("](https://example.com/acme/greeter/blob/abc/src/greet.c#L13)"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("fixes 1 existing finding"), std::string::npos) << markdown;

  std::string github = run("github");
  EXPECT_TRUE(github.starts_with("::error file=src/greet.c,line=13,")) << github;
  EXPECT_NE(github.find("\ncandor: "), std::string::npos) << github;

  std::string junit = run("junit");
  EXPECT_TRUE(junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites")) << junit;
  EXPECT_NE(junit.find("<failure"), std::string::npos) << junit;
  EXPECT_NE(junit.find("</testsuites>"), std::string::npos) << junit;

  auto sarif = nlohmann::json::parse(run("sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["name"], "Flawfinder");
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 2u);  // the new one and the fixed one
  EXPECT_EQ(sarif["runs"][0]["results"][0]["baselineState"], "new");
  EXPECT_EQ(sarif["runs"][0]["results"][1]["baselineState"], "absent");

  auto json = nlohmann::json::parse(run("json"));
  EXPECT_EQ(json["version"], 1);

  std::string text = run("text");
  EXPECT_TRUE(text.starts_with("candor check: BLOCKS")) << text;
}

TEST(CheckTest, OutputIsTheSameBytesEveryRun) {
  for (const char* format : {"markdown", "github", "junit", "sarif", "json", "text"}) {
    EXPECT_EQ(RunCandor(kPr + " -q --format " + format).out, RunCandor(kPr + " -q --format " + format).out)
        << format;
  }
}

TEST(CheckTest, DashOWritesTheReportToAFile) {
  std::string path = WriteScratch("check_output", "comment.md", "stale content that must go");
  CommandResult run = RunCandor(kPr + " --format markdown -o " + path);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find("guardrails block"), std::string::npos) << run.err;
  EXPECT_EQ(Slurp(path), RunCandor(kPr + " -q --format markdown").out);
}

TEST(CheckTest, DashOIntoAMissingDirectoryIsAnIoError) {
  std::string path = WriteScratch("check_output", "x", "") + ".d/no/such/dir/comment.md";
  CommandResult run = RunCandor(kPr + " --format markdown -o " + path);
  EXPECT_EQ(run.exit_code, 3) << run.err;  // README.md: 3 store or I/O failure
  EXPECT_EQ(run.err, "candor: " + path + ": cannot open for writing: No such file or directory\n");
}

// --db: the baseline is each tool's latest scan of the base branch in the store.
class CheckStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = FreshStore(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_file_ = db_.substr(std::string("sqlite:").size());
    CommandResult main = RunCandor("ingest -q " + kBase +
                                   " --repo acme/greeter --commit v1 --branch main "
                                   "--stage main --db " +
                                   db_);
    ASSERT_EQ(main.exit_code, 0) << main.err;
  }

  std::string Findings() const {
    CommandResult run = RunCandor("findings --format json --db " + db_);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  std::string db_;
  std::string db_file_;
};

TEST_F(CheckStoreTest, SeesOnlyWhatThePullRequestIntroduced) {
  CommandResult run = RunCandor("check -q --db " + db_ + " --repo acme/greeter --current " + kHead +
                                " --diff " + kDiff + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["introduced"].size(), 1u) << run.out;
  EXPECT_EQ(report["introduced"][0]["rule_id"], "FF1044");
  EXPECT_EQ(report["introduced"][0]["path"], "src/greet.c");
  ASSERT_EQ(report["fixed"].size(), 1u) << run.out;
  EXPECT_EQ(report["fixed"][0]["rule_id"], "FF1014");
  EXPECT_EQ(report["counts"]["unchanged"], 4);
  // The same answer as with the baseline file.
  auto from_file = nlohmann::json::parse(RunCandor(kPr + " -q --format json").out);
  EXPECT_EQ(report["introduced"], from_file["introduced"]);
  EXPECT_EQ(report["counts"], from_file["counts"]);
}

TEST_F(CheckStoreTest, NeverWritesToTheStore) {
  std::string before = Findings();
  std::string bytes_before = Slurp(db_file_);
  for (const char* format : {"markdown", "github", "junit", "sarif", "json", "text"}) {
    CommandResult run = RunCandor("check -q --db " + db_ + " --repo acme/greeter --current " + kHead +
                                  " --format " + std::string(format));
    EXPECT_EQ(run.exit_code, 1) << format << ": " << run.err;
  }
  EXPECT_EQ(Findings(), before);
  EXPECT_TRUE(Slurp(db_file_) == bytes_before) << "the store file changed";
  EXPECT_FALSE(std::filesystem::exists(db_file_ + "-journal"));
}

TEST_F(CheckStoreTest, OnlyTheBaseBranchIsTheBaseline) {
  // A PR scan ingested on a feature branch is not the baseline of main.
  ASSERT_EQ(RunCandor("ingest -q " + kHead +
                      " --repo acme/greeter --commit pr1 --branch feature --stage pr "
                      "--db " +
                      db_)
                .exit_code,
            0);
  CommandResult run =
      RunCandor("check -q --db " + db_ + " --repo acme/greeter --current " + kHead + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["counts"]["introduced"], 1);
  // With the feature branch as the base, the same scan has nothing new.
  run = RunCandor("check -q --db " + db_ + " --repo acme/greeter --base-branch feature --current " + kHead +
                  " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["counts"]["introduced"], 0);
}

TEST_F(CheckStoreTest, MainBranchLifecycleMarksTheFixedFinding) {
  CommandResult next = RunCandor("ingest " + kHead +
                                 " --repo acme/greeter --commit v2 --branch main "
                                 "--stage main --db " +
                                 db_);
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.out.find("1 fixed since the previous main scan"), std::string::npos) << next.out;
  auto findings = nlohmann::json::parse(Findings());
  ASSERT_EQ(findings.size(), 6u);  // five of v1 (one now fixed), the new system() call
  int fixed = 0;
  for (const auto& finding : findings) {
    if (finding["status"] == "fixed") {
      ++fixed;
      EXPECT_EQ(finding["rule_id"], "FF1014");
      EXPECT_TRUE(finding.contains("fixed_at")) << "time to remediate needs when it was fixed";
    } else {
      EXPECT_EQ(finding["status"], "open");
      EXPECT_FALSE(finding.contains("fixed_at"));
    }
    EXPECT_NE(finding["path"], "src/report.c") << "the renamed file's finding follows the rename";
  }
  EXPECT_EQ(fixed, 1);
  // After main moved on, the same PR scan has nothing new against it.
  CommandResult run =
      RunCandor("check -q --db " + db_ + " --repo acme/greeter --current " + kHead + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["counts"]["introduced"], 0);
}

TEST_F(CheckStoreTest, NoBaselineScanMeansAllNewAndSaysSo) {
  CommandResult run =
      RunCandor("check -q --db " + db_ + " --repo acme/other --current " + kHead + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["counts"]["introduced"], 5);
  bool explained = false;
  for (const auto& warning : report["warnings"]) {
    explained |=
        warning.get<std::string>().find("no scan by Flawfinder of acme/other on main") != std::string::npos;
  }
  EXPECT_TRUE(explained) << report["warnings"].dump(2);
}

}  // namespace
}  // namespace candor::e2e
