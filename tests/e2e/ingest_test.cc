// `candor ingest` and `candor findings` end to end, on the bundled example
// service's real scanner reports (examples/payments-service/README.md says
// where each comes from). Expected counts were taken with python3's json
// module: codeql.sarif has one run of 72 results, semgrep.json 48 results,
// gitleaks.json 4 leaks, bandit.json 1 result.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kScans = CANDOR_EXAMPLES "/payments-service/scans";

size_t CountFindings(const std::string& db, const std::string& filters = "") {
  CommandResult run = RunCandor("findings --format json --db " + db + " " + filters);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return nlohmann::json::parse(run.out).size();
}

CommandResult Ingest(const std::string& files, const std::string& db, const std::string& commit = "c0ffee") {
  return RunCandor("ingest " + files + " --repo example/payments --commit " + commit + " --db " + db);
}

TEST(IngestTest, RecordsEveryExampleScanWithTheRightCounts) {
  std::string db = FreshStore("all");
  CommandResult run =
      Ingest(kScans + "/codeql.sarif " + kScans + "/semgrep.json " + kScans + "/gitleaks.json " + kScans +
                 "/bandit.json " + kScans + "/trivy.json " + kScans + "/npm-audit.json",
             db);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("codeql.sarif: CodeQL 2.5.4 (sarif), 72 findings"), std::string::npos) << run.out;
  EXPECT_EQ(CountFindings(db, "--tool CodeQL"), 72u);
  EXPECT_EQ(CountFindings(db, "--tool semgrep"), 48u);
  EXPECT_EQ(CountFindings(db, "--tool gitleaks"), 4u);
  EXPECT_EQ(CountFindings(db, "--tool bandit"), 1u);
  EXPECT_GT(CountFindings(db, "--tool trivy"), 0u);
  EXPECT_GT(CountFindings(db, "--tool npm-audit"), 0u);
}

TEST(IngestTest, SameInputForSameCommitTwiceChangesNothing) {
  std::string db = FreshStore("twice");
  ASSERT_EQ(Ingest(kScans + "/semgrep.json", db).exit_code, 0);
  CommandResult before = RunCandor("findings --format json --db " + db);
  CommandResult again = Ingest(kScans + "/semgrep.json", db);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already recorded"), std::string::npos) << again.out;
  EXPECT_EQ(RunCandor("findings --format json --db " + db).out, before.out);
}

TEST(IngestTest, SameFindingsAtANewCommitAreTheSameFindings) {
  std::string db = FreshStore("next_commit");
  ASSERT_EQ(Ingest(kScans + "/codeql.sarif", db, "commit1").exit_code, 0);
  ASSERT_EQ(Ingest(kScans + "/codeql.sarif", db, "commit2").exit_code, 0);
  auto findings = nlohmann::json::parse(RunCandor("findings --format json --db " + db).out);
  ASSERT_EQ(findings.size(), 72u);
  for (const auto& finding : findings) {
    EXPECT_NE(finding["first_seen_scan"], finding["last_seen_scan"]);
    // CodeQL's embedded links ("[a user-provided value](1)") read as plain text.
    EXPECT_EQ(finding["message"].get<std::string>().find("]("), std::string::npos) << finding["message"];
  }
}

TEST(IngestTest, ReadsStandardInput) {
  std::string db = FreshStore("stdin");
  CommandResult run =
      RunCandor("ingest - --format gitleaks --repo r --commit c --db " + db, kScans + "/gitleaks.json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountFindings(db, "--category secrets"), 4u);
}

TEST(IngestTest, SecretsAreNeverStored) {
  std::string db = FreshStore("secrets");
  ASSERT_EQ(Ingest(kScans + "/gitleaks.json", db).exit_code, 0);
  std::string everything = RunCandor("findings --format json --db " + db).out;
  std::string gitleaks = Slurp(kScans + "/gitleaks.json");
  auto leaks = nlohmann::json::parse(gitleaks);
  size_t people = 0;
  for (const auto& leak : leaks) {
    for (const char* field : {"Secret", "Match", "Email", "Author"}) {
      std::string value = leak[field].get<std::string>();
      if (value.empty()) continue;  // one leak has no author
      EXPECT_EQ(everything.find(value), std::string::npos) << field << ": " << value;
      people += std::string_view(field) == "Email";
    }
  }
  EXPECT_EQ(people, 3u);
}

TEST(IngestTest, TruncatedInputIsRefusedAndNothingIsWritten) {
  std::string db = FreshStore("truncated");
  ASSERT_EQ(Ingest(kScans + "/bandit.json", db).exit_code, 0);
  auto dir = std::filesystem::temp_directory_path();
  auto truncated = dir / "candor_e2e_truncated.sarif";
  std::string sarif = Slurp(kScans + "/codeql.sarif");
  std::ofstream(truncated, std::ios::binary) << sarif.substr(0, sarif.size() / 2);
  // A good file first, then the broken one: the good one must not be recorded either.
  CommandResult run = Ingest(kScans + "/semgrep.json " + truncated.string(), db);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("candor_e2e_truncated.sarif: byte "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("nothing was recorded"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(CountFindings(db), 1u);
}

TEST(IngestTest, MissingFileIsRefused) {
  std::string db = FreshStore("missing");
  CommandResult run = Ingest("/nonexistent/scan.sarif", db);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("/nonexistent/scan.sarif"), std::string::npos) << run.err;
}

TEST(IngestTest, UnrecognisedFormatAsksForFormat) {
  std::string db = FreshStore("unknown_format");
  auto path = std::filesystem::temp_directory_path() / "candor_e2e_unknown.json";
  std::ofstream(path) << R"({"hello": "world"})";
  CommandResult run = Ingest(path.string(), db);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--format"), std::string::npos) << run.err;
}

TEST(FindingsTest, FiltersBySeverityCategoryAndPath) {
  std::string db = FreshStore("filters");
  ASSERT_EQ(Ingest(kScans + "/codeql.sarif " + kScans + "/gitleaks.json", db).exit_code, 0);
  auto all = nlohmann::json::parse(RunCandor("findings --format json --db " + db).out);
  auto high = nlohmann::json::parse(RunCandor("findings --format json --severity '>=high' --db " + db).out);
  size_t expected_high = 0;
  for (const auto& f : all) expected_high += (f["severity"] == "high" || f["severity"] == "critical");
  EXPECT_EQ(high.size(), expected_high);
  for (const auto& f : high) EXPECT_TRUE(f["severity"] == "high" || f["severity"] == "critical");
  EXPECT_EQ(CountFindings(db, "--category secrets"), 4u);
  auto on_path = nlohmann::json::parse(RunCandor("findings --format json --path '**/*.tf' --db " + db).out);
  for (const auto& f : on_path) EXPECT_TRUE(f["path"].get<std::string>().ends_with(".tf")) << f["path"];
  EXPECT_EQ(CountFindings(db, "--limit 5"), 5u);
}

TEST(FindingsTest, CsvHasHeaderAndOneRowPerFinding) {
  std::string db = FreshStore("csv");
  ASSERT_EQ(Ingest(kScans + "/bandit.json", db).exit_code, 0);
  CommandResult run = RunCandor("findings --format csv --db " + db);
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("id,repo,status,severity")) << run.out;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 2);
}

}  // namespace
}  // namespace candor::e2e
