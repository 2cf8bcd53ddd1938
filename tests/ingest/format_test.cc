#include "ingest/format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {
namespace {

namespace fs = std::filesystem;

const std::string kTestData = CANDOR_TEST_DATA;
const std::string kSharedData = CANDOR_SHARED_DATA;

core::Result<Format> DetectFile(const fs::path& path) {
  auto input = LoadInput(path.string(), Limits{});
  if (!input) return std::unexpected(input.error());
  return DetectFormat(*input, Limits{});
}

core::Result<Format> DetectText(std::string_view text) {
  return DetectFormat(InputBuffer("in.json", text), Limits{});
}

std::vector<fs::path> JsonFilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension();
    if (ext == ".json" || ext == ".sarif") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatTest, NamesRoundTrip) {
  for (Format format : AllFormats()) {
    EXPECT_EQ(ParseFormat(ToString(format)), format);
    EXPECT_NE(format, Format::kAuto);
  }
  EXPECT_EQ(AllFormats().size(), 6u);
  EXPECT_EQ(ToString(Format::kNpmAudit), "npm-audit");
  EXPECT_EQ(ParseFormat("auto"), Format::kAuto);
  EXPECT_EQ(ParseFormat("SARIF"), Format::kSarif);
  EXPECT_EQ(ParseFormat("grype"), std::nullopt);
  EXPECT_EQ(ParseFormat("npm_audit"), std::nullopt);
}

// Every native report under tests/data/native/<tool>/ is detected as <tool>.
// The only file that is ambiguous by nature is Trivy's legacy `null` report:
// gitleaks writes the same bare null, and both mean "no findings".
TEST(FormatTest, DetectsEveryNativeReport) {
  const std::map<std::string, Format> kByDir = {
      {"trivy", Format::kTrivy},   {"gitleaks", Format::kGitleaks}, {"npm-audit", Format::kNpmAudit},
      {"bandit", Format::kBandit}, {"semgrep", Format::kSemgrep},
  };
  size_t checked = 0;
  for (const auto& [dir, expected] : kByDir) {
    for (const fs::path& file : JsonFilesUnder(kTestData + "/native/" + dir)) {
      auto format = DetectFile(file);
      ASSERT_TRUE(format) << file << ": " << format.error().ToString();
      Format want = file.filename() == "defectdojo_trivy_legacy_no_vuln.json" ? Format::kGitleaks : expected;
      EXPECT_EQ(*format, want) << file;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 25u);
}

// Scanners Candor does not read must be refused, never misread as a neighbour
// (checkov and tfsec have "results", hadolint is an array of objects).
TEST(FormatTest, RefusesUnsupportedScannersWithTheKeysItSaw) {
  const std::map<std::string, std::string> kSeen = {
      {"grype/defectdojo_grype_check_all_fields.json", "top-level keys matches, source, distro, descriptor"},
      {"grype/defectdojo_grype_no_vuln.json", "top-level keys matches, source, distro, descriptor"},
      {"checkov/defectdojo_checkov-report-0-vuln.json", "top-level keys check_type, results, summary"},
      {"checkov/defectdojo_checkov-report-many-vuln.json", "top-level keys check_type, results, summary"},
      {"hadolint/defectdojo_hadolint_many_dockerfile.json",
       "a top-level array of objects with keys line, code, message, column, file, level"},
      {"tfsec/defectdojo_tfsec_many_findings_current.json", "top-level keys results"},
      {"gosec/defectdojo_gosec_many_vulns.json", "top-level keys Issues, Stats"},
      {"brakeman/defectdojo_brakeman_many_findings.json",
       "top-level keys scan_info, warnings, ignored_warnings, errors, obsolete"},
  };
  for (const auto& [name, seen] : kSeen) {
    std::string path = kTestData + "/native/" + name;
    auto format = DetectFile(path);
    ASSERT_FALSE(format) << name << " detected as " << ToString(*format);
    EXPECT_EQ(format.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(format.error().message, "cannot tell the format: " + seen + "; use --format");
    EXPECT_EQ(format.error().where, path);
  }
}

// SARIF logs: the shared collection (every tool), and whatever tests/data/sarif holds.
TEST(FormatTest, DetectsSarifLogs) {
  // Not SARIF logs: JSON schemas, and a file that is deliberately something else.
  const std::vector<std::string> kNotLogs = {"sarif-schema-2.1.0.json",
                                             "sarif-external-property-file-schema-2.1.0.json",
                                             "sarif-sdk_WorkItems_Invalid_not-sarif.sarif"};
  size_t sarif = 0;
  for (const std::string& dir : {kSharedData + "/sarif", kTestData + "/sarif"}) {
    for (const fs::path& file : JsonFilesUnder(dir)) {
      auto format = DetectFile(file);
      std::string name = file.filename().string();
      if (std::find(kNotLogs.begin(), kNotLogs.end(), name) != kNotLogs.end()) {
        ASSERT_FALSE(format) << file;
        EXPECT_NE(format.error().message.find("cannot tell the format:"), std::string::npos);
        continue;
      }
      if (name == "sarif-sdk_JSON1001.SyntaxError.sarif") continue;  // malformed JSON: may fail either way
      ASSERT_TRUE(format) << file << ": " << format.error().ToString();
      EXPECT_EQ(*format, Format::kSarif) << file;
      ++sarif;
    }
  }
  EXPECT_GE(sarif, 60u);  // the shared collection alone has more than 60 logs
}

TEST(FormatTest, ShapesFromTheDescription) {
  EXPECT_EQ(DetectText(R"({"version":"2.1.0"})"), Format::kSarif);
  EXPECT_EQ(DetectText(R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json"})"), Format::kSarif);
  EXPECT_EQ(DetectText(R"({"ArtifactName":"x","Results":[]})"), Format::kTrivy);
  EXPECT_EQ(DetectText(R"({"ClusterName":"c","Resources":[]})"), Format::kTrivy);
  EXPECT_EQ(DetectText(R"([{"Target":"a","Vulnerabilities":[]}])"), Format::kTrivy);
  EXPECT_EQ(DetectText(R"({"auditReportVersion":2})"), Format::kNpmAudit);
  EXPECT_EQ(DetectText(R"({"advisories":{},"metadata":{}})"), Format::kNpmAudit);
  EXPECT_EQ(DetectText(R"({"results":[],"metrics":{}})"), Format::kBandit);
  EXPECT_EQ(DetectText(R"({"errors":[],"generated_at":"x","results":[]})"), Format::kBandit);
  EXPECT_EQ(DetectText(R"({"results":[],"errors":[]})"), Format::kSemgrep);
  EXPECT_EQ(DetectText(R"({"errors":[],"results":[],"paths":{"scanned":[]},"version":"1.2.3"})"),
            Format::kSemgrep);
  EXPECT_EQ(DetectText("[]"), Format::kGitleaks);
  EXPECT_EQ(DetectText(" null \n"), Format::kGitleaks);
  EXPECT_EQ(DetectText(R"([{"rule":"AWS","file":"a"}])"), Format::kGitleaks);
}

TEST(FormatTest, RefusalsSayWhatWasSeen) {
  auto message = [](std::string_view text) {
    auto format = DetectText(text);
    return format ? std::string(ToString(*format)) : format.error().message;
  };
  EXPECT_EQ(message("{}"), "cannot tell the format: top-level keys none; use --format");
  EXPECT_EQ(message(R"({"results":[]})"), "cannot tell the format: top-level keys results; use --format");
  EXPECT_EQ(message("[1,2]"),
            "cannot tell the format: a top-level array whose first element is a number; use --format");
  EXPECT_EQ(message("42"), "cannot tell the format: a top-level number; use --format");
  EXPECT_EQ(message(R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j\n":10})"),
            "cannot tell the format: top-level keys a, b, c, d, e, f, g, h, ... (10 keys); use "
            "--format");
  auto empty = DetectText("");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("empty input"), std::string::npos);
  EXPECT_FALSE(DetectText("{\"runs\":"));  // truncated: an error, whatever it says
}

TEST(FormatTest, ReadFindingsUsesTheTableAndDetection) {
  auto input = LoadInput(kTestData + "/native/semgrep/defectdojo_semgrep_many_vulns.json", Limits{});
  ASSERT_TRUE(input) << input.error().ToString();
  ParseContext context;
  CollectingSink sink;
  ASSERT_TRUE(ReadFindings(Format::kAuto, *input, context, sink));
  ASSERT_EQ(sink.runs.size(), 1u);
  EXPECT_EQ(sink.runs[0].info.tool, "semgrep");
  EXPECT_EQ(sink.FindingCount(), 48u);

  // An explicit format wins over detection: read as gitleaks, a Semgrep report is refused.
  CollectingSink as_gitleaks;
  auto wrong = ReadFindings(Format::kGitleaks, *input, context, as_gitleaks);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("expected an array of leaks"), std::string::npos);

  for (const char* name :
       {"trivy/defectdojo_trivy_legacy_no_vuln.json", "gitleaks/defectdojo_gitleaks_no_findings.json"}) {
    auto none = LoadInput(kTestData + "/native/" + name, Limits{});
    ASSERT_TRUE(none);
    CollectingSink empty;
    ASSERT_TRUE(ReadFindings(Format::kAuto, *none, context, empty)) << name;
    EXPECT_EQ(empty.FindingCount(), 0u);
    CollectingSink trivy;
    ASSERT_TRUE(ReadFindings(Format::kTrivy, *none, context, trivy)) << name;
    EXPECT_EQ(trivy.FindingCount(), 0u);
  }
}

TEST(FormatTest, EveryNativeFileReadsThroughAuto) {
  for (const std::string dir : {"trivy", "gitleaks", "npm-audit", "bandit", "semgrep"}) {
    for (const fs::path& file : JsonFilesUnder(kTestData + "/native/" + dir)) {
      auto input = LoadInput(file.string(), Limits{});
      ASSERT_TRUE(input);
      ParseContext context;
      CollectingSink sink;
      auto status = ReadFindings(Format::kAuto, *input, context, sink);
      EXPECT_TRUE(status) << file << ": " << status.error().ToString();
    }
  }
}

}  // namespace
}  // namespace candor::ingest
