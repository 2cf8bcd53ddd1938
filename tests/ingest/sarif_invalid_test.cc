// ReadSarif on synthetic inputs: broken JSON anywhere, wrong types, limits,
// versions, and the spec corners real tools bend.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_reader.h"
#include "reader_test_support.h"

namespace candor::ingest {
namespace {

using core::ErrorCode;
using core::Severity;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Outcome = testing::ReadOutcome;

Outcome Read(std::string_view text, Limits limits = {}) {
  return testing::ReadWith(ReadSarif, InputBuffer("scan.sarif", text), limits);
}

// A log with one run whose results array is `results` and driver extras `driver`.
std::string Log(std::string_view results, std::string_view driver = R"("name":"T")",
                std::string_view run_extra = "") {
  std::string log =
      R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{)";
  log += driver;
  log += "}}";
  if (!run_extra.empty()) {
    log += ",";
    log += run_extra;
  }
  log += R"(,"results":[)";
  log += results;
  log += "]}]}";
  return log;
}

std::string ReadFileBytes(const std::string& relative) {
  auto input = LoadInput(std::string(CANDOR_TEST_DATA) + "/sarif/" + relative, Limits{});
  EXPECT_TRUE(input.has_value());
  return input ? std::string(input->bytes()) : std::string();
}

// ---------------------------------------------------------------------------
// Malformed JSON is refused wherever it is, including parts the reader skips.

TEST(SarifInvalidTest, TruncatedAtEveryOffsetIsAnError) {
  const std::string whole = ReadFileBytes("trivy/trivy_alpine-310.sarif");
  ASSERT_FALSE(whole.empty());
  ASSERT_TRUE(Read(whole).status);
  size_t last_significant = whole.find_last_not_of(" \n\r\t");
  for (size_t cut = 0; cut <= last_significant; ++cut) {
    Outcome outcome = Read(std::string_view(whole).substr(0, cut));
    ASSERT_FALSE(outcome.status) << "accepted a log cut at byte " << cut;
    EXPECT_THAT(outcome.status.error().where, HasSubstr("scan.sarif: byte ")) << cut;
    EXPECT_EQ(outcome.sink.FindingCount(), 0u) << "findings before the error at cut " << cut;
  }
}

TEST(SarifInvalidTest, SyntaxErrorsInSkippedPartsAreRefused) {
  struct Case {
    std::string text;
    const char* message;
    const char* where;
  };
  const std::string ok_result = R"({"ruleId":"R","message":{"text":"m"}})";
  const std::vector<Case> cases = {
      {Log(R"({"ruleId":"R","message":{"text":"m"},"properties":{"a":1,,"b":2}})"), "expected a key",
       "at $.runs[0].results[0].properties.a"},
      {Log(R"({"ruleId":"R","properties":{"a":[1,2,]}})"), "expected a value, found ']'",
       "$.runs[0].results[0].properties.a[2]"},
      {Log(R"({"ruleId":"R","properties":{"a":tru}})"), "invalid literal",
       "$.runs[0].results[0].properties.a"},
      {Log(R"({"ruleId":"R","properties":{"a":01}})"), "invalid number", "$.runs[0].results[0].properties.a"},
      {Log(R"({"ruleId":"R","properties":{"a":"\x"}})"), "invalid string escape", "properties.a"},
      {Log(R"({"ruleId":"R","properties":{"a":"\ud800"}})"), "invalid string escape", "properties.a"},
      {Log(R"({"ruleId":"R","properties":{"a" 1}})"), "expected ':'", "properties.a"},
      {Log(ok_result, R"("name":"T","properties":{"x":{"y":[}]}})"), "expected a value",
       "$.runs[0].tool.driver.properties.x.y[0]"},
      {Log(ok_result) + "{}", "unexpected content after the JSON document", "at $"},
      {Log(ok_result) + "]", "unexpected content after the JSON document", "at $"},
      {std::string(R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[]}]})")
           .insert(12, "\x01"),
       "control character", "byte 12"},
  };
  for (const Case& c : cases) {
    Outcome outcome = Read(c.text);
    ASSERT_FALSE(outcome.status) << c.text;
    EXPECT_EQ(outcome.status.error().code, ErrorCode::kInvalidInput) << c.text;
    EXPECT_THAT(outcome.status.error().message, HasSubstr(c.message)) << c.text;
    EXPECT_THAT(outcome.status.error().where, HasSubstr(c.where)) << c.text;
  }
}

TEST(SarifInvalidTest, NotJsonOrNotALog) {
  EXPECT_THAT(Read("").Error(), HasSubstr("empty input"));
  EXPECT_THAT(Read("   \n").Error(), HasSubstr("empty input"));
  EXPECT_THAT(Read("hello").Error(), HasSubstr("expected a value, found 'h'"));
  EXPECT_THAT(Read("[]").Error(), HasSubstr("expected a SARIF log"));
  EXPECT_THAT(Read("null").Error(), HasSubstr("expected a SARIF log"));
  EXPECT_THAT(Read(R"({"version":"2.1.0"})").Error(), HasSubstr("no \"runs\""));
  EXPECT_THAT(Read(R"({"version":"2.1.0","runs":{}})").Error(),
              HasSubstr("scan.sarif: byte 26 at $.runs: expected an array of runs (wrong type)"));
  Outcome empty_runs = Read(R"({"version":"2.1.0","runs":[]})");
  EXPECT_EQ(empty_runs.status.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(empty_runs.Error(), HasSubstr("no runs"));
}

TEST(SarifInvalidTest, InvalidUtf8IsRefusedAtItsByte) {
  std::string text = Log(std::string(R"({"ruleId":"R","message":{"text":"caf)") + "\xC3" + R"( "}})");
  size_t bad = text.find('\xC3');
  Outcome outcome = Read(text);
  ASSERT_FALSE(outcome.status);
  EXPECT_THAT(outcome.status.error().message, HasSubstr("invalid UTF-8"));
  EXPECT_THAT(outcome.status.error().where, HasSubstr("byte " + std::to_string(bad)));
}

TEST(SarifInvalidTest, AbsurdNestingIsALimit) {
  for (const std::string& text : {std::string(10000, '['), std::string(10000, '[') + std::string(10000, ']'),
                                  Log(R"({"ruleId":"R","properties":{"deep":)" + std::string(200, '[') +
                                      std::string(200, ']') + "}}")}) {
    Outcome outcome = Read(text);
    ASSERT_FALSE(outcome.status);
    EXPECT_EQ(outcome.status.error().code, ErrorCode::kLimitExceeded) << outcome.Error();
    EXPECT_THAT(outcome.status.error().message, HasSubstr("more than 128 levels"));
  }
  Limits deep;
  deep.max_depth = 300;
  EXPECT_TRUE(Read(Log(R"({"ruleId":"R","properties":{"deep":)" + std::string(200, '[') +
                       std::string(200, ']') + "}}"),
                   deep)
                  .status);
}

// ---------------------------------------------------------------------------
// Wrong types of fields the reader uses name the path.

TEST(SarifInvalidTest, WrongTypesNameThePath) {
  struct Case {
    std::string text;
    const char* error;
  };
  const std::vector<Case> cases = {
      {Log(R"({"ruleId":"R"},{"ruleId":"R"},{"ruleId":"R"},{"ruleId":"R","level":3})"),
       "at $.runs[0].results[3].level: expected a string (wrong type)"},
      {Log(R"({"ruleId":7})"), "at $.runs[0].results[0].ruleId: expected a string (wrong type)"},
      {Log(R"({"ruleId":"R","message":"text"})"), "at $.runs[0].results[0].message: expected an object"},
      {Log(R"({"ruleId":"R","locations":{}})"), "at $.runs[0].results[0].locations: expected an array"},
      {Log(R"({"ruleId":"R","locations":[{"physicalLocation":{"region":{"startLine":"3"}}}]})"),
       "at $.runs[0].results[0].locations[0].physicalLocation.region.startLine: expected an integer"},
      {Log(R"("a result")"), "at $.runs[0].results[0]: expected a result object"},
      {Log(R"({"ruleId":"R"})", R"("name":"T","rules":{})"),
       "at $.runs[0].tool.driver.rules: expected an array"},
      {Log(R"({"ruleId":"R"})", R"("name":["T"])"), "at $.runs[0].tool.driver.name: expected a string"},
      {R"({"version":"2.1.0","runs":[{"results":[]}]})", "run has no \"tool\""},
      {R"({"version":"2.1.0","runs":[{"tool":{"name":"T"},"results":[]}]})", "run.tool has no driver"},
      {R"({"version":"2.1.0","runs":[7]})", "at $.runs[0]: expected a run object"},
      {R"({"version":2.1,"runs":[]})", "at $.version: expected a string"},
  };
  for (const Case& c : cases) {
    Outcome outcome = Read(c.text);
    ASSERT_FALSE(outcome.status) << c.text;
    EXPECT_EQ(outcome.status.error().code, ErrorCode::kInvalidInput) << c.text;
    EXPECT_THAT(outcome.Error(), HasSubstr(c.error)) << c.text;
    EXPECT_THAT(outcome.Error(), HasSubstr("scan.sarif: byte ")) << c.text;
  }
}

// An error inside a result read as a document of its own (json_outline.h)
// names the same byte and path as one read from the whole document.
TEST(SarifInvalidTest, OutlinedResultsFailAtTheSameByteAsTheWholeDocument) {
  const std::vector<std::string> texts = {
      Log(R"({"ruleId":"R"},{"ruleId":"R"},{"ruleId":"R"},{"ruleId":"R","level":3})"),
      Log(R"({"ruleId":"R"}, {"ruleId":"R","locations":[{"physicalLocation":{"region":{"startLine":"3"}}}]})"),
      Log(R"({"ruleId":"R","message":"text"})"),
      Log(R"({"ruleId":"R"},  {"ruleId":"R","locations":{}})", R"("name":"T")",
          R"("artifacts":[{"location":{"uri":"a.c"}}])"),
      // results before the tool: the skeleton is cut before what the run reads first
      R"({"version":"2.1.0","runs":[{"results":[{"ruleId":"R"},{"ruleId":5}],"tool":{"driver":{"name":7}}}]})",
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[{"ruleId":"R"}]},)"
      R"({"tool":{"driver":{"name":"U"}},"results":[{"ruleId":"R"},{"ruleId":"R","kind":[]}]}]})",
  };
  for (const std::string& text : texts) {
    InputBuffer input("scan.sarif", text);
    ParseContext outlined_context, whole_context;
    whole_context.syntax_already_checked = true;
    CollectingSink outlined_sink, whole_sink;
    auto outlined = ReadSarif(input, outlined_context, outlined_sink);
    auto whole = ReadSarif(input, whole_context, whole_sink);
    ASSERT_FALSE(outlined) << text;
    ASSERT_FALSE(whole) << text;
    EXPECT_EQ(outlined.error().ToString(), whole.error().ToString()) << text;
  }
}

TEST(SarifInvalidTest, OtherVersionsAreUnsupported) {
  Outcome v1 = Read(R"({"version":"1.0.0","runs":[{"tool":{"name":"T"},"results":[]}]})");
  ASSERT_FALSE(v1.status);
  EXPECT_EQ(v1.status.error().code, ErrorCode::kUnsupported);
  EXPECT_THAT(v1.Error(), HasSubstr("SARIF 1.0.0 is not supported"));
  EXPECT_THAT(v1.Error(), HasSubstr("SARIF Multitool"));
  Outcome v2 = Read(R"({"version":"2.0.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[]}]})");
  ASSERT_FALSE(v2.status);
  EXPECT_EQ(v2.status.error().code, ErrorCode::kUnsupported);
  EXPECT_THAT(v2.Error(), HasSubstr("\"2.0.0\" is not supported"));
  // No version, but shaped like 2.1.0: read, with warnings.
  Outcome none = Read(R"({"runs":[{"tool":{"driver":{"name":"T"}},"results":[{"ruleId":"R"}]}]})");
  ASSERT_TRUE(none.status) << none.Error();
  EXPECT_EQ(none.sink.FindingCount(), 1u);
  EXPECT_TRUE(none.Warned("no \"version\""));
  EXPECT_TRUE(none.Warned("no \"$schema\""));
}

// ---------------------------------------------------------------------------
// Order, lookups and fallbacks.

TEST(SarifInvalidTest, ResultsBeforeToolAndBases) {
  Outcome outcome = Read(R"({"runs":[{"results":[{"ruleIndex":0,"message":{"text":"m"},
      "locations":[{"physicalLocation":{"artifactLocation":{"uri":"a%20b/c.py","uriBaseId":"SRC"}}}]}],
      "originalUriBaseIds":{"SRC":{"uri":"src/"}},
      "tool":{"driver":{"name":"T","version":"1","rules":[{"id":"R1","name":"First"}]}}}],
      "version":"2.1.0","$schema":"x"})");
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const core::Finding& f = outcome.sink.runs.at(0).findings.at(0);
  EXPECT_EQ(f.rule_id, "R1");
  EXPECT_EQ(f.rule_name, "First");
  EXPECT_EQ(f.path, "src/a b/c.py");
  EXPECT_EQ(outcome.sink.runs[0].info.tool_version, "1");
}

TEST(SarifInvalidTest, RuleLookups) {
  const std::string driver =
      R"("name":"T","rules":[{"id":"A","name":"RuleA","messageStrings":{"m":{"text":"A says {0} and {1}"}}},
         {"id":"B","name":"RuleB","defaultConfiguration":{"level":"error"}}],
         "globalMessageStrings":{"g":{"text":"global {0}"}})";
  const std::string run_extra = R"("tool2":0)";  // unknown run fields are ignored
  Outcome outcome =
      Read(Log(R"({"ruleIndex":5,"ruleId":"B","message":{"text":"out of range"}},
          {"ruleId":"A/child","message":{"id":"m","arguments":["x","y"]}},
          {"ruleId":"B","message":{"id":"g","arguments":["z"]}},
          {"rule":{"id":"E1","index":0,"toolComponent":{"index":0}},"message":{"markdown":"**md**"}},
          {"ruleId":"Nope","message":{"text":"{{literal}} {0}","arguments":["w"]}})",
               driver + R"(,"x":1},"extensions":[{"name":"Ext","rules":[{"id":"E1","name":"ExtRule",
                 "properties":{"security-severity":9.8,"tags":["CWE-79","security"]}}]}],"y":{)",
               run_extra));
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& f = outcome.sink.runs.at(0).findings;
  ASSERT_EQ(f.size(), 5u) << outcome.Error();
  EXPECT_EQ(f[0].rule_name, "RuleB");  // ruleIndex out of range: ruleId
  EXPECT_EQ(f[0].severity, Severity::kHigh);
  EXPECT_TRUE(outcome.Warned("ruleIndex is out of range"));
  EXPECT_EQ(f[1].rule_id, "A/child");
  EXPECT_EQ(f[1].rule_name, "RuleA");  // hierarchical id falls back to its base rule
  EXPECT_EQ(f[1].message, "A says x and y");
  EXPECT_EQ(f[2].message, "global z");
  EXPECT_EQ(f[3].rule_id, "E1");
  EXPECT_EQ(f[3].rule_name, "ExtRule");  // extension rule by toolComponent index
  EXPECT_EQ(f[3].message, "**md**");
  EXPECT_EQ(f[3].severity, Severity::kCritical);
  EXPECT_EQ(f[3].tool_severity, "security-severity 9.8");
  EXPECT_THAT(f[3].cwes, ElementsAre(79));
  EXPECT_EQ(f[4].message, "{literal} w");
  EXPECT_EQ(f[4].rule_name, "");
  EXPECT_EQ(f[4].severity, Severity::kMedium);  // SARIF's default level "warning"
  EXPECT_EQ(f[4].tool_severity, "warning");
}

TEST(SarifInvalidTest, KindOtherThanFailIsInfo) {
  Outcome outcome =
      Read(Log(R"({"ruleId":"R","kind":"pass","level":"error"},{"ruleId":"R","kind":"fail","level":"error"},
                                {"ruleId":"R","kind":"review"})"));
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& f = outcome.sink.runs.at(0).findings;
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  EXPECT_EQ(f[0].tool_severity, "kind pass");
  EXPECT_EQ(f[1].severity, Severity::kHigh);
  EXPECT_EQ(f[2].severity, Severity::kInfo);
}

TEST(SarifInvalidTest, PathsFromProvenanceAndEscapes) {
  Outcome outcome = Read(Log(
      R"({"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///home/ci/repo/src/./x/../main.c"}}}]},
         {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"../outside.c"}}}]},
         {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"https://example.com/a.js"}}}]},
         {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"src\\win\\file.cs"}}}]},
         {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"index":0},"region":{"startLine":0}}}]})",
      R"("name":"T")",
      R"("versionControlProvenance":[{"repositoryUri":"https://github.com/o/r","mappedTo":{"uri":"file:///home/ci/repo/"}}],
         "artifacts":[{"location":{"uri":"lib/util.c"}}])"));
  ASSERT_TRUE(outcome.status) << outcome.Error();
  const auto& f = outcome.sink.runs.at(0).findings;
  EXPECT_EQ(f[0].path, "src/main.c");
  EXPECT_EQ(f[1].path, "../outside.c");
  EXPECT_TRUE(outcome.Warned("outside the repository root"));
  EXPECT_EQ(f[2].path, "https://example.com/a.js");
  EXPECT_EQ(f[3].path, "src/win/file.cs");
  EXPECT_EQ(f[4].path, "lib/util.c");
  EXPECT_EQ(f[4].region.start_line, 0);
  EXPECT_TRUE(outcome.Warned("startLine 0"));
}

TEST(SarifInvalidTest, ProgressAndSinkErrors) {
  std::string results;
  for (int i = 0; i < 9000; ++i) results += std::string(i ? "," : "") + R"({"ruleId":"R"})";
  std::vector<size_t> progress;
  ParseContext context;
  context.on_progress = [&](size_t bytes) { progress.push_back(bytes); };
  CollectingSink sink;
  ASSERT_TRUE(ReadSarif(InputBuffer("scan.sarif", Log(results)), context, sink));
  EXPECT_EQ(sink.FindingCount(), 9000u);
  EXPECT_EQ(progress.size(), 2u);  // once per 4096 results
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));

  struct FailingSink : CollectingSink {
    core::Status Add(core::Finding&&) override { return core::Fail(ErrorCode::kStore, "disk full"); }
  } failing;
  ParseContext context2;
  auto status = ReadSarif(InputBuffer("scan.sarif", Log(results)), context2, failing);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kStore);
}

}  // namespace
}  // namespace candor::ingest
