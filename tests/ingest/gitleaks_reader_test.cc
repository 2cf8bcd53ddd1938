#include "ingest/gitleaks_reader.h"

#include <gtest/gtest.h>

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
  return std::string(CANDOR_TEST_DATA) + "/native/gitleaks/" + name;
}

core::Result<CollectingSink> ReadText(const std::string& text, ParseContext* context = nullptr) {
  ParseContext local;
  CollectingSink sink;
  InputBuffer input("leaks.json", text);
  if (auto status = ReadGitleaks(input, context != nullptr ? *context : local, sink); !status) {
    return std::unexpected(status.error());
  }
  return sink;
}

CollectingSink ReadFile(const std::string& name, ParseContext* context = nullptr) {
  auto sink = ReadText(Slurp(DataPath(name)), context);
  EXPECT_TRUE(sink.has_value()) << name << ": " << sink.error().ToString();
  return sink ? std::move(*sink) : CollectingSink{};
}

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
    CollectingSink sink = ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "gitleaks");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(GitleaksReaderTest, RepeatsAcrossCommitsAreFoldedWithAWarning) {
  ParseContext context;
  ReadFile("defectdojo_gitleaks_version_7.5.0.json", &context);
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("4 leak(s) repeated"), std::string::npos) << context.warnings[0];
}

TEST(GitleaksReaderTest, Version8Fields) {
  CollectingSink sink = ReadFile("defectdojo_gitleaks8_many.json");
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
  CollectingSink sink = ReadFile("defectdojo_gitleaks_data_many_v7.json");
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

  CollectingSink v75 = ReadFile("defectdojo_gitleaks_version_7.5.0.json");
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
  auto sink = ReadText(R"([{"RuleID":"stripe","File":"./a/b.env","StartLine":3,"Secret":"sk_live_x",
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
  auto sink = ReadText("[]");
  ASSERT_TRUE(sink) << sink.error().ToString();
  EXPECT_EQ(sink->runs.size(), 1u);
  EXPECT_EQ(sink->FindingCount(), 0u);
}

void ExpectError(const std::string& text, std::string_view message_part, std::string_view path_part = {}) {
  auto sink = ReadText(text);
  ASSERT_FALSE(sink) << text;
  std::string all = sink.error().ToString();
  EXPECT_NE(all.find(message_part), std::string::npos) << all;
  EXPECT_NE(all.find("leaks.json: byte "), std::string::npos) << all;
  if (!path_part.empty()) EXPECT_NE(all.find(path_part), std::string::npos) << all;
}

TEST(GitleaksReaderTest, BadInput) {
  ExpectError(R"({"RuleID":"x"})", "expected an array of leaks");
  ExpectError(R"([{"File":"a"}])", "without a RuleID", "$[0]");
  ExpectError(R"([{"RuleID":"x","StartLine":"2"}])", "expected an integer", "$[0].StartLine");
  ExpectError(R"([{"RuleID":"x","Tags":[1,,2]}])", "", "$[0].Tags");
  ExpectError(R"([{"RuleID":"x","Author":nul}])", "invalid literal", "$[0].Author");
  ExpectError(R"([] [])", "unexpected content after");
  ExpectError("[{\"RuleID\":\"x\",\"File\":\"\xc3\x28\"}]", "invalid UTF-8");
  ExpectError("[{\"RuleID\":\"x\",\"Tags\":" + std::string(300, '[') + std::string(300, ']') + "}]",
              "nesting too deep");
  ExpectError("", "empty input");
  ExpectError("nul", "");
}

TEST(GitleaksReaderTest, EveryTruncationIsAnError) {
  for (const char* name : {"defectdojo_gitleaks8_many.json", "defectdojo_gitleaks_version_7.5.0.json",
                           "defectdojo_gitleaks_no_findings.json"}) {
    std::string text = Slurp(DataPath(name));
    size_t end = text.find_last_not_of(" \t\r\n");
    for (size_t cut = 0; cut < end; cut += std::max<size_t>(1, end / 500)) {
      EXPECT_FALSE(ReadText(text.substr(0, cut))) << name << " cut at " << cut;
    }
  }
}

}  // namespace
}  // namespace candor::ingest
