#include "ingest/bandit_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {
namespace {

using core::Category;
using core::Severity;

std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream out;
  out << file.rdbuf();
  return out.str();
}

std::string DataPath(const std::string& name) {
  return std::string(CANDOR_TEST_DATA) + "/native/bandit/" + name;
}

core::Result<CollectingSink> ReadText(const std::string& text, ParseContext* context = nullptr) {
  ParseContext local;
  CollectingSink sink;
  InputBuffer input("bandit.json", text);
  if (auto status = ReadBandit(input, context != nullptr ? *context : local, sink); !status) {
    return std::unexpected(status.error());
  }
  return sink;
}

CollectingSink ReadFile(const std::string& name, ParseContext* context = nullptr) {
  auto sink = ReadText(Slurp(DataPath(name)), context);
  EXPECT_TRUE(sink.has_value()) << name << ": " << sink.error().ToString();
  return sink ? std::move(*sink) : CollectingSink{};
}

const core::Finding* Find(const CollectingSink& sink, std::string_view rule_id, std::string_view extra = {}) {
  for (const auto& run : sink.runs) {
    for (const auto& f : run.findings) {
      if (f.rule_id == rule_id &&
          (extra.empty() || f.dependency.installed_version == extra || f.path == extra)) {
        return &f;
      }
    }
  }
  return nullptr;
}

void ExpectError(const std::string& text, std::string_view message_part, std::string_view path_part = {}) {
  auto sink = ReadText(text);
  ASSERT_FALSE(sink) << text;
  std::string all = sink.error().ToString();
  EXPECT_NE(all.find(message_part), std::string::npos) << all;
  EXPECT_NE(all.find("bandit.json: byte "), std::string::npos) << all;
  if (!path_part.empty()) EXPECT_NE(all.find(path_part), std::string::npos) << all;
}

void ExpectEveryTruncationFails(const std::string& name) {
  std::string text = Slurp(DataPath(name));
  size_t end = text.find_last_not_of(" \t\r\n");
  for (size_t cut = 0; cut < end; cut += std::max<size_t>(1, end / 500)) {
    EXPECT_FALSE(ReadText(text.substr(0, cut))) << name << " cut at " << cut;
  }
}

// Counts taken once with python3: len(results) of each file.
TEST(BanditReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_bandit_many_vulns.json", 214},
      {"defectdojo_bandit_no_vuln.json", 0},
      {"defectdojo_bandit_one_vuln.json", 1},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "bandit");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(BanditReaderTest, OneVulnFields) {
  CollectingSink sink = ReadFile("defectdojo_bandit_one_vuln.json");
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
  CollectingSink sink = ReadFile("defectdojo_bandit_many_vulns.json");
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
  auto sink =
      ReadText(R"({"errors":[{"filename":"./bad.py","reason":"syntax error while parsing AST from file"}],
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
  auto sink = ReadText(
      R"({"errors":[{"filename":"./bad.py","reason":"syntax error"}],"generated_at":"x","results":[]})",
      &context);
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("bandit could not scan bad.py: syntax error"), std::string::npos);
}

TEST(BanditReaderTest, BadInput) {
  ExpectError(R"({"generated_at":"x","results":{}})", "expected an array", "$.results");
  ExpectError(R"({"results":[{"filename":"a.py","issue_severity":"LOW"}]})", "without a test_id",
              "$.results[0]");
  ExpectError(R"({"results":[{"test_id":"B1"}]})", "without a filename", "$.results[0]");
  ExpectError(R"({"results":[{"test_id":"B1","filename":"a","line_number":"3"}]})", "expected an integer",
              "$.results[0].line_number");
  ExpectError(R"({"results":[],"metrics":{"_totals":{"loc":01}}})", "", "$.metrics._totals.loc");
  ExpectError(R"({"results":[]}])", "");
  ExpectError("{\"results\":[],\"x\":\"\xed\xa0\x80\"}", "invalid UTF-8");  // a UTF-16 surrogate
  ExpectError("{\"results\":[],\"x\":" + std::string(130, '[') + std::string(130, ']') + "}",
              "nesting too deep");
  ExpectError("", "empty input");
}

TEST(BanditReaderTest, EveryTruncationIsAnError) {
  ExpectEveryTruncationFails("defectdojo_bandit_one_vuln.json");
  ExpectEveryTruncationFails("defectdojo_bandit_no_vuln.json");
  ExpectEveryTruncationFails("defectdojo_bandit_many_vulns.json");
}

}  // namespace
}  // namespace candor::ingest
