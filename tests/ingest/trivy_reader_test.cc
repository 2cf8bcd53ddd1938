#include "ingest/trivy_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "reader_test_support.h"

namespace candor::ingest {
namespace {

using core::Category;
using core::Severity;

constexpr testing::NativeReader kTrivy{ReadTrivy, "report.json", "trivy"};

// Finding counts below were taken once with python3 from the files themselves:
// every entry of Results[].Vulnerabilities and Results[].Secrets, plus the
// Results[].Misconfigurations whose Status is "FAIL", including the Results of
// kubernetes resources (Resources/Vulnerabilities/Misconfigurations lists).
// Licences are not counted (the reader skips them).
TEST(TrivyReaderTest, CountsFindingsInRealReports) {
  const std::pair<const char*, size_t> kExpected[] = {
      {"defectdojo_trivy_kubernetes.json", 20},
      {"defectdojo_trivy_legacy_no_vuln.json", 0},
      {"defectdojo_trivy_license_scheme.json", 0},
      {"defectdojo_trivy_misconfigurations_and_secrets.json", 5},
      {"defectdojo_trivy_scheme_2_many_vulns.json", 5},
      {"trivy_alpine-310.json", 4},
      {"trivy_dockerfile_misconfig.json", 1},
      {"trivy_npm.json", 1},
      {"trivy_terraform-remote-module.json", 3},
  };
  for (const auto& [name, count] : kExpected) {
    CollectingSink sink = kTrivy.ReadFile(name);
    ASSERT_EQ(sink.runs.size(), 1u) << name;
    EXPECT_EQ(sink.runs[0].info.tool, "trivy");
    EXPECT_EQ(sink.FindingCount(), count) << name;
  }
}

TEST(TrivyReaderTest, NpmVulnerabilityFields) {
  CollectingSink sink = kTrivy.ReadFile("trivy_npm.json");
  EXPECT_EQ(sink.runs[0].info.tool_version, "dev");
  const core::Finding* f = testing::Find(sink, "CVE-2019-11358");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->tool, "trivy");
  EXPECT_EQ(f->category, Category::kSca);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_EQ(f->tool_severity, "MEDIUM");
  EXPECT_EQ(f->cwes, std::vector<int>{79});
  EXPECT_EQ(f->advisories, (std::vector<std::string>{"CVE-2019-11358", "GHSA-6c3j-c64m-qhgq"}));
  EXPECT_EQ(f->dependency.package, "jquery");
  EXPECT_EQ(f->dependency.installed_version, "3.3.9");
  EXPECT_EQ(f->dependency.fixed_version, "3.4.0");
  EXPECT_EQ(f->dependency.ecosystem, "npm");
  EXPECT_EQ(f->path, "package-lock.json");
  EXPECT_EQ(f->help_uri, "https://avd.aquasec.com/nvd/cve-2019-11358");
  EXPECT_TRUE(f->message.starts_with("jquery: Prototype pollution")) << f->message;
  EXPECT_TRUE(f->fingerprints.empty());
  EXPECT_TRUE(f->identity.empty());
}

TEST(TrivyReaderTest, ContainerImageVulnerabilities) {
  CollectingSink sink = kTrivy.ReadFile("trivy_alpine-310.json");
  const core::Finding* f = testing::Find(sink, "CVE-2019-1549");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->category, Category::kContainer);
  EXPECT_EQ(f->dependency.package, "libcrypto1.1");
  EXPECT_EQ(f->dependency.installed_version, "1.1.1c-r0");
  EXPECT_EQ(f->dependency.fixed_version, "1.1.1d-r0");
  EXPECT_EQ(f->dependency.ecosystem, "alpine");
  EXPECT_EQ(f->cwes, std::vector<int>{330});
  EXPECT_EQ(f->path, "testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2)");

  CollectingSink many = kTrivy.ReadFile("defectdojo_trivy_scheme_2_many_vulns.json");
  const core::Finding* critical = testing::Find(many, "CVE-2019-12900");
  ASSERT_NE(critical, nullptr);
  EXPECT_EQ(critical->severity, Severity::kCritical);
  EXPECT_EQ(critical->path, "app/libs/libbz2-1.0.6-r6");  // PkgPath wins over Target
  // A jar inside an image is still part of the container.
  const core::Finding* jar = testing::Find(many, "CVE-2018-11771");
  ASSERT_NE(jar, nullptr);
  EXPECT_EQ(jar->category, Category::kContainer);
  EXPECT_EQ(jar->dependency.package, "org.apache.commons:commons-compress");
  EXPECT_EQ(jar->dependency.ecosystem, "jar");
  EXPECT_EQ(jar->cwes, std::vector<int>{835});
}

TEST(TrivyReaderTest, MisconfigurationsAndSecrets) {
  CollectingSink sink = kTrivy.ReadFile("defectdojo_trivy_misconfigurations_and_secrets.json");
  const core::Finding* misconfig = testing::Find(sink, "DS002");
  ASSERT_NE(misconfig, nullptr);
  EXPECT_EQ(misconfig->category, Category::kIac);
  EXPECT_EQ(misconfig->severity, Severity::kHigh);
  EXPECT_EQ(misconfig->path, "Dockerfile");
  EXPECT_EQ(misconfig->message,
            "Specify at least 1 USER command in Dockerfile with non-root user as argument");
  EXPECT_EQ(misconfig->rule_help, "Add 'USER <non root user name>' line to the Dockerfile");
  EXPECT_EQ(misconfig->help_uri, "https://avd.aquasec.com/misconfig/ds002");

  const core::Finding* urllib = testing::Find(sink, "CVE-2021-33503");
  ASSERT_NE(urllib, nullptr);
  EXPECT_EQ(urllib->category, Category::kSca);  // filesystem scan, lang-pkgs
  EXPECT_EQ(urllib->path, "requirements.txt");
  EXPECT_EQ(urllib->dependency.ecosystem, "pip");

  int secrets = 0;
  for (const auto& f : sink.runs[0].findings) {
    if (f.category != Category::kSecrets) continue;
    ++secrets;
    EXPECT_EQ(f.rule_id, "github-pat");
    EXPECT_EQ(f.severity, Severity::kCritical);
    EXPECT_EQ(f.message, "GitHub Personal Access Token");
    EXPECT_TRUE(f.snippet.empty());  // the Match is never kept, masked or not
    EXPECT_EQ(f.message.find("GITHUB_PAT"), std::string::npos);
  }
  EXPECT_EQ(secrets, 2);
  const auto& findings = sink.runs[0].findings;
  auto secret_txt = std::find_if(findings.begin(), findings.end(),
                                 [](const core::Finding& f) { return f.path == "secret.txt"; });
  ASSERT_NE(secret_txt, findings.end());
  EXPECT_EQ(secret_txt->region.start_line, 1);
}

TEST(TrivyReaderTest, TerraformRegionAndSnippet) {
  CollectingSink sink = kTrivy.ReadFile("trivy_terraform-remote-module.json");
  const core::Finding* f = testing::Find(sink, "AWS-0132");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_EQ(f->path, "terraform-aws-modules/s3-bucket/aws/main.tf");
  EXPECT_EQ(f->region.start_line, 25);
  EXPECT_EQ(f->region.end_line, 36);
  EXPECT_TRUE(f->snippet.starts_with("resource \"aws_s3_bucket\" \"this\" {\n")) << f->snippet;
}

TEST(TrivyReaderTest, KubernetesReportUsesTheResourceAsPath) {
  CollectingSink sink = kTrivy.ReadFile("defectdojo_trivy_kubernetes.json");
  const core::Finding* apt = testing::Find(sink, "CVE-2020-27350");
  ASSERT_NE(apt, nullptr);
  EXPECT_EQ(apt->category, Category::kContainer);
  EXPECT_EQ(apt->path, "default/Deployment/redis-follower");
  EXPECT_EQ(apt->dependency.ecosystem, "debian");
  EXPECT_EQ(apt->cwes, std::vector<int>{190});
  const core::Finding* ksv = testing::Find(sink, "KSV001");
  ASSERT_NE(ksv, nullptr);
  EXPECT_EQ(ksv->category, Category::kIac);
  EXPECT_EQ(ksv->severity, Severity::kMedium);
  EXPECT_EQ(ksv->region.start_line, 132);
  EXPECT_EQ(ksv->path, "default/Deployment/redis-follower");
}

TEST(TrivyReaderTest, LicencesAreSkippedWithAWarning) {
  ParseContext context;
  CollectingSink sink = kTrivy.ReadFile("defectdojo_trivy_license_scheme.json", &context);
  EXPECT_EQ(sink.FindingCount(), 0u);
  ASSERT_EQ(context.warnings.size(), 1u);
  EXPECT_NE(context.warnings[0].find("skipped 19 licence"), std::string::npos) << context.warnings[0];
}

TEST(TrivyReaderTest, KeyOrderDoesNotMatter) {
  // Results before Trivy and ArtifactType; Target after the findings.
  auto sink = kTrivy.ReadText(R"({"Results":[{"Vulnerabilities":[{"VulnerabilityID":"CVE-1-2","PkgName":"p",
    "Severity":"LOW"}],"Class":"lang-pkgs","Type":"npm","Target":"sub/package-lock.json"}],
    "ArtifactType":"container_image","Trivy":{"Version":"0.50.0"}})");
  ASSERT_TRUE(sink) << sink.error().ToString();
  EXPECT_EQ(sink->runs[0].info.tool_version, "0.50.0");
  ASSERT_EQ(sink->FindingCount(), 1u);
  const core::Finding& f = sink->runs[0].findings[0];
  EXPECT_EQ(f.path, "sub/package-lock.json");
  EXPECT_EQ(f.category, Category::kContainer);
  EXPECT_EQ(f.dependency.ecosystem, "npm");
}

TEST(TrivyReaderTest, LegacyTopLevelArrayOfResults) {
  auto sink = kTrivy.ReadText(R"([{"Target":"./app/Gemfile.lock","Type":"bundler",
    "Vulnerabilities":[{"VulnerabilityID":"GHSA-aaaa-bbbb-cccc","PkgName":"rack","InstalledVersion":"1.0",
    "Severity":"HIGH"}]}])");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 1u);
  EXPECT_EQ(sink->runs[0].findings[0].path, "app/Gemfile.lock");
  EXPECT_EQ(sink->runs[0].findings[0].advisories, std::vector<std::string>{"GHSA-aaaa-bbbb-cccc"});
}

TEST(TrivyReaderTest, PassingChecksAreNotFindings) {
  auto sink = kTrivy.ReadText(R"({"SchemaVersion":2,"Results":[{"Target":"main.tf","Misconfigurations":[
    {"ID":"AVD-1","Status":"PASS","Severity":"HIGH"},{"ID":"AVD-2","Status":"EXCEPTION"},
    {"AVDID":"AVD-3","Status":"FAIL","Severity":"LOW"}]}]})");
  ASSERT_TRUE(sink) << sink.error().ToString();
  ASSERT_EQ(sink->FindingCount(), 1u);
  EXPECT_EQ(sink->runs[0].findings[0].rule_id, "AVD-3");
}

// ---- bad input: one clear error naming file, byte offset and JSON path ----

TEST(TrivyReaderTest, WrongTypesAndMissingFields) {
  kTrivy.ExpectError(R"({"SchemaVersion":2,"Results":5})", "expected an array", "$.Results");
  kTrivy.ExpectError(R"({"Results":[{"Target":"x","Vulnerabilities":[{"PkgName":"p"}]}]})",
                     "without a VulnerabilityID", "$.Results[0].Vulnerabilities[0]");
  kTrivy.ExpectError(R"({"Results":[{"Target":7}]})", "expected a string", "$.Results[0].Target");
  kTrivy.ExpectError(R"({"Results":[{"Misconfigurations":[{"ID":"X","CauseMetadata":{"StartLine":"9"}}]}]})",
                     "expected an integer", "StartLine");
  kTrivy.ExpectError(R"("just a string")", "expected an object or array");
}

TEST(TrivyReaderTest, SyntaxErrorsInSkippedPartsAreRejected) {
  kTrivy.ExpectError(R"({"Results":[],"Metadata":{"OS":[1,,2]}})", "", "$.Metadata.OS");
  kTrivy.ExpectError(R"({"Results":[{"Target":"x","Packages":[tru]}]})", "invalid literal");
  kTrivy.ExpectError(R"({"Results":[]} {"Results":[]})", "unexpected content after");
  kTrivy.ExpectError(R"({"Results":[],"Metadata":{"a" 1}})", "");
  kTrivy.ExpectError("{\"Results\":[],\"x\":\"\\q\"}", "invalid string escape");
}

TEST(TrivyReaderTest, DeepNestingInvalidUtf8AndEmptyInput) {
  std::string deep = R"({"Results":[],"Metadata":)" + std::string(500, '[') + std::string(500, ']') + "}";
  auto sink = kTrivy.ReadText(deep);
  ASSERT_FALSE(sink);
  EXPECT_EQ(sink.error().code, core::ErrorCode::kLimitExceeded);
  EXPECT_NE(sink.error().message.find("nesting too deep"), std::string::npos) << sink.error().ToString();

  kTrivy.ExpectError("{\"Results\":[{\"Target\":\"\xff\xfe\"}]}", "invalid UTF-8");
  auto empty = kTrivy.ReadText("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidInput);
}

TEST(TrivyReaderTest, EveryTruncationIsAnError) {
  for (const char* name :
       {"trivy_npm.json", "defectdojo_trivy_kubernetes.json",
        "defectdojo_trivy_misconfigurations_and_secrets.json", "defectdojo_trivy_legacy_no_vuln.json"}) {
    kTrivy.ExpectEveryTruncationFails(name, 400);
  }
}

}  // namespace
}  // namespace candor::ingest
