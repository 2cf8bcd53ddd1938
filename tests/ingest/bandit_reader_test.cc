#include "ingest/bandit_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "reader_test_support.h"

namespace candor::ingest {
namespace {

using core::Category;
using core::Severity;

constexpr testing::NativeReader kBandit{ReadBandit, "bandit.json", "bandit"};

// Counts taken once with python3: len(results) of each file.
TEST(BanditReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_bandit_many_vulns.json", 214},
      {"defectdojo_bandit_no_vuln.json", 0},
      {"defectdojo_bandit_one_vuln.json", 1},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = kBandit.ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "bandit");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(BanditReaderTest, OneVulnFields) {
  CollectingSink sink = kBandit.ReadFile("defectdojo_bandit_one_vuln.json");
  ASSERT_EQ(sink.FindingCount(), 1u);
  const core::Finding& f = sink.runs[0].findings[0];
  EXPECT_EQ(f.tool, "bandit");
  EXPECT_EQ(f.rule_id, "B101");
  EXPECT_EQ(f.rule_name, "assert_used");
  EXPECT_EQ(f.category, Category::kSast);
  EXPECT_EQ(f.severity, Severity::kLow);
  EXPECT_EQ(f.tool_severity, "LOW");
  EXPECT_EQ(f.path, "one/one.py");
  EXPECT_EQ(f.region.start_line, 2);
  EXPECT_EQ(f.region.end_line, 2);
  EXPECT_EQ(f.snippet, "import os\nassert False");  // "1 import os\n2 assert False\n" without line numbers
  EXPECT_EQ(f.help_uri, "https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html");
  EXPECT_TRUE(f.message.starts_with("Use of assert detected.")) << f.message;
}

TEST(BanditReaderTest, ManyVulnsSeveritiesAndWindowsPaths) {
  CollectingSink sink = kBandit.ReadFile("defectdojo_bandit_many_vulns.json");
  // python3: Counter(issue_severity) = MEDIUM 155, LOW 59.
  size_t medium = 0, low = 0;
  for (const auto& f : sink.runs[0].findings) {
    medium += f.severity == Severity::kMedium;
    low += f.severity == Severity::kLow;
    EXPECT_EQ(f.path.find('\\'), std::string::npos) << f.path;
  }
  EXPECT_EQ(medium, 155u);
  EXPECT_EQ(low, 59u);
  const core::Finding& first = sink.runs[0].findings[0];
  EXPECT_EQ(first.rule_id, "B110");
  EXPECT_EQ(first.path, "dojo/benchmark/views.py");  // "dojo/benchmark\\views.py" in the report
  EXPECT_EQ(first.region.start_line, 26);
  EXPECT_EQ(first.region.end_line, 27);
  EXPECT_EQ(first.snippet,
            "        Benchmark_Product.objects.bulk_create(requirements)\n    except:\n        pass");
}

// The shape of Bandit 1.7.5+ results (issue_cwe, columns), as bandit writes them.
TEST(BanditReaderTest, CweAndColumns) {
  auto sink = kBandit.ReadText(
      R"({"errors":[{"filename":"./bad.py","reason":"syntax error while parsing AST from file"}],
    "generated_at":"2024-01-01T00:00:00Z","metrics":{},"results":[{"code":"555 subprocess.check_call(\n556     cmd, shell=True\n557 )\n",
    "col_offset":16,"end_col_offset":17,"filename":"./exasol/main.py","issue_confidence":"HIGH",
    "issue_cwe":{"id":78,"link":"https://cwe.mitre.org/data/definitions/78.html"},"issue_severity":"HIGH",
    "issue_text":"subprocess call with shell=True identified, security issue.","line_number":556,
    "line_range":[555,556,557],"more_info":"https://bandit.readthedocs.io/","test_id":"B602",
    "test_name":"subprocess_popen_with_shell_equals_true"}]})");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 1u);
  const core::Finding& f = sink->runs[0].findings[0];
  EXPECT_EQ(f.cwes, std::vector<int>{78});
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.path, "exasol/main.py");
  EXPECT_EQ(f.region.start_line, 556);
  EXPECT_EQ(f.region.end_line, 557);
  EXPECT_EQ(f.region.start_column, 17);
  EXPECT_EQ(f.snippet, "subprocess.check_call(\n    cmd, shell=True\n)");
}

TEST(BanditReaderTest, ScanErrorsBecomeWarnings) {
  ParseContext context;
  auto sink = kBandit.ReadText(
      R"({"errors":[{"filename":"./bad.py","reason":"syntax error"}],"generated_at":"x","results":[]})",
      &context);
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("bandit could not scan bad.py: syntax error"), std::string::npos);
}

TEST(BanditReaderTest, BadInput) {
  kBandit.ExpectError(R"({"generated_at":"x","results":{}})", "expected an array", "$.results");
  kBandit.ExpectError(R"({"results":[{"filename":"a.py","issue_severity":"LOW"}]})", "without a test_id",
                      "$.results[0]");
  kBandit.ExpectError(R"({"results":[{"test_id":"B1"}]})", "without a filename", "$.results[0]");
  kBandit.ExpectError(R"({"results":[{"test_id":"B1","filename":"a","line_number":"3"}]})",
                      "expected an integer", "$.results[0].line_number");
  kBandit.ExpectError(R"({"results":[],"metrics":{"_totals":{"loc":01}}})", "", "$.metrics._totals.loc");
  kBandit.ExpectError(R"({"results":[]}])", "");
  kBandit.ExpectError("{\"results\":[],\"x\":\"\xed\xa0\x80\"}", "invalid UTF-8");  // a UTF-16 surrogate
  kBandit.ExpectError("{\"results\":[],\"x\":" + std::string(130, '[') + std::string(130, ']') + "}",
                      "nesting too deep");
  kBandit.ExpectError("", "empty input");
}

TEST(BanditReaderTest, EveryTruncationIsAnError) {
  kBandit.ExpectEveryTruncationFails("defectdojo_bandit_one_vuln.json");
  kBandit.ExpectEveryTruncationFails("defectdojo_bandit_no_vuln.json");
  kBandit.ExpectEveryTruncationFails("defectdojo_bandit_many_vulns.json");
}

}  // namespace
}  // namespace candor::ingest
