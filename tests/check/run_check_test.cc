// RunCheck on real scanner output (tests/data/sarif, see tests/data/SOURCES.md)
// changed the way a pull request changes it.

#include "check/run_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "pipeline/record_scans.h"

namespace candor::check {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const std::string kSemgrep =
    std::string(CANDOR_TEST_DATA) + "/sarif/semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif";

class RunCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("candor_check_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ifstream in(kSemgrep);
    log_ = Json::parse(in);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string WriteLog(const std::string& name, const Json& log) { return Write(name, log.dump()); }

  // The log with one result added: a new high-severity finding at `line` of its first result's file.
  Json WithNewFinding(int line) {
    Json log = log_;
    Json added = log["runs"][0]["results"][0];
    added["ruleId"] = "python.django.security.injection.sql";
    added.erase("ruleIndex");
    added["level"] = "error";
    added["message"]["text"] = "User input flows into a raw SQL query.";
    added["locations"][0]["physicalLocation"]["region"] = {{"startLine", line},
                                                           {"snippet", {{"text", "cursor.execute(q)"}}}};
    log["runs"][0]["results"].push_back(added);
    return log;
  }
  std::string FirstPath() const {
    return log_["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  }

  fs::path dir_;
  Json log_;
};

TEST_F(RunCheckTest, AnUnchangedScanIntroducesNothingAndHolds) {
  CheckRequest request;
  request.current_files = {kSemgrep};
  request.baseline_files = {kSemgrep};
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  EXPECT_TRUE(result->introduced.empty());
  EXPECT_TRUE(result->fixed.empty());
  EXPECT_EQ(result->unchanged, log_["runs"][0]["results"].size());
  EXPECT_FALSE(result->Blocked());
  ASSERT_EQ(result->tools.size(), 1u);
}

TEST_F(RunCheckTest, ANewHighFindingBlocksUnderTheDefaultPolicy) {
  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", WithNewFinding(4242))};
  request.baseline_files = {kSemgrep};
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  ASSERT_EQ(result->introduced.size(), 1u);
  const CheckedFinding& found = result->introduced[0];
  EXPECT_EQ(found.state, core::BaselineState::kNew);
  EXPECT_EQ(found.finding.severity, core::Severity::kHigh);
  EXPECT_EQ(found.action, policy::Action::kBlock);
  EXPECT_TRUE(result->Blocked());
  EXPECT_FALSE(result->diff_given);
}

TEST_F(RunCheckTest, ATeamPolicyThatOnlyWarnsHolds) {
  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", WithNewFinding(4242))};
  request.baseline_files = {kSemgrep};
  request.policy_file = Write("policy.yaml",
                              "version: 1\n"
                              "guardrails:\n"
                              "  - name: tell-me\n"
                              "    action: warn\n"
                              "    when:\n"
                              "      severity: \">= medium\"\n");
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  ASSERT_EQ(result->introduced.size(), 1u);
  EXPECT_EQ(result->introduced[0].action, policy::Action::kWarn);
  EXPECT_FALSE(result->Blocked());
  ASSERT_EQ(result->guardrails.size(), 1u);
  EXPECT_EQ(result->guardrails[0].tripped, 1u);
}

TEST_F(RunCheckTest, TheOrganisationsFloorStillBlocks) {
  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", WithNewFinding(4242))};
  request.baseline_files = {kSemgrep};
  request.org_policy_file = Write("org.yaml",
                                  "guardrails:\n"
                                  "  - name: org-no-new-high\n"
                                  "    when: {severity: high}\n");
  request.policy_file = Write("team.yaml",
                              "guardrails:\n"
                              "  - name: team-warn\n"
                              "    action: warn\n"
                              "    when: {severity: low}\n");
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  EXPECT_TRUE(result->Blocked());
  // A team that redefines the floor is refused, naming both files.
  request.policy_file = Write("loose.yaml",
                              "guardrails:\n"
                              "  - name: org-no-new-high\n"
                              "    action: inform\n");
  auto refused = RunCheck(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().ToString().find("loose.yaml"), std::string::npos) << refused.error().ToString();
}

TEST_F(RunCheckTest, TheDiffSaysWhetherAFindingIsOnAChangedLine) {
  const std::string path = FirstPath();
  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", WithNewFinding(4242))};
  request.baseline_files = {kSemgrep};
  request.diff_file = Write("pr.diff", "diff --git a/" + path + " b/" + path + "\n--- a/" + path +
                                           "\n+++ b/" + path + "\n@@ -4241,0 +4242 @@\n+cursor.execute(q)\n");
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  ASSERT_EQ(result->introduced.size(), 1u);
  EXPECT_TRUE(result->diff_given);
  EXPECT_TRUE(result->introduced[0].on_changed_line);
}

// With a diff, findings on the changed files are kept from the first read and
// others are read again: a report shows the same finding either way.
TEST_F(RunCheckTest, ShownFindingsAreTheSameKeptOrReadAgain) {
  const std::string path = FirstPath();
  Json changed = WithNewFinding(4242);
  changed["runs"][0]["results"].erase(1);  // fixed: the baseline's second result
  const Json& gone = log_["runs"][0]["results"][1];
  const std::string gone_path = gone["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  auto diff_of = [&](const std::string& file) {
    return "diff --git a/" + file + " b/" + file + "\n--- a/" + file + "\n+++ b/" + file +
           "\n@@ -1,0 +1 @@\n+# touched\n";
  };
  auto check_with = [&](const std::string& diff_text) {
    CheckRequest request;
    request.current_files = {WriteLog("pr.sarif", changed)};
    request.baseline_files = {kSemgrep};
    request.diff_file = Write("pr.diff", diff_text);
    return RunCheck(request);
  };
  auto kept = check_with(diff_of(path) + (gone_path == path ? "" : diff_of(gone_path)));
  auto read_again = check_with(diff_of("an/untouched/file.py"));
  ASSERT_TRUE(kept) << kept.error().ToString();
  ASSERT_TRUE(read_again) << read_again.error().ToString();
  ASSERT_EQ(kept->introduced.size(), 1u);
  ASSERT_EQ(read_again->introduced.size(), 1u);
  ASSERT_EQ(kept->fixed.size(), 1u);
  ASSERT_EQ(read_again->fixed.size(), 1u);
  for (auto [a, b] : {std::pair(&kept->introduced[0].finding, &read_again->introduced[0].finding),
                      std::pair(&kept->fixed[0].finding, &read_again->fixed[0].finding)}) {
    EXPECT_FALSE(a->identity.empty());
    EXPECT_EQ(a->identity, b->identity);
    EXPECT_EQ(a->rule_id, b->rule_id);
    EXPECT_EQ(a->message, b->message);
    EXPECT_EQ(a->path, b->path);
    EXPECT_EQ(a->region.start_line, b->region.start_line);
    EXPECT_EQ(a->snippet, b->snippet);
    EXPECT_EQ(a->severity, b->severity);
  }
  EXPECT_EQ(kept->introduced[0].finding.message, "User input flows into a raw SQL query.");
  EXPECT_EQ(kept->fixed[0].finding.rule_id, gone["ruleId"].get<std::string>());
}

TEST_F(RunCheckTest, AFixedFindingIsReported) {
  Json fewer = log_;
  fewer["runs"][0]["results"].erase(0);
  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", fewer)};
  request.baseline_files = {kSemgrep};
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  EXPECT_TRUE(result->introduced.empty());
  ASSERT_EQ(result->fixed.size(), 1u);
  EXPECT_EQ(result->fixed[0].state, core::BaselineState::kAbsent);
}

// The baseline can come from the store: the base branch's latest main scan.
TEST_F(RunCheckTest, BaselineFromTheStore) {
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store);
  pipeline::RecordRequest ingest;
  ingest.files = {kSemgrep};
  ingest.repo = "acme/payments";
  ingest.commit = "main-1";
  ingest.branch = "main";
  core::FixedClock clock{core::TimePoint{std::chrono::seconds(1795358880)}};
  ASSERT_TRUE(pipeline::RecordScans(ingest, **store, clock));

  CheckRequest request;
  request.current_files = {WriteLog("pr.sarif", WithNewFinding(4242))};
  request.store = store->get();
  request.repo = "acme/payments";
  auto result = RunCheck(request);
  ASSERT_TRUE(result) << result.error().ToString();
  EXPECT_EQ(result->introduced.size(), 1u);
  EXPECT_EQ(result->unchanged, log_["runs"][0]["results"].size());

  request.base_branch = "develop";  // nothing recorded there: everything is new, and it says so
  auto nothing = RunCheck(request);
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->introduced.size(), log_["runs"][0]["results"].size() + 1);
  ASSERT_FALSE(nothing->warnings.empty());
  EXPECT_NE(nothing->warnings.back().find("develop"), std::string::npos);
}

TEST_F(RunCheckTest, BadInputsAreErrorsNamingTheFile) {
  CheckRequest request;
  request.current_files = {Write("broken.sarif", R"({"version":"2.1.0","runs":[)")};
  request.baseline_files = {kSemgrep};
  auto broken = RunCheck(request);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().ToString().find("broken.sarif"), std::string::npos);

  request.current_files = {kSemgrep};
  request.diff_file =
      Write("bad.diff", "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n+only one line\n");
  auto bad_diff = RunCheck(request);
  ASSERT_FALSE(bad_diff);
  EXPECT_NE(bad_diff.error().ToString().find("bad.diff:"), std::string::npos) << bad_diff.error().ToString();

  request.diff_file.clear();
  request.policy_file = Write("bad.yaml", "guardrails:\n  - name: x\n    action: explode\n");
  auto bad_policy = RunCheck(request);
  ASSERT_FALSE(bad_policy);
  EXPECT_NE(bad_policy.error().ToString().find("bad.yaml:3"), std::string::npos)
      << bad_policy.error().ToString();
}

}  // namespace
}  // namespace candor::check
