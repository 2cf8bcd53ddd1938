#include "ingest/npm_audit_reader.h"

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

constexpr testing::NativeReader kNpmAudit{ReadNpmAudit, "audit.json", "npm-audit"};

// Counts taken once with python3: npm 7+ -> per package, the distinct "source"
// ids of its object entries in "via"; npm 6 -> per advisory, the distinct
// findings[].version (at least one).
TEST(NpmAuditReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_npm6_many_vuln.json", 5},   {"defectdojo_npm6_multiple_cwes.json", 44},
      {"defectdojo_npm6_no_vuln.json", 0},     {"defectdojo_npm7plus_many_vulns.json", 3},
      {"defectdojo_npm7plus_no_vuln.json", 0},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = kNpmAudit.ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "npm-audit");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(NpmAuditReaderTest, Npm7AdvisoryFields) {
  CollectingSink sink = kNpmAudit.ReadFile("defectdojo_npm7plus_many_vulns.json");
  const core::Finding* debug = testing::Find(sink, "GHSA-gxpj-cx7g-858c");
  ASSERT_NE(debug, nullptr);
  EXPECT_EQ(debug->tool, "npm-audit");
  EXPECT_EQ(debug->category, Category::kSca);
  EXPECT_EQ(debug->severity, Severity::kMedium);
  EXPECT_EQ(debug->tool_severity, "moderate");
  EXPECT_EQ(debug->cwes, std::vector<int>{400});
  EXPECT_EQ(debug->advisories, std::vector<std::string>{"GHSA-gxpj-cx7g-858c"});
  EXPECT_EQ(debug->message, "Regular Expression Denial of Service in debug");
  EXPECT_EQ(debug->help_uri, "https://github.com/advisories/GHSA-gxpj-cx7g-858c");
  EXPECT_EQ(debug->path, "package-lock.json");
  EXPECT_EQ(debug->dependency.package, "debug");
  EXPECT_EQ(debug->dependency.installed_version, "4.0.0 - 4.3.0");  // npm 7 gives the range only
  EXPECT_EQ(debug->dependency.ecosystem, "npm");
  // The fix is an upgrade of vercel, which pulls debug in: not a debug version.
  EXPECT_EQ(debug->dependency.fixed_version, "");
  EXPECT_EQ(debug->rule_help, "Upgrade vercel to 32.3.0 (a major version change)");

  const core::Finding* undici = testing::Find(sink, "GHSA-3787-6prv-h9w3");
  ASSERT_NE(undici, nullptr);
  EXPECT_EQ(undici->severity, Severity::kLow);
  EXPECT_EQ(undici->cwes, std::vector<int>{200});
  // Packages that are only vulnerable through others ("via": ["debug"]) are not findings.
  for (const auto& f : sink.runs[0].findings) EXPECT_NE(f.dependency.package, "vercel");
}

TEST(NpmAuditReaderTest, Npm7FixOfThePackageItselfAndDuplicateAdvisories) {
  auto sink = kNpmAudit.ReadText(R"({"auditReportVersion":2,"vulnerabilities":{"minimist":{"name":"minimist",
    "severity":"critical","via":[{"source":1,"title":"Prototype Pollution","url":"https://github.com/advisories/GHSA-xvch-5gv4-984h",
    "severity":"critical","cwe":["CWE-1321"]},{"source":1,"title":"Prototype Pollution","url":"https://github.com/advisories/GHSA-xvch-5gv4-984h","severity":"critical"},
    "other"],"range":"<0.2.4","fixAvailable":{"name":"minimist","version":"1.2.8","isSemVerMajor":false}}}})");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 1u);
  const core::Finding& f = sink->runs[0].findings[0];
  EXPECT_EQ(f.severity, Severity::kCritical);
  EXPECT_EQ(f.dependency.fixed_version, "1.2.8");
  EXPECT_EQ(f.rule_help, "Upgrade minimist to 1.2.8");
}

TEST(NpmAuditReaderTest, Npm6AdvisoryFields) {
  CollectingSink sink = kNpmAudit.ReadFile("defectdojo_npm6_many_vuln.json");
  const core::Finding* negotiator = testing::Find(sink, "npm-advisory-106");
  ASSERT_NE(negotiator, nullptr);
  EXPECT_EQ(negotiator->severity, Severity::kHigh);
  EXPECT_EQ(negotiator->cwes, std::vector<int>{400});
  EXPECT_EQ(negotiator->advisories, std::vector<std::string>{"CVE-2016-10539"});
  EXPECT_EQ(negotiator->dependency.package, "negotiator");
  EXPECT_EQ(negotiator->dependency.installed_version, "0.5.3");
  EXPECT_EQ(negotiator->dependency.fixed_version, ">= 0.6.1");
  EXPECT_EQ(negotiator->rule_help, "Update to version 0.6.1 or later.");
  EXPECT_EQ(negotiator->help_uri, "https://nodesecurity.io/advisories/106");
  EXPECT_EQ(negotiator->message, "Regular Expression Denial of Service");
  // "cwe": "CWE-" names no weakness.
  const core::Finding* mime = testing::Find(sink, "npm-advisory-535");
  ASSERT_NE(mime, nullptr);
  EXPECT_TRUE(mime->cwes.empty());
  EXPECT_EQ(mime->severity, Severity::kMedium);
  // found_by / reported_by name a person: nowhere in the finding.
  for (const auto& f : sink.runs[0].findings) {
    EXPECT_EQ(f.message.find("Adam Baldwin"), std::string::npos);
    EXPECT_EQ(f.rule_help.find("Adam Baldwin"), std::string::npos);
  }
}

TEST(NpmAuditReaderTest, Npm6CweListsWrittenAsTextAndOneFindingPerVersion) {
  CollectingSink sink = kNpmAudit.ReadFile("defectdojo_npm6_multiple_cwes.json");
  const core::Finding* schema = testing::Find(sink, "GHSA-896r-f27r-55mw");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->cwes, (std::vector<int>{915, 1321}));  // "[\"CWE-915\",\"CWE-1321\"]"
  EXPECT_EQ(schema->advisories, (std::vector<std::string>{"CVE-2021-3918", "GHSA-896r-f27r-55mw"}));
  EXPECT_EQ(schema->dependency.installed_version, "0.2.3");
  // ansi-regex 3.0.0 and 4.1.0 are both installed: two findings for one advisory.
  EXPECT_NE(testing::Find(sink, "GHSA-93q8-gq69-wqmw", "3.0.0"), nullptr);
  EXPECT_NE(testing::Find(sink, "GHSA-93q8-gq69-wqmw", "4.1.0"), nullptr);
  const core::Finding* critical = testing::Find(sink, "GHSA-72mh-269x-7mh5");
  ASSERT_NE(critical, nullptr);
  EXPECT_EQ(critical->severity, Severity::kCritical);
  EXPECT_EQ(critical->cwes, std::vector<int>{295});
}

TEST(NpmAuditReaderTest, BadInput) {
  kNpmAudit.ExpectError(R"({"auditReportVersion":2,"vulnerabilities":[]})", "expected an object",
                        "$.vulnerabilities");
  kNpmAudit.ExpectError(R"({"auditReportVersion":2,"vulnerabilities":{"a":{"via":[{"title":"x"}]}}})",
                        "advisory without a source or url", "$.vulnerabilities.a.via[0]");
  kNpmAudit.ExpectError(R"({"advisories":{"1":{"id":1,"title":"t"}},"metadata":{}})", "without a module_name",
                        "$.advisories.1");
  kNpmAudit.ExpectError(R"({"auditReportVersion":2,"vulnerabilities":{"a":{"via":[5]}}})",
                        "expected a string");
  kNpmAudit.ExpectError(R"({"auditReportVersion":2,"vulnerabilities":{},"metadata":{"x":[1 2]}})", "");
  kNpmAudit.ExpectError(
      R"({"error":{"code":"ENOLOCK","summary":"This command requires an existing lockfile."}})",
      "npm audit reported an error instead of results: ENOLOCK");
  kNpmAudit.ExpectError("{\"auditReportVersion\":2,\"vulnerabilities\":{\"\xe2\x82\":{}}}", "invalid UTF-8");
  kNpmAudit.ExpectError("{\"a\":" + std::string(200, '[') + std::string(200, ']') + "}", "nesting too deep");
  kNpmAudit.ExpectError(" \n", "empty input");
  kNpmAudit.ExpectError("null", "found null");
}

TEST(NpmAuditReaderTest, EveryTruncationIsAnError) {
  kNpmAudit.ExpectEveryTruncationFails("defectdojo_npm7plus_many_vulns.json");
  kNpmAudit.ExpectEveryTruncationFails("defectdojo_npm6_many_vuln.json");
  kNpmAudit.ExpectEveryTruncationFails("defectdojo_npm6_no_vuln.json");
}

}  // namespace
}  // namespace candor::ingest
