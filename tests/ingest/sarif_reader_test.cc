// ReadSarif on real SARIF logs (tests/data/sarif, see tests/data/SOURCES.md)
// and on synthetic broken inputs.

#include "ingest/sarif_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "reader_test_support.h"

namespace candor::ingest {
namespace {

using core::Category;
using core::ErrorCode;
using core::Severity;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Outcome = testing::ReadOutcome;

Outcome ReadBuffer(const InputBuffer& input, Limits limits = {}) {
  return testing::ReadWith(ReadSarif, input, limits);
}

Outcome ReadText(std::string_view text, Limits limits = {}) {
  return ReadBuffer(InputBuffer("test.sarif", text), limits);
}

std::string DataPath(const std::string& relative) {
  return std::string(CANDOR_TEST_DATA) + "/sarif/" + relative;
}

Outcome ReadFile(const std::string& relative) {
  auto input = LoadInput(DataPath(relative), Limits{});
  if (!input) {
    ADD_FAILURE() << input.error().ToString();
    return {};
  }
  return ReadBuffer(*input);
}

// ---------------------------------------------------------------------------
// Every valid log ingests with the right number of results per run.
// Expected counts were taken independently of Candor with Python's json module:
//   python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8-sig'));
//               print([len(r.get('results') or []) for r in d['runs']])" FILE

struct CountCase {
  const char* file;
  std::vector<size_t> per_run;
};

class SarifCountTest : public ::testing::TestWithParam<CountCase> {};

TEST_P(SarifCountTest, ResultCountPerRun) {
  const CountCase& c = GetParam();
  Outcome outcome = ReadFile(c.file);
  ASSERT_TRUE(outcome.status) << outcome.Error();
  std::vector<size_t> counts;
  for (const auto& run : outcome.sink.runs) counts.push_back(run.findings.size());
  EXPECT_EQ(counts, c.per_run);
  for (size_t i = 0; i < outcome.sink.runs.size(); ++i)
    EXPECT_EQ(outcome.sink.runs[i].info.run_index, int(i));
}

// The reader fills one Finding for every result (core::ClearForReuse). A sink
// that copies instead of moving leaves the previous result's values in it;
// none of them may show up in the next finding.
class CopyingSink : public FindingSink {
 public:
  core::Status BeginRun(const core::RunInfo&) override { return {}; }
  core::Status Add(core::Finding&& finding) override {
    const core::Finding& kept = finding;
    findings.push_back(kept);
    return {};
  }
  std::vector<core::Finding> findings;
};

TEST_P(SarifCountTest, ReusedFindingCarriesNothingOver) {
  auto input = LoadInput(DataPath(GetParam().file), Limits{});
  ASSERT_TRUE(input) << input.error().ToString();
  ParseContext moving_context, copying_context;
  CollectingSink moving;
  CopyingSink copying;
  ASSERT_TRUE(ReadSarif(*input, moving_context, moving));
  ASSERT_TRUE(ReadSarif(*input, copying_context, copying));
  std::vector<core::Finding> moved;
  for (auto& run : moving.runs) {
    for (auto& finding : run.findings) moved.push_back(finding);
  }
  ASSERT_EQ(copying.findings.size(), moved.size());
  for (size_t i = 0; i < moved.size(); ++i) {
    EXPECT_TRUE(copying.findings[i] == moved[i]) << "result " << i << ": " << moved[i].rule_id;
  }
}

// With ParseContext::sarif_layout set, every result's text span is its
// {...} object, in order, inside its run's results array; rewriting tools
// (candor match) splice the log at these offsets.
TEST_P(SarifCountTest, LayoutLocatesEveryResultObject) {
  auto input = LoadInput(DataPath(GetParam().file), Limits{});
  ASSERT_TRUE(input) << input.error().ToString();
  SarifLayout layout;
  ParseContext context;
  context.sarif_layout = &layout;
  CollectingSink sink;
  ASSERT_TRUE(ReadSarif(*input, context, sink));
  std::string_view text = input->bytes();
  ASSERT_EQ(layout.runs.size(), sink.runs.size());
  for (size_t r = 0; r < layout.runs.size(); ++r) {
    const SarifRunLayout& run = layout.runs[r];
    EXPECT_EQ(text[run.object_begin], '{');
    ASSERT_EQ(run.result_objects.size(), sink.runs[r].findings.size());
    if (!run.results) continue;
    if (run.results_is_array) {
      EXPECT_EQ(text[run.results->begin], '[');
      EXPECT_EQ(text[run.results->end - 1], ']');
    } else {
      EXPECT_EQ(text.substr(run.results->begin, 4), "null");
    }
    size_t previous_end = run.results->begin;
    for (const SarifResultLayout& result : run.result_objects) {
      EXPECT_EQ(text[result.object.begin], '{');
      EXPECT_EQ(text[result.object.end - 1], '}');
      EXPECT_GT(result.object.begin, previous_end);
      EXPECT_LT(result.object.end, run.results->end);
      previous_end = result.object.end;
      if (result.baseline_state) {
        std::string_view value = text.substr(result.baseline_state->begin,
                                             result.baseline_state->end - result.baseline_state->begin);
        EXPECT_TRUE(value.starts_with('"') && value.ends_with('"')) << value;
        EXPECT_GT(result.baseline_state->begin, result.object.begin);
        EXPECT_LT(result.baseline_state->end, result.object.end);
      }
    }
  }
}

// ReadSarif checks the text and outlines its results (json_outline.h), then
// reads each result as a document of its own. Given a text checked already,
// it reads the whole document instead. Both must give the same findings,
// warnings and layout.
TEST_P(SarifCountTest, OutlinedReadAgreesWithWholeDocumentRead) {
  auto input = LoadInput(DataPath(GetParam().file), Limits{});
  ASSERT_TRUE(input) << input.error().ToString();
  struct Read {
    SarifLayout layout;
    CollectingSink sink;
    std::vector<std::string> warnings;
  } outlined, whole;
  for (Read* read : {&outlined, &whole}) {
    ParseContext context;
    context.sarif_layout = &read->layout;
    context.syntax_already_checked = read == &whole;
    ASSERT_TRUE(ReadSarif(*input, context, read->sink));
    read->warnings = context.warnings;
  }
  EXPECT_EQ(outlined.warnings, whole.warnings);
  ASSERT_EQ(outlined.sink.runs.size(), whole.sink.runs.size());
  ASSERT_EQ(outlined.layout.runs.size(), whole.layout.runs.size());
  for (size_t r = 0; r < whole.sink.runs.size(); ++r) {
    EXPECT_EQ(outlined.sink.runs[r].info.tool, whole.sink.runs[r].info.tool);
    EXPECT_TRUE(outlined.sink.runs[r].findings == whole.sink.runs[r].findings) << "run " << r;
    const SarifRunLayout& a = outlined.layout.runs[r];
    const SarifRunLayout& b = whole.layout.runs[r];
    EXPECT_EQ(a.object_begin, b.object_begin);
    EXPECT_EQ(a.results.has_value(), b.results.has_value());
    if (a.results && b.results) {
      EXPECT_EQ(a.results->begin, b.results->begin);
      EXPECT_EQ(a.results->end, b.results->end);
    }
    EXPECT_EQ(a.rule_ids, b.rule_ids);
    EXPECT_EQ(a.artifact_uris, b.artifact_uris);
    ASSERT_EQ(a.result_objects.size(), b.result_objects.size());
    for (size_t i = 0; i < a.result_objects.size(); ++i) {
      EXPECT_EQ(a.result_objects[i].object.begin, b.result_objects[i].object.begin);
      EXPECT_EQ(a.result_objects[i].object.end, b.result_objects[i].object.end);
      EXPECT_EQ(a.result_objects[i].baseline_state.has_value(),
                b.result_objects[i].baseline_state.has_value());
      if (a.result_objects[i].baseline_state && b.result_objects[i].baseline_state)
        EXPECT_EQ(a.result_objects[i].baseline_state->begin, b.result_objects[i].baseline_state->begin);
    }
  }
}

TEST(SarifReaderTest, LayoutFindsExistingBaselineStates) {
  auto input =
      LoadInput(DataPath("edge-cases/sarif-sdk_BaselineOption_TEST1006_UpdatedResults.sarif"), Limits{});
  ASSERT_TRUE(input) << input.error().ToString();
  SarifLayout layout;
  ParseContext context;
  context.sarif_layout = &layout;
  CollectingSink sink;
  ASSERT_TRUE(ReadSarif(*input, context, sink));
  size_t with_state = 0;
  for (const auto& run : layout.runs) {
    for (const auto& result : run.result_objects) with_state += result.baseline_state.has_value();
  }
  EXPECT_GT(with_state, 0u);
  EXPECT_FALSE(layout.runs[0].rule_ids.empty());
}

const CountCase kCountCases[] = {
    {"android-studio/sarif-sdk_AndroidStudio_issueLog5_raw.xml.sarif", {81}},
    {"ciscat/sarif-sdk_CisCat_ValidResults.sarif", {1}},
    {"clang-analyzer/sarif-sdk_ClangAnalyzer_RealLog.xml.sarif", {4}},
    {"clang-tidy/sarif-sdk_ClangTidy_ValidResults.sarif", {6}},
    {"codeql/codeql-action_fingerprinting.input.sarif", {2}},
    {"codeql/codeql-action_valid-sarif.sarif", {1, 2}},
    {"codeql/defectdojo_codeQL-output.sarif", {72}},
    {"cppcheck/defectdojo_cppcheck_many_vuln.sarif", {7}},
    {"cppcheck/sarif-sdk_CppCheck_issueLog1_raw.xml.sarif", {188}},
    {"devskim/defectdojo_devskim_many_vuln.sarif", {7}},
    {"edge-cases/codeql-action_empty-sarif.sarif", {0}},
    {"edge-cases/codeql-action_tool-names.sarif", {0, 0, 0, 0, 0}},
    {"edge-cases/defectdojo_SuppressionTestCurrent.sarif", {4}},
    {"edge-cases/defectdojo_appendix_k1_double_two_runs.sarif", {0, 0}},
    {"edge-cases/defectdojo_suppression_test.sarif", {5}},
    {"edge-cases/sarif-sdk_BaselineOption_TEST1006_UpdatedResults.sarif", {30}},
    {"edge-cases/sarif-sdk_GH1002.InlineThreadFlowLocations_Invalid.sarif", {1}},
    {"edge-cases/sarif-sdk_GitHubIngestion_ThreadFlowLocations.sarif", {1}},
    {"edge-cases/sarif-sdk_InsertOptionalData_Rel_All.sarif", {6}},
    {"edge-cases/sarif-sdk_PropertyBagComprehensiveValueTypes.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF1002.UrisMustBeValid_Invalid.sarif", {2}},
    {"edge-cases/sarif-sdk_SARIF1004.ExpressUriBaseIdsCorrectly_Valid.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF1005.UriMustBeAbsolute_Invalid.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF1007.RegionPropertiesMustBeConsistent_Invalid.sarif", {2}},
    {"edge-cases/sarif-sdk_SARIF1009.IndexPropertiesMustBeConsistentWithArrays_Invalid.sarif", {3}},
    {"edge-cases/sarif-sdk_SARIF1010.RuleIdMustBeConsistent_Invalid.sarif", {3}},
    {"edge-cases/sarif-sdk_SARIF1011.ReferenceFinalSchema_Invalid.sarif", {0}},
    {"edge-cases/sarif-sdk_SARIF2004.OptimizeFileSize_SentinelIndexBloat.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF2007.ExpressPathsRelativeToRepoRoot_Valid.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF2010.ProvideCodeSnippets_WithEmbeddedContent.sarif", {1}},
    {"edge-cases/sarif-sdk_SARIF2016.FileUrisShouldBeRelative_Invalid.sarif", {1}},
    {"edge-cases/sarif-sdk_WorkItems_MultipleRuns.sarif", {2, 1}},
    {"edge-cases/sarif-sdk_WorkItems_NewAndOldResults.sarif", {5}},
    {"edge-cases/sarif-sdk_elfie-arriba-utf8-bom.sarif", {5}},
    {"edge-cases/sarif-tutorials_Catastrophic configuration error.sarif", {0}},
    {"edge-cases/sarif-tutorials_One run no results.sarif", {0}},
    {"eslint/sarif-tutorials_simple-example_eslint.sarif", {1}},
    {"flawfinder/defectdojo_flawfinder_2.0.19.sarif", {54}},
    {"flawfinder/defectdojo_flawfinder_many_vuln.sarif", {4}},
    {"fortify/sarif-sdk_FortifyFpr_OneResultWithTwoTraces.fpr.sarif", {1}},
    {"fortify/sarif-sdk_Fortify_bannedAPIs_java.xml.sarif", {33}},
    {"fxcop/sarif-sdk_FxCop_FxCopExceptions.xml.sarif", {2}},
    {"gcc/codechecker_gcc_double_free.cpp.sarif", {1}},
    {"gitleaks/defectdojo_gitleaks_7.5.0.sarif", {8}},
    {"grype/defectdojo_grype_cxf-3.4.6.sarif", {22}},
    {"mayhem/defectdojo_mayhem_code_many_vulns.sarif", {8}},
    {"mobsfscan/defectdojo_mobsfscan.sarif", {9}},
    {"msbuild/sarif-sdk_MSBuild_SomeErrors.txt.sarif", {7}},
    {"msvc-prefast/sarif-sdk_PREfast_Expected-192.xml.sarif", {48}},
    {"nodejsscan/defectdojo_njsscan.sarif", {2}},
    {"pylint/sarif-sdk_Pylint-01.json.sarif", {72}},
    {"scorecard/scorecard_check6.sarif", {1}},
    {"semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif", {1768}},
    {"semmle/sarif-sdk_SemmleQL_results.csv.sarif", {80}},
    {"shiftleft-scan/defectdojo_bash-report.sarif", {27}},
    {"snyk-code/defectdojo_snyk_code_single_project_many_vulns.sarif", {206}},
    {"spec-examples/defectdojo_appendix_k3_binary.sarif", {1}},
    {"spec-examples/defectdojo_appendix_k_comprehensive.sarif", {1}},
    {"spec-examples/sarif-sdk_VersionOneToCurrent_CodeFlows.sarif", {1}},
    {"spec-examples/sarif-sdk_ai_example.sarif", {2}},
    {"spec-examples/sarif-tutorials_Baseline.sarif", {4}},
    {"spec-examples/sarif-tutorials_CodeFlows.sarif", {1}},
    {"spec-examples/sarif-tutorials_ContextRegion.sarif", {1}},
    {"spec-examples/sarif-tutorials_EmbeddedTextContent.sarif", {2}},
    {"spec-examples/sarif-tutorials_Notifications.sarif", {0}},
    {"spec-examples/sarif-tutorials_OriginalUriBaseIds.sarif", {3}},
    {"spec-examples/sarif-tutorials_RuleMetadata.sarif", {1}},
    {"spec-examples/sarif-tutorials_Suppressions.sarif", {9}},
    {"spec-examples/sarif-tutorials_bad-eval-related-locations.sarif", {1}},
    {"spec-examples/sarif-tutorials_bad-eval-with-code-flow.sarif", {1}},
    {"spec-examples/sarif-tutorials_message-with-arguments.sarif", {1}},
    {"spec-examples/sarif-tutorials_standard-taxonomy.sarif", {1}},
    {"spotbugs/defectdojo_spotbugs.sarif", {56}},
    {"trivy/trivy_alpine-310.sarif", {4}},
    {"tslint/sarif-sdk_TSLint-03.json.sarif", {3007}},
};

INSTANTIATE_TEST_SUITE_P(RealLogs, SarifCountTest, ::testing::ValuesIn(kCountCases),
                         [](const ::testing::TestParamInfo<CountCase>& param_info) {
                           std::string name = param_info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ---------------------------------------------------------------------------
// Files refused, and why.

struct RejectCase {
  const char* file;
  ErrorCode code;
  const char* message_part;  // in the error's message
  const char* where_part;    // in the error's location ("file: byte N at $.path")
};

class SarifRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(SarifRejectTest, RefusedWithLocation) {
  const RejectCase& c = GetParam();
  Outcome outcome = ReadFile(c.file);
  ASSERT_FALSE(outcome.status) << "accepted " << c.file;
  const core::Error& error = outcome.status.error();
  EXPECT_EQ(error.code, c.code) << error.ToString();
  EXPECT_THAT(error.message, HasSubstr(c.message_part));
  EXPECT_THAT(error.where, HasSubstr(c.where_part));
  // Always the file name and a byte offset.
  std::string name = c.file;
  name = name.substr(name.rfind('/') + 1);
  EXPECT_THAT(error.where, HasSubstr(name));
  EXPECT_THAT(error.where, HasSubstr(": byte "));
}

const RejectCase kRejectCases[] = {
    {"edge-cases/codeql-action_invalid-sarif_results-not-array.sarif", ErrorCode::kInvalidInput,
     "expected an array of results", "$.runs[0].results"},
    // The stray comma on line 3 (0-based byte 60), after the "$schema" field.
    {"edge-cases/sarif-sdk_JSON1001.SyntaxError.sarif", ErrorCode::kInvalidInput, "expected a key",
     "byte 60 at $.$schema"},
    {"edge-cases/sarif-sdk_SimpleExample.sarif-external-properties.json", ErrorCode::kInvalidInput,
     "no \"runs\"", "$.runs"},
    {"edge-cases/sarif-sdk_WorkItems_Invalid_not-sarif.sarif", ErrorCode::kInvalidInput, "no \"runs\"",
     "$.runs"},
    {"edge-cases/sarif-tutorials_Empty runs.sarif", ErrorCode::kInvalidInput, "no runs", "$.runs"},
    {"edge-cases/sarif-tutorials_No runs.sarif", ErrorCode::kInvalidInput, "null", "$.runs"},
    {"roslyn/sarif-sdk_v1_Roslyn_sarif-1.0.0.sarif", ErrorCode::kUnsupported, "SARIF 1.0.0 is not supported",
     "$.version"},
};

INSTANTIATE_TEST_SUITE_P(RealLogs, SarifRejectTest, ::testing::ValuesIn(kRejectCases),
                         [](const ::testing::TestParamInfo<RejectCase>& param_info) {
                           std::string name = param_info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ---------------------------------------------------------------------------
// Field checks on real logs.

TEST(SarifReaderTest, CodeQlFingerprintsFlowsCwesAndSnippet) {
  Outcome outcome = ReadFile("codeql/defectdojo_codeQL-output.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& run = outcome.sink.runs.at(0);
  EXPECT_EQ(run.info.tool, "CodeQL");
  EXPECT_EQ(run.info.tool_version, "2.5.4");  // semanticVersion
  const core::Finding& first = run.findings.at(0);
  EXPECT_EQ(first.rule_id, "py/empty-except");
  EXPECT_EQ(first.rule_name, "py/empty-except");
  EXPECT_EQ(first.rule_help, "Except doesn't do anything and has no comment");  // fullDescription
  EXPECT_EQ(first.message, "'except' clause does nothing but pass and there is no explanatory comment.");
  EXPECT_EQ(first.path, "good/db_init.py");
  EXPECT_EQ(first.region.start_line, 39);
  EXPECT_EQ(first.region.start_column, 5);
  EXPECT_EQ(first.region.end_line, 39);  // defaults to startLine
  EXPECT_EQ(first.region.end_column, 30);
  EXPECT_THAT(first.snippet, HasSubstr("os.remove('db_users.sqlite')"));  // contextRegion snippet
  EXPECT_THAT(first.partial_fingerprints,
              ElementsAre(core::Fingerprint{"primaryLocationLineHash", "9cbc869fbfffeb60:1"},
                          core::Fingerprint{"primaryLocationStartColumnFingerprint", "0"}));
  EXPECT_THAT(first.cwes, ElementsAre(390));
  EXPECT_EQ(first.severity, Severity::kLow);         // defaultConfiguration.level "note"
  EXPECT_EQ(first.tool_severity, "recommendation");  // CodeQL's problem.severity, verbatim
  EXPECT_EQ(first.category, Category::kSast);
  EXPECT_TRUE(first.identity.empty());

  const core::Finding& flow = run.findings.at(56);
  EXPECT_EQ(flow.rule_id, "py/path-injection");
  EXPECT_EQ(flow.code_flow_count, 2);
  EXPECT_EQ(flow.related_location_count, 2);
  EXPECT_THAT(flow.cwes, ElementsAre(22, 23, 36, 73, 99));
  EXPECT_EQ(flow.severity, Severity::kHigh);  // level "error" from the rule
  EXPECT_EQ(flow.path, "bad/libapi.py");
  // %SRCROOT% is not declared in originalUriBaseIds: it is the conventional
  // name of the source root, read as such without a warning.
  EXPECT_FALSE(outcome.Warned("uriBaseId \"%SRCROOT%\" is not in run.originalUriBaseIds"));
}

TEST(SarifReaderTest, GrypeSecuritySeverityAdvisoriesAndPackage) {
  Outcome outcome = ReadFile("grype/defectdojo_grype_cxf-3.4.6.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& run = outcome.sink.runs.at(0);
  EXPECT_EQ(run.info.tool, "Grype");
  EXPECT_EQ(run.info.tool_version, "0.34.7");
  const core::Finding& f = run.findings.at(0);
  EXPECT_EQ(f.rule_id, "CVE-2008-0732-geronimo-j2ee-management_1.1_spec");
  EXPECT_THAT(f.advisories, ElementsAre("CVE-2008-0732"));
  EXPECT_EQ(f.severity, Severity::kLow);  // security-severity 2.1 wins over the level
  EXPECT_EQ(f.tool_severity, "security-severity 2.1");
  EXPECT_EQ(f.category, Category::kSca);
  EXPECT_EQ(f.path, "lib/geronimo-j2ee-management_1.1_spec-1.0.1.jar");
  EXPECT_EQ(f.dependency.package, "geronimo-j2ee-management_1.1_spec");
  EXPECT_EQ(f.dependency.installed_version, "1.0.1");
  EXPECT_EQ(f.dependency.fixed_version, "");
  EXPECT_EQ(f.dependency.ecosystem, "java-archive");
  for (const auto& finding : run.findings) {
    EXPECT_FALSE(finding.advisories.empty()) << finding.rule_id;
    EXPECT_NE(finding.severity, Severity::kInfo) << finding.rule_id;
  }
}

TEST(SarifReaderTest, TrivyImageRootPathAndPackage) {
  Outcome outcome = ReadFile("trivy/trivy_alpine-310.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& run = outcome.sink.runs.at(0);
  EXPECT_EQ(run.info.tool, "Trivy");
  EXPECT_EQ(run.info.tool_version, "dev");
  const core::Finding& f = run.findings.at(0);
  EXPECT_EQ(f.rule_id, "CVE-2019-1549");
  EXPECT_EQ(f.rule_name, "OsPackageVulnerability");
  EXPECT_EQ(f.path, "testdata/fixtures/images/alpine-310.tar.gz");
  EXPECT_EQ(f.region.start_line, 1);
  EXPECT_EQ(f.severity, Severity::kMedium);  // security-severity "5.3"
  EXPECT_EQ(f.tool_severity, "security-severity 5.3");
  EXPECT_EQ(f.category, Category::kContainer);  // an image scan (run.properties.imageName)
  EXPECT_THAT(f.advisories, ElementsAre("CVE-2019-1549"));
  EXPECT_EQ(f.dependency.package, "libcrypto1.1");
  EXPECT_EQ(f.dependency.installed_version, "1.1.1c-r0");
  EXPECT_EQ(f.dependency.fixed_version, "1.1.1d-r0");
  EXPECT_EQ(f.help_uri, "https://avd.aquasec.com/nvd/cve-2019-1549");
  EXPECT_THAT(f.rule_help, HasSubstr("Vulnerability CVE-2019-1549"));
  // ROOTPATH has no originalUriBaseIds entry: accepted, warned once for the run.
  size_t rootpath = std::count_if(outcome.warnings.begin(), outcome.warnings.end(), [](const std::string& w) {
    return w.find("ROOTPATH") != std::string::npos;
  });
  EXPECT_EQ(rootpath, 1u) << outcome.Warnings();
  EXPECT_THAT(outcome.warnings.at(0), HasSubstr("trivy_alpine-310.sarif: byte "));
  EXPECT_THAT(outcome.warnings.at(0), HasSubstr("at $.runs[0].results[0]"));
}

// The reader keeps the location it resolved last for the next result: one
// with the same uri under another base, or by artifact index, is resolved
// afresh, and an unknown base is still warned about (once).
TEST(SarifReaderTest, ConsecutiveResultsOfOneUriUnderOtherBasesResolveEach) {
  Outcome outcome = ReadText(R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},
    "originalUriBaseIds":{"A":{"uri":"a/"},"B":{"uri":"b/"}},
    "artifacts":[{"location":{"uri":"x.py","uriBaseId":"B"}}],
    "results":[
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py","uriBaseId":"A"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py","uriBaseId":"A"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py","uriBaseId":"B"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"index":0}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py","uriBaseId":"C"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"x.py","uriBaseId":"C"}}}]},
      {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"y.py","uriBaseId":"A"}}}]}
    ]}]})");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  std::vector<std::string> paths;
  for (const core::Finding& finding : outcome.sink.runs.at(0).findings) paths.push_back(finding.path);
  EXPECT_THAT(paths, ElementsAre("a/x.py", "a/x.py", "b/x.py", "b/x.py", "x.py", "x.py", "x.py", "a/y.py"));
  size_t unknown = std::count_if(outcome.warnings.begin(), outcome.warnings.end(), [](const std::string& w) {
    return w.find("uriBaseId \"C\" is not in run.originalUriBaseIds") != std::string::npos;
  });
  EXPECT_EQ(unknown, 1u) << outcome.Warnings();
}

TEST(SarifReaderTest, MessageArgumentsFromRuleMessageStrings) {
  Outcome outcome = ReadFile("spec-examples/sarif-tutorials_message-with-arguments.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  EXPECT_EQ(outcome.sink.runs.at(0).findings.at(0).message,
            "Variable 'x' was used without being initialized.");
}

TEST(SarifReaderTest, OriginalUriBaseIdsChain) {
  Outcome outcome = ReadFile("spec-examples/sarif-tutorials_OriginalUriBaseIds.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& findings = outcome.sink.runs.at(0).findings;
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].path, "README.md");    // REPOROOT, no uri: the root itself
  EXPECT_EQ(findings[1].path, "src/io/kb.c");  // SRCROOT = REPOROOT + "src/"
  EXPECT_EQ(findings[2].path, "");             // "." on REPOROOT: the repository itself
  EXPECT_TRUE(outcome.warnings.empty() || !outcome.Warned("originalUriBaseIds")) << outcome.Warnings();
}

TEST(SarifReaderTest, FileUrisAndBackslashes) {
  Outcome outcome = ReadFile("edge-cases/sarif-sdk_SARIF2016.FileUrisShouldBeRelative_Invalid.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  // file:///c:/src/test.c with no base to make it relative: kept without the root, warned.
  EXPECT_EQ(outcome.sink.runs.at(0).findings.at(0).path, "c:/src/test.c");
  EXPECT_TRUE(outcome.Warned("absolute artifact paths")) << outcome.Warnings();
}

TEST(SarifReaderTest, SuppressionKindsAndStatus) {
  Outcome outcome = ReadFile("spec-examples/sarif-tutorials_Suppressions.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& f = outcome.sink.runs.at(0).findings;
  ASSERT_EQ(f.size(), 9u);
  EXPECT_TRUE(f[0].suppressions.empty());
  ASSERT_EQ(f[1].suppressions.size(), 1u);
  EXPECT_EQ(f[1].suppressions[0].kind, core::SuppressionKind::kInSource);
  EXPECT_EQ(f[1].suppressions[0].status, "accepted");  // SARIF's default
  EXPECT_EQ(f[2].suppressions[0].kind, core::SuppressionKind::kExternal);
  EXPECT_EQ(f[3].suppressions[0].status, "rejected");
  EXPECT_EQ(f[5].suppressions[0].status, "underReview");
  ASSERT_EQ(f[6].suppressions.size(), 2u);
  EXPECT_EQ(f[6].suppressions[1].status, "rejected");
}

TEST(SarifReaderTest, ToolNamesEmptyAndNull) {
  Outcome outcome = ReadFile("edge-cases/codeql-action_tool-names.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  std::vector<std::string> names;
  for (const auto& run : outcome.sink.runs) names.push_back(run.info.tool);
  EXPECT_THAT(
      names, ElementsAre("CodeQL command-line toolchain", "CodeQL command-line toolchain", "ESLint", "", ""));
  EXPECT_TRUE(outcome.Warned("$.runs[4].tool.driver.name: tool name is null")) << outcome.Warnings();
}

TEST(SarifReaderTest, ByteOrderMarkIsSkippedAndCounted) {
  Outcome outcome = ReadFile("edge-cases/sarif-sdk_elfie-arriba-utf8-bom.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  EXPECT_EQ(outcome.sink.FindingCount(), 5u);
  // Offsets in messages (0-based) count the BOM, so they match the file as given.
  Outcome bad = ReadText("\xEF\xBB\xBF{\"a\": ]}");
  ASSERT_FALSE(bad.status);
  EXPECT_EQ(bad.status.error().where, "test.sarif: byte 9 at $.a");  // 3 BOM bytes + 6
}

TEST(SarifReaderTest, SpecAppendixKComprehensive) {
  Outcome outcome = ReadFile("spec-examples/defectdojo_appendix_k_comprehensive.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& run = outcome.sink.runs.at(0);
  EXPECT_EQ(run.info.tool, "CodeScanner");
  const core::Finding& f = run.findings.at(0);
  EXPECT_EQ(f.rule_id, "C2001");
  EXPECT_FALSE(f.message.empty());
  EXPECT_FALSE(f.path.empty());
  EXPECT_GT(f.region.start_line, 0);
}

TEST(SarifReaderTest, StandardTaxonomyCwes) {
  Outcome outcome = ReadFile("spec-examples/sarif-tutorials_standard-taxonomy.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const core::Finding& f = outcome.sink.runs.at(0).findings.at(0);
  EXPECT_THAT(f.cwes, ElementsAre(401));                        // rule relationship and result taxa agree
  EXPECT_EQ(f.rule_name, "Failed to release dynamic memory.");  // shortDescription, no name
}

TEST(SarifReaderTest, OutOfRangeIndexesWarnAndFallBack) {
  Outcome outcome =
      ReadFile("edge-cases/sarif-sdk_SARIF1009.IndexPropertiesMustBeConsistentWithArrays_Invalid.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  EXPECT_TRUE(outcome.Warned("out of range")) << outcome.Warnings();
}

TEST(SarifReaderTest, SentinelIndexesIgnored) {
  Outcome outcome = ReadFile("edge-cases/sarif-sdk_SARIF2004.OptimizeFileSize_SentinelIndexBloat.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const core::Finding& f = outcome.sink.runs.at(0).findings.at(0);
  EXPECT_EQ(f.rule_id, "TEST001");
  EXPECT_EQ(f.rule_name, "TestRule");  // found by ruleId after the -1 ruleIndex
  EXPECT_EQ(f.path, "src/foo.cs");
  EXPECT_EQ(f.region.start_line, 42);
  EXPECT_TRUE(outcome.Warned("index -1")) << outcome.Warnings();
}

TEST(SarifReaderTest, ScorecardStartLineZeroAndHttpsUri) {
  Outcome outcome = ReadFile("scorecard/scorecard_check6.sarif");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  EXPECT_EQ(outcome.sink.runs.at(0).findings.size(), 1u);
}

TEST(SarifReaderTest, CategoriesOfKnownTools) {
  struct Case {
    const char* file;
    Category category;
  };
  for (const Case& c :
       {Case{"gitleaks/defectdojo_gitleaks_7.5.0.sarif", Category::kSecrets},
        Case{"semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif", Category::kSast},
        Case{"flawfinder/defectdojo_flawfinder_many_vuln.sarif", Category::kSast},
        Case{"snyk-code/defectdojo_snyk_code_single_project_many_vulns.sarif", Category::kSast},
        Case{"pylint/sarif-sdk_Pylint-01.json.sarif", Category::kOther},
        Case{"mayhem/defectdojo_mayhem_code_many_vulns.sarif", Category::kDast}}) {
    Outcome outcome = ReadFile(c.file);
    ASSERT_TRUE(outcome.status) << outcome.Error();
    EXPECT_EQ(outcome.sink.runs.at(0).findings.at(0).category, c.category) << c.file;
  }
}

TEST(SarifReaderTest, ResultsNullIsAcceptedWithWarning) {
  Outcome outcome = ReadText(
      R"({"version":"2.1.0","$schema":"x","runs":[{"tool":{"driver":{"name":"T"}},"results":null}]})");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  EXPECT_EQ(outcome.sink.runs.size(), 1u);
  EXPECT_TRUE(outcome.Warned("results is null"));
}

}  // namespace
}  // namespace candor::ingest
