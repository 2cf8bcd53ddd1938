// SARIF 2.1.0 for code scanning: valid against the schema for every result,
// with the fields GitHub reads.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

using nlohmann::json;

const valijson::Schema& SarifSchema() {
  static const valijson::Schema* schema = [] {
    std::ifstream in(std::string(CANDOR_TEST_DATA) + "/sarif-schema/sarif-schema-2.1.0.json");
    std::stringstream text;
    text << in.rdbuf();
    static json document = json::parse(text.str());
    auto* parsed = new valijson::Schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    parser.populateSchema(adapter, *parsed);
    return parsed;
  }();
  return *schema;
}

// "" when `sarif` is valid, else the validator's errors.
std::string SchemaErrors(const std::string& sarif) {
  json document = json::parse(sarif);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  if (validator.validate(SarifSchema(), adapter, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const auto& part : error.context) path += part;
    errors += path + ": " + error.description + "\n";
  }
  return errors;
}

TEST(CheckSarif, TheSchemaRejectsWhatItShould) {
  // The validator is live: a wrong version and a bad startLine are refused.
  EXPECT_NE(SchemaErrors(R"({"version": "2.0.0", "runs": []})"), "");
  EXPECT_NE(SchemaErrors(R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
    {"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]})"),
            "");
  EXPECT_EQ(SchemaErrors(R"({"version": "2.1.0", "runs": []})"), "");
}

TEST(CheckSarif, ValidForEveryKindOfResult) {
  check::CheckResult nothing;
  for (const auto& result : {testing::BlockedResult(), testing::HoldingResult(), testing::EmptyResult(),
                             nothing, testing::HostileResult()}) {
    std::string sarif = RenderCheckSarif(result);
    EXPECT_EQ(SchemaErrors(sarif), "") << sarif;
  }
}

TEST(CheckSarif, ValidForRealToolOutput) {
  for (const char* file :
       {"/sarif/codeql/defectdojo_codeQL-output.sarif", "/sarif/trivy/trivy_alpine-310.sarif",
        "/sarif/edge-cases/sarif-sdk_SARIF1007.RegionPropertiesMustBeConsistent_Invalid.sarif",
        "/sarif/edge-cases/sarif-sdk_SARIF2016.FileUrisShouldBeRelative_Invalid.sarif",
        "/sarif/edge-cases/codeql-action_tool-names.sarif",
        "/sarif/gitleaks/defectdojo_gitleaks_7.5.0.sarif"}) {
    auto result = testing::ResultFromSarif(std::string(CANDOR_TEST_DATA) + file);
    EXPECT_FALSE(result.tools.empty()) << file;
    std::string sarif = RenderCheckSarif(result);
    EXPECT_EQ(SchemaErrors(sarif), "") << file;
  }
}

TEST(CheckSarif, OneRunPerToolWithItsRules) {
  json log = json::parse(RenderCheckSarif(testing::BlockedResult()));
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"],
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  ASSERT_EQ(log["runs"].size(), 2u);
  const json& codeql = log["runs"][0];
  EXPECT_EQ(codeql["tool"]["driver"]["name"], "CodeQL");
  EXPECT_EQ(codeql["tool"]["driver"]["version"], "2.15.0");
  const json& rules = codeql["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 4u);  // log-injection, path-injection, reflective-xss, sql-injection: by id
  EXPECT_EQ(rules[0]["id"], "py/log-injection");
  const json& sql = rules[3];
  EXPECT_EQ(sql["id"], "py/sql-injection");
  EXPECT_EQ(sql["name"], "SQL query built from user-controlled sources");
  EXPECT_EQ(sql["helpUri"], "https://codeql.github.com/codeql-query-help/python/py-sql-injection/");
  EXPECT_TRUE(sql["help"]["text"].get<std::string>().ends_with("Use parameterized queries."));
  EXPECT_EQ(sql["properties"]["tags"], json({"security", "sast", "external/cwe/cwe-89"}));
  EXPECT_EQ(sql["properties"]["security-severity"], "8.0");
  EXPECT_EQ(sql["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(log["runs"][1]["tool"]["driver"]["name"], "gitleaks");
  EXPECT_EQ(log["runs"][1]["results"][0]["properties"]["security-severity"], "9.5");
}

TEST(CheckSarif, IntroducedAndFixedResults) {
  json log = json::parse(RenderCheckSarif(testing::BlockedResult()));
  const json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 4u);  // 2 introduced by CodeQL, then 2 fixed
  const json& sql = results[0];
  EXPECT_EQ(sql["ruleId"], "py/sql-injection");
  EXPECT_EQ(sql["ruleIndex"], 3);
  EXPECT_EQ(sql["level"], "error");
  EXPECT_EQ(sql["message"]["text"], "This query depends on a user-provided value.");
  EXPECT_EQ(sql["baselineState"], "new");
  const json& location = sql["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"], json({{"uri", "src/app/db.py"}, {"uriBaseId", "%SRCROOT%"}}));
  EXPECT_EQ(location["region"],
            json({{"startLine", 42}, {"startColumn", 5}, {"endLine", 42}, {"endColumn", 30}}));
  EXPECT_EQ(sql["partialFingerprints"], json({{"primaryLocationLineHash", "9a3f2c1d0b:1"}}));
  EXPECT_EQ(sql["fingerprints"]["candorIdentity/v1"], "id-py/sql-injection-src/app/db.py");
  EXPECT_EQ(sql["properties"]["candorGuardrails"], json({"no-new-high"}));
  EXPECT_EQ(sql["properties"]["candorOnChangedLine"], true);
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[1]["properties"]["security-severity"], "5.5");
  EXPECT_EQ(results[2]["baselineState"], "absent");
  EXPECT_EQ(results[2]["ruleId"], "py/reflective-xss");
  EXPECT_EQ(results[3]["level"], "note");
  EXPECT_EQ(results[3]["properties"]["security-severity"], "2.0");
}

TEST(CheckSarif, RegionsOnlyWithWhatIsKnown) {
  auto result = testing::HoldingResult();
  result.fixed.clear();
  auto& f = result.introduced[0].finding;
  f.region = {7, 0, 0, 0};
  json log = json::parse(RenderCheckSarif(result));
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"],
            json({{"startLine", 7}}));
  f.region = {};
  log = json::parse(RenderCheckSarif(result));
  EXPECT_FALSE(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"].contains("region"));
  f.path.clear();
  log = json::parse(RenderCheckSarif(result));
  EXPECT_FALSE(log["runs"][0]["results"][0].contains("locations"));
  f.path = "dir with space/ü.py";
  log = json::parse(RenderCheckSarif(result));
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dir%20with%20space/%C3%BC.py");
}

TEST(CheckSarif, EmptyResultIsOneEmptyRunPerTool) {
  check::CheckResult result;
  json log = json::parse(RenderCheckSarif(result));
  ASSERT_EQ(log["runs"].size(), 1u);
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["name"], "candor");
  EXPECT_EQ(log["runs"][0]["results"], json::array());
  // With tools known, each gets an empty run, so code scanning closes what
  // the change fixed.
  result.tools = {{"CodeQL", "2.15.0", 0}, {"CodeQL", "2.15.0", 1}, {"semgrep", "", 0}};
  log = json::parse(RenderCheckSarif(result));
  ASSERT_EQ(log["runs"].size(), 2u);
  EXPECT_EQ(log["runs"][1]["tool"]["driver"], json({{"name", "semgrep"}, {"rules", json::array()}}));
}

TEST(CheckSarif, SameResultSameBytes) {
  auto result = testing::BlockedResult();
  std::string first = RenderCheckSarif(result);
  std::reverse(result.introduced.begin(), result.introduced.end());
  std::reverse(result.fixed.begin(), result.fixed.end());
  EXPECT_EQ(RenderCheckSarif(result), first);
}

}  // namespace
}  // namespace candor::report
