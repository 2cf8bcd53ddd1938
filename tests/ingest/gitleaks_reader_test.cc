#include "ingest/gitleaks_reader.h"

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

constexpr testing::NativeReader kGitleaks{ReadGitleaks, "leaks.json", "gitleaks"};

// Every text field of a finding, to check that no secret and no person is in it.
std::string AllText(const core::Finding& f) {
  std::string all = f.tool + f.tool_version + f.rule_id + f.rule_name + f.rule_help + f.help_uri +
                    f.tool_severity + f.dependency.package + f.dependency.installed_version +
                    f.dependency.fixed_version + f.dependency.ecosystem + f.path + f.snippet + f.message +
                    f.identity;
  for (const auto& a : f.advisories) all += a;
  for (const auto& p : f.fingerprints) all += p.name + p.value;
  for (const auto& p : f.partial_fingerprints) all += p.name + p.value;
  for (const auto& s : f.suppressions) all += s.status + s.justification;
  return all;
}

void ExpectNoSecretsOrPeople(const CollectingSink& sink, const std::vector<std::string>& forbidden) {
  for (const auto& run : sink.runs) {
    for (const auto& f : run.findings) {
      std::string all = AllText(f);
      for (const std::string& word : forbidden) {
        EXPECT_EQ(all.find(word), std::string::npos) << "\"" << word << "\" leaked into " << f.rule_id;
      }
    }
  }
}

// Counts taken once with python3: the number of distinct (rule, file, line,
// columns, secret) among the array's entries (v7 history scans repeat a leak
// once per commit: 8 entries, 4 distinct leaks in the 7.5.0 file).
TEST(GitleaksReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_gitleaks8_many.json", 4},
      {"defectdojo_gitleaks_data_many_v7.json", 2},
      {"defectdojo_gitleaks_no_findings.json", 0},  // the literal null
      {"defectdojo_gitleaks_version_7.5.0.json", 4},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = kGitleaks.ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "gitleaks");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(GitleaksReaderTest, RepeatsAcrossCommitsAreFoldedWithAWarning) {
  ParseContext context;
  kGitleaks.ReadFile("defectdojo_gitleaks_version_7.5.0.json", &context);
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("4 leak(s) repeated"), std::string::npos) << context.warnings[0];
}

TEST(GitleaksReaderTest, Version8Fields) {
  CollectingSink sink = kGitleaks.ReadFile("defectdojo_gitleaks8_many.json");
  const auto& findings = sink.runs[0].findings;
  ASSERT_EQ(findings.size(), 4u);
  const core::Finding& aws = findings[0];
  EXPECT_EQ(aws.tool, "gitleaks");
  EXPECT_EQ(aws.rule_id, "aws-access-token");
  EXPECT_EQ(aws.rule_name, "AWS");
  EXPECT_EQ(aws.category, Category::kSecrets);
  EXPECT_EQ(aws.severity, Severity::kHigh);
  EXPECT_EQ(aws.path, "conf/aws.tf");  // "/conf/aws.tf" in the report
  EXPECT_EQ(aws.region.start_line, 2);
  EXPECT_EQ(aws.region.start_column, 24038);
  EXPECT_EQ(aws.region.end_column, 24057);
  EXPECT_EQ(aws.snippet, "REDACTED");  // the match is the whole secret

  const core::Finding& api = findings[3];
  EXPECT_EQ(api.rule_id, "generic-api-key");
  EXPECT_EQ(api.path, "tests/api.py");
  EXPECT_EQ(api.region.start_line, 21);
  EXPECT_EQ(api.snippet, "apikey = \"REDACTED\"");
  EXPECT_TRUE(api.identity.empty());

  ExpectNoSecretsOrPeople(
      sink, {"secretAWSsecret", "dfjksdjfs3294dfjlsdaf213", "-----BEGIN RSA PRIVATE KEY-----", "Firstname",
             "Lastname", "first.last@gmail.com", "John Doe", "john.doe@example.com", "Lorem ipsum",
             "74d53286c550630f"});
}

TEST(GitleaksReaderTest, Version7Fields) {
  CollectingSink sink = kGitleaks.ReadFile("defectdojo_gitleaks_data_many_v7.json");
  const auto& findings = sink.runs[0].findings;
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule_id, "Github");
  EXPECT_EQ(findings[0].path, ".bashrc");
  EXPECT_EQ(findings[0].snippet, "export JEKYLL_REDACTED");
  EXPECT_EQ(findings[1].rule_id, "MailChimp API key");
  EXPECT_EQ(findings[1].snippet, "export REDACTED");
  ExpectNoSecretsOrPeople(
      sink, {"c77e01c1e89682e4d4b94a059a7fd2b37ab326ed", "38c47f19e349153fa963bb3b3212fe8e-us11", "John Doe",
             "john.doe@mail.com", "saving bashrc", "d54ce70d0cf8"});

  CollectingSink v75 = kGitleaks.ReadFile("defectdojo_gitleaks_version_7.5.0.json");
  const core::Finding& first = v75.runs[0].findings[0];
  EXPECT_EQ(first.rule_id, "AWS Access Key");
  EXPECT_EQ(first.region.start_line, 13);
  EXPECT_EQ(first.path,
            "dojo/unittests/scans/gitlab_secret_detection_report/gitlab_secret_detection_report_1_vuln.json");
  EXPECT_EQ(first.snippet, "      \"raw_source_code_extract\": \"REDACTED\",");
  ExpectNoSecretsOrPeople(v75, {"AKIAIOSFODNN7EXAMPLE", "-----BEGIN OPENSSH PRIVATE KEY-----", "Bhurinat",
                                "nate.bwangsut@gmail.com", "GitLab secret detection report parser"});
}

TEST(GitleaksReaderTest, FingerprintIsKeptAndSecretWithoutMatchGivesNoSnippet) {
  auto sink = kGitleaks.ReadText(R"([{"RuleID":"stripe","File":"./a/b.env","StartLine":3,"Secret":"sk_live_x",
    "Fingerprint":"abc:a/b.env:stripe:3"},
    {"RuleID":"jwt","File":"c","Match":"token sk_other","Secret":"not-in-match"}])");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 2u);
  const core::Finding& f = sink->runs[0].findings[0];
  EXPECT_EQ(f.path, "a/b.env");
  ASSERT_EQ(f.fingerprints.size(), 1u);
  EXPECT_EQ(f.fingerprints[0].name, "gitleaks");
  EXPECT_EQ(f.fingerprints[0].value, "abc:a/b.env:stripe:3");
  EXPECT_TRUE(f.snippet.empty());
  // A secret that cannot be found in the match: keep nothing rather than guess.
  EXPECT_TRUE(sink->runs[0].findings[1].snippet.empty());
}

TEST(GitleaksReaderTest, EmptyArrayIsNoFindings) {
  auto sink = kGitleaks.ReadText("[]");
  ASSERT_TRUE(sink) << sink.error().ToString();
  EXPECT_EQ(sink->runs.size(), 1u);
  EXPECT_EQ(sink->FindingCount(), 0u);
}

TEST(GitleaksReaderTest, BadInput) {
  kGitleaks.ExpectError(R"({"RuleID":"x"})", "expected an array of leaks");
  kGitleaks.ExpectError(R"([{"File":"a"}])", "without a RuleID", "$[0]");
  kGitleaks.ExpectError(R"([{"RuleID":"x","StartLine":"2"}])", "expected an integer", "$[0].StartLine");
  kGitleaks.ExpectError(R"([{"RuleID":"x","Tags":[1,,2]}])", "", "$[0].Tags");
  kGitleaks.ExpectError(R"([{"RuleID":"x","Author":nul}])", "invalid literal", "$[0].Author");
  kGitleaks.ExpectError(R"([] [])", "unexpected content after");
  kGitleaks.ExpectError("[{\"RuleID\":\"x\",\"File\":\"\xc3\x28\"}]", "invalid UTF-8");
  kGitleaks.ExpectError("[{\"RuleID\":\"x\",\"Tags\":" + std::string(300, '[') + std::string(300, ']') + "}]",
                        "nesting too deep");
  kGitleaks.ExpectError("", "empty input");
  kGitleaks.ExpectError("nul", "");
}

TEST(GitleaksReaderTest, EveryTruncationIsAnError) {
  for (const char* name : {"defectdojo_gitleaks8_many.json", "defectdojo_gitleaks_version_7.5.0.json",
                           "defectdojo_gitleaks_no_findings.json"}) {
    kGitleaks.ExpectEveryTruncationFails(name);
  }
}

}  // namespace
}  // namespace candor::ingest
