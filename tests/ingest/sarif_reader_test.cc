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

namespace candor::ingest {
namespace {

using core::Category;
using core::ErrorCode;
using core::Severity;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Outcome {
  core::Status status;
  CollectingSink sink;
  std::vector<std::string> warnings;

  std::string Warnings() const {
    std::string all;
    for (const auto& w : warnings) all += w + "\n";
    return all;
  }
};

Outcome ReadBuffer(const InputBuffer& input, Limits limits = {}) {
  Outcome outcome;
  ParseContext context;
  context.limits = limits;
  outcome.status = ReadSarif(input, context, outcome.sink);
  outcome.warnings = std::move(context.warnings);
  return outcome;
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

std::string ErrorText(const Outcome& outcome) {
  return outcome.status ? std::string("(no error)") : outcome.status.error().ToString();
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
  ASSERT_TRUE(outcome.status) << ErrorText(outcome);
  std::vector<size_t> counts;
  for (const auto& run : outcome.sink.runs) counts.push_back(run.findings.size());
  EXPECT_EQ(counts, c.per_run);
  for (size_t i = 0; i < outcome.sink.runs.size(); ++i)
    EXPECT_EQ(outcome.sink.runs[i].info.run_index, int(i));
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
                         [](const ::testing::TestParamInfo<CountCase>& info) {
                           std::string name = info.param.file;
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
    {"edge-cases/sarif-sdk_JSON1001.SyntaxError.sarif", ErrorCode::kInvalidInput, "malformed", "at $"},
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
                         [](const ::testing::TestParamInfo<RejectCase>& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace candor::ingest
