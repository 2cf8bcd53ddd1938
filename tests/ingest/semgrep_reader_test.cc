#include "ingest/semgrep_reader.h"

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

constexpr testing::NativeReader kSemgrep{ReadSemgrep, "semgrep.json", "semgrep"};

// Counts taken once with python3: len(results) of each file.
TEST(SemgrepReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_semgrep_cwe_list.json", 1},
      {"defectdojo_semgrep_empty.json", 0},
      {"defectdojo_semgrep_many_vulns.json", 48},
      {"defectdojo_semgrep_one_finding.json", 1},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = kSemgrep.ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "semgrep");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(SemgrepReaderTest, OneFindingFields) {
  CollectingSink sink = kSemgrep.ReadFile("defectdojo_semgrep_one_finding.json");
  const core::Finding& f = sink.runs[0].findings.at(0);
  EXPECT_EQ(f.tool, "semgrep");
  EXPECT_EQ(f.rule_id, "java.lang.security.audit.cbc-padding-oracle.cbc-padding-oracle");
  EXPECT_EQ(f.rule_name, "cbc-padding-oracle");
  EXPECT_EQ(f.category, Category::kSast);
  EXPECT_EQ(f.severity, Severity::kMedium);
  EXPECT_EQ(f.tool_severity, "WARNING");
  EXPECT_EQ(f.cwes, std::vector<int>{696});
  EXPECT_EQ(f.path, "src/main/java/org/owasp/benchmark/testcode/BenchmarkTest02194.java");
  EXPECT_EQ(f.region.start_line, 64);
  EXPECT_EQ(f.region.start_column, 4);
  EXPECT_EQ(f.region.end_line, 64);
  EXPECT_EQ(f.region.end_column, 83);
  EXPECT_EQ(f.snippet,
            "\t\t\tjavax.crypto.Cipher c = javax.crypto.Cipher.getInstance(\"DES/CBC/PKCS5Padding\");");
  EXPECT_EQ(f.help_uri, "https://find-sec-bugs.github.io/bugs.htm#PADDING_ORACLE");
  EXPECT_TRUE(f.message.starts_with("Using CBC with PKCS5Padding")) << f.message;
  EXPECT_TRUE(f.message.ends_with("instead.")) << f.message;  // trailing newline trimmed
  EXPECT_TRUE(f.fingerprints.empty());
  EXPECT_TRUE(f.suppressions.empty());
}

TEST(SemgrepReaderTest, CweListVersionAndFingerprint) {
  CollectingSink sink = kSemgrep.ReadFile("defectdojo_semgrep_cwe_list.json");
  EXPECT_EQ(sink.runs[0].info.tool_version, "0.96.0");  // written after the results
  const core::Finding& f = sink.runs[0].findings.at(0);
  EXPECT_EQ(f.cwes, std::vector<int>{352});
  EXPECT_EQ(f.severity, Severity::kLow);  // INFO
  EXPECT_EQ(f.tool_severity, "INFO");
  EXPECT_EQ(f.path, "index.js");
  EXPECT_EQ(f.region.start_line, 12);
  EXPECT_EQ(f.region.start_column, 7);
  ASSERT_EQ(f.fingerprints.size(), 1u);
  EXPECT_EQ(f.fingerprints[0].name, "semgrep");
  EXPECT_EQ(f.fingerprints[0].value, "143cb0c62f3740d62180cbde3ffa976e");
  EXPECT_EQ(f.help_uri,
            "https://semgrep.dev/r/"
            "javascript.express.security.audit.express-check-csurf-middleware-usage.express-check-csurf-"
            "middleware-usage");
  EXPECT_EQ(f.snippet, "const app = express();");
}

TEST(SemgrepReaderTest, ManyVulnsSeverities) {
  CollectingSink sink = kSemgrep.ReadFile("defectdojo_semgrep_many_vulns.json");
  // python3: Counter(extra.severity) = WARNING 35, ERROR 13; CWE-611 on 10 results.
  size_t high = 0, medium = 0, xxe = 0;
  for (const auto& f : sink.runs[0].findings) {
    high += f.severity == Severity::kHigh;
    medium += f.severity == Severity::kMedium;
    xxe += f.cwes == std::vector<int>{611};
  }
  EXPECT_EQ(high, 13u);
  EXPECT_EQ(medium, 35u);
  EXPECT_EQ(xxe, 10u);
  const core::Finding* defused = testing::Find(sink, "python.lang.security.use-defused-xml.use-defused-xml",
                                               "tools/immuniweb/parser.py");
  ASSERT_NE(defused, nullptr);
  EXPECT_EQ(defused->help_uri, "https://docs.python.org/3/library/xml.html");  // first reference
  EXPECT_EQ(defused->region.start_line, 3);
}

TEST(SemgrepReaderTest, LoginPlaceholdersIgnoredResultsAndSecrets) {
  auto sink = kSemgrep.ReadText(R"({"results":[
    {"check_id":"a.b.rule","path":"./src/x.py","start":{"line":1,"col":1},"end":{"line":1,"col":5},
     "extra":{"message":"m","severity":"ERROR","lines":"requires login","fingerprint":"requires login",
              "is_ignored":true,"metadata":{"cwe":"CWE-89: SQL Injection","references":"https://r"}}},
    {"check_id":"generic.secrets.security.detected-aws-access-key","path":"k.env","start":{"line":2,"col":1},
     "end":{"line":2,"col":30},"extra":{"message":"AWS key","severity":"ERROR","lines":"KEY=AKIAABCDEFGHIJKLMNOP",
     "metadata":{"category":"security","secret_type":"AWS","cwe":["CWE-798: Use of Hard-coded Credentials"]}}},
    {"check_id":"ssc.lodash","path":"package-lock.json","start":{"line":3},"end":{"line":3},
     "extra":{"message":"vulnerable lodash","severity":"HIGH","sca_info":{"reachable":false},"metadata":{}}}
    ],"errors":[{"type":"Timeout","level":"warn","message":"Timeout when running rule\nmore","path":"big.js"}],
    "version":"1.50.0"})");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 3u);
  const auto& findings = sink->runs[0].findings;
  EXPECT_EQ(findings[0].path, "src/x.py");
  EXPECT_TRUE(findings[0].snippet.empty());
  EXPECT_TRUE(findings[0].fingerprints.empty());
  ASSERT_EQ(findings[0].suppressions.size(), 1u);
  EXPECT_EQ(findings[0].suppressions[0].kind, core::SuppressionKind::kInSource);
  EXPECT_EQ(findings[0].cwes, std::vector<int>{89});
  EXPECT_EQ(findings[0].help_uri, "https://r");
  EXPECT_EQ(findings[1].category, Category::kSecrets);
  EXPECT_TRUE(findings[1].snippet.empty());  // the matched line holds the key
  EXPECT_EQ(findings[1].cwes, std::vector<int>{798});
  EXPECT_EQ(findings[2].category, Category::kSca);
  EXPECT_EQ(findings[2].severity, Severity::kHigh);
  EXPECT_EQ(sink->runs[0].info.tool_version, "1.50.0");
}

TEST(SemgrepReaderTest, ScanErrorsBecomeWarnings) {
  ParseContext context;
  auto sink = kSemgrep.ReadText(
      R"({"results":[],"errors":[{"type":"Timeout","level":"warn","message":"Timeout\nmore","path":"big.js"}]})",
      &context);
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("semgrep reported warn big.js: Timeout"), std::string::npos)
      << context.warnings[0];
}

TEST(SemgrepReaderTest, BadInput) {
  kSemgrep.ExpectError(R"({"results":5,"errors":[]})", "expected an array", "$.results");
  kSemgrep.ExpectError(R"({"results":[{"path":"a.py"}],"errors":[]})", "without a check_id", "$.results[0]");
  kSemgrep.ExpectError(R"({"results":[{"check_id":"r"}],"errors":[]})", "without a path", "$.results[0]");
  kSemgrep.ExpectError(R"({"results":[{"check_id":"r","path":"p","start":{"line":1.5}}],"errors":[]})",
                       "expected an integer", "$.results[0].start.line");
  kSemgrep.ExpectError(
      R"({"results":[{"check_id":"r","path":"p","extra":{"metavars":{"$X":{"start":{"line":1,}}}}}]})", "",
      "$.results[0].extra.metavars");
  kSemgrep.ExpectError(R"({"results":[{"check_id":"r","path":"p","extra":{"is_ignored":"no"}}]})",
                       "true or false", "is_ignored");
  kSemgrep.ExpectError("{\"results\":[],\"errors\":[],\"paths\":{\"scanned\":[\"\xc0\xaf\"]}}",
                       "invalid UTF-8");
  kSemgrep.ExpectError("{\"results\":[],\"paths\":" + std::string(200, '[') + std::string(200, ']') + "}",
                       "nesting too deep");
  kSemgrep.ExpectError("", "empty input");
  kSemgrep.ExpectError(R"({"results":[],"errors":[]}x)", "");
}

TEST(SemgrepReaderTest, DepthLimitComesFromTheContext) {
  ParseContext context;
  context.limits.max_depth = 3;
  auto sink = kSemgrep.ReadText(
      R"({"results":[{"check_id":"r","path":"p","extra":{"metadata":{"cwe":["CWE-1"]}}}]})", &context);
  ASSERT_FALSE(sink);
  EXPECT_EQ(sink.error().code, core::ErrorCode::kLimitExceeded);
}

TEST(SemgrepReaderTest, EveryTruncationIsAnError) {
  kSemgrep.ExpectEveryTruncationFails("defectdojo_semgrep_cwe_list.json");
  kSemgrep.ExpectEveryTruncationFails("defectdojo_semgrep_empty.json");
  kSemgrep.ExpectEveryTruncationFails("defectdojo_semgrep_one_finding.json");
}

}  // namespace
}  // namespace candor::ingest
