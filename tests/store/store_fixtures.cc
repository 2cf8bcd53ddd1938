#include "store_fixtures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>

namespace candor::store::testing {

std::vector<BackendCase> Backends() {
  return {
      {"SqliteMemory", false, [](const std::filesystem::path&) { return std::string("sqlite::memory:"); }},
      {"SqliteFile", true,
       [](const std::filesystem::path& dir) { return "sqlite:" + (dir / ".candor" / "candor.db").string(); }},
  };
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("candor_store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ScanRecord MakeScan(std::string repo, std::string commit, std::string tool, int run_index,
                    core::Stage stage) {
  ScanRecord scan;
  scan.key = {std::move(repo), std::move(commit), std::move(tool), "d1g35t", run_index};
  scan.branch = "main";
  scan.stage = stage;
  scan.tool_version = "1.2.3";
  scan.started_at = "2026-11-22T14:48:00Z";
  return scan;
}

core::Finding MakeFinding(std::string identity, core::Severity severity, std::string path, int line) {
  core::Finding finding;
  finding.tool = "semgrep";
  finding.tool_version = "1.2.3";
  finding.rule_id = "rule." + identity;
  finding.category = core::Category::kSast;
  finding.severity = severity;
  finding.path = std::move(path);
  finding.region.start_line = line;
  finding.message = "message of " + identity;
  finding.identity = std::move(identity);
  return finding;
}

core::Finding EveryFieldFinding() {
  core::Finding f;
  f.tool = "CodeQL";
  f.tool_version = "2.15.0";
  f.rule_id = "js/sql-injection";
  f.rule_name = "Database query built from user-controlled sources";
  f.rule_help = "Use parameterized queries.\n\tNever \"concatenate\" \\ input.";
  f.help_uri = "https://codeql.github.com/codeql-query-help/javascript/js-sql-injection/";
  f.category = core::Category::kContainer;
  f.severity = core::Severity::kCritical;
  f.tool_severity = "9.8";
  f.cwes = {79, 89, 1321};
  f.advisories = {"CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q", "", "quote \" and \\ and \x01"};
  f.dependency = {"log4j-core", "2.14.1", "2.17.1", "maven"};
  f.path = "src/ünïcödé/日本語/file name.js";
  f.region = {12, 5, 14, 80};
  f.snippet = "const q = `SELECT * FROM t WHERE id = ${id}`;\r\n\x7f\x1f";
  f.message = "Emoji 🔥, invalid UTF-8 \xff\xfe\xc3, NUL-free, quotes '\"";
  f.fingerprints = {{"primaryLocationLineHash", "39fa2ee980eb94b0:1"}, {"dup", "a"}, {"dup", "b"}, {"", ""}};
  f.partial_fingerprints = {{"primaryLocationStartColumnFingerprint", "4"}};
  f.suppressions = {{core::SuppressionKind::kInSource, "accepted", "test fixture, not reachable"},
                    {core::SuppressionKind::kExternal, "underReview", ""}};
  f.related_location_count = 3;
  f.code_flow_count = 2;
  f.identity = "id/with\"odd\\chars é";
  return f;
}

void ExpectSameFinding(const core::Finding& actual, const core::Finding& expected) {
  EXPECT_EQ(actual.tool, expected.tool);
  EXPECT_EQ(actual.tool_version, expected.tool_version);
  EXPECT_EQ(actual.rule_id, expected.rule_id);
  EXPECT_EQ(actual.rule_name, expected.rule_name);
  EXPECT_EQ(actual.rule_help, expected.rule_help);
  EXPECT_EQ(actual.help_uri, expected.help_uri);
  EXPECT_EQ(actual.category, expected.category);
  EXPECT_EQ(actual.severity, expected.severity);
  EXPECT_EQ(actual.tool_severity, expected.tool_severity);
  EXPECT_EQ(actual.cwes, expected.cwes);
  EXPECT_EQ(actual.advisories, expected.advisories);
  EXPECT_EQ(actual.dependency.package, expected.dependency.package);
  EXPECT_EQ(actual.dependency.installed_version, expected.dependency.installed_version);
  EXPECT_EQ(actual.dependency.fixed_version, expected.dependency.fixed_version);
  EXPECT_EQ(actual.dependency.ecosystem, expected.dependency.ecosystem);
  EXPECT_EQ(actual.path, expected.path);
  EXPECT_EQ(actual.region.start_line, expected.region.start_line);
  EXPECT_EQ(actual.region.start_column, expected.region.start_column);
  EXPECT_EQ(actual.region.end_line, expected.region.end_line);
  EXPECT_EQ(actual.region.end_column, expected.region.end_column);
  EXPECT_EQ(actual.snippet, expected.snippet);
  EXPECT_EQ(actual.message, expected.message);
  EXPECT_EQ(actual.fingerprints, expected.fingerprints);
  EXPECT_EQ(actual.partial_fingerprints, expected.partial_fingerprints);
  ASSERT_EQ(actual.suppressions.size(), expected.suppressions.size());
  for (size_t i = 0; i < actual.suppressions.size(); ++i) {
    EXPECT_EQ(actual.suppressions[i].kind, expected.suppressions[i].kind) << "suppression " << i;
    EXPECT_EQ(actual.suppressions[i].status, expected.suppressions[i].status) << "suppression " << i;
    EXPECT_EQ(actual.suppressions[i].justification, expected.suppressions[i].justification)
        << "suppression " << i;
  }
  EXPECT_EQ(actual.related_location_count, expected.related_location_count);
  EXPECT_EQ(actual.code_flow_count, expected.code_flow_count);
  EXPECT_EQ(actual.identity, expected.identity);
}

}  // namespace candor::store::testing
