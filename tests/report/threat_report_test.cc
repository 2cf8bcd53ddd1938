// The threat report's renderers on the payments example and the Threagile
// example: SARIF valid against the 2.1.0 schema, decisions as suppressions,
// requirements with the open findings of their CWEs, model text escaped.

#include "report/threat_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"

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

std::string SchemaErrors(const std::string& sarif) {
  json document = json::parse(sarif);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  if (validator.validate(SarifSchema(), adapter, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors += error.description + "\n";
  return errors;
}

threatmodel::Assessment AssessFile(const std::string& path) {
  auto model = threatmodel::LoadModel(path);
  EXPECT_TRUE(model) << model.error().ToString();
  auto catalogue = threatmodel::BuiltinCatalogue();
  return *threatmodel::Evaluate(*model, *catalogue);
}

const std::string kPayments =
    std::string(CANDOR_TEST_DATA) + "/../../examples/payments-service/.candor/threatmodel.yaml";
const std::string kThreagile =
    std::string(CANDOR_TEST_DATA) + "/threatmodels/threagile/example/threagile.yaml";

TEST(ThreatSarifTest, ValidAgainstTheSchemaWithLocationsAndSuppressions) {
  for (const std::string& path : {kPayments, kThreagile}) {
    auto a = AssessFile(path);
    std::string sarif = RenderThreatSarif(a);
    EXPECT_EQ(SchemaErrors(sarif), "") << path;
    json log = json::parse(sarif);
    const json& results = log["runs"][0]["results"];
    ASSERT_EQ(results.size(), a.threats.size());
    EXPECT_EQ(log["runs"][0]["tool"]["driver"]["name"], "candor-threatmodel");
  }
  json log = json::parse(RenderThreatSarif(AssessFile(kPayments)));
  bool suppressed = false;
  for (const json& r : log["runs"][0]["results"]) {
    EXPECT_GT(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 0);
    if (r["partialFingerprints"]["candorThreatId/v1"] == "sensitive-data-to-third-party@authorize-card") {
      suppressed = r.contains("suppressions");
    } else {
      EXPECT_FALSE(r.contains("suppressions")) << r["ruleId"];
    }
  }
  EXPECT_TRUE(suppressed);
}

TEST(ThreatSarifTest, JsonModelsAreLocatedAtTheFileWithoutARegion) {
  auto a = AssessFile(std::string(CANDOR_TEST_DATA) + "/threatmodels/threat-dragon/v2-threat-model.json");
  std::string sarif = RenderThreatSarif(a);
  EXPECT_EQ(SchemaErrors(sarif), "");
  json log = json::parse(sarif);
  ASSERT_FALSE(log["runs"][0]["results"].empty());
  for (const json& r : log["runs"][0]["results"]) {
    const json& physical = r["locations"][0]["physicalLocation"];
    EXPECT_TRUE(physical["artifactLocation"]["uri"].get<std::string>().ends_with("v2-threat-model.json"));
    EXPECT_FALSE(physical.contains("region"));
  }
}

TEST(ThreatMarkdownTest, RequirementsShowContradictingOpenFindings) {
  auto a = AssessFile(kPayments);
  FindingEvidence evidence;
  evidence.available = true;
  evidence.open_by_cwe = {{89, 3}, {79, 5}};
  std::string md = RenderThreatMarkdown(a, evidence);
  EXPECT_NE(md.find("| SR-5 | **Keep untrusted input out of interpreters**"), std::string::npos) << md;
  EXPECT_NE(md.find("contradicted by 3 open findings |"), std::string::npos) << md;
  EXPECT_EQ(md.find("contradicted by 5"), std::string::npos);  // no requirement of the model has CWE-79
  std::string without = RenderThreatMarkdown(a, FindingEvidence{});
  EXPECT_EQ(without.find("Open findings"), std::string::npos);
}

TEST(ThreatHtmlTest, ModelTextIsEscaped) {
  auto model = threatmodel::ParseNativeModel(
      "version: 1\ntitle: '<script>alert(1)</script>'\ncomponents:\n"
      "  - {id: web, name: '<img src=x>', type: process, internet_facing: true}\n",
      "m.yaml");
  ASSERT_TRUE(model);
  auto a = threatmodel::Evaluate(*model, *threatmodel::BuiltinCatalogue());
  ASSERT_TRUE(a);
  std::string html = RenderThreatHtml(*a, FindingEvidence{});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x&gt;"), std::string::npos);
  std::string md = RenderThreatMarkdown(*a, FindingEvidence{});
  EXPECT_EQ(md.find("<img"), std::string::npos);
}

TEST(ThreatJsonTest, EveryThreatCarriesItsFactsAndStatus) {
  auto a = AssessFile(kPayments);
  json doc = json::parse(RenderThreatJson(a, FindingEvidence{}));
  ASSERT_EQ(doc["threats"].size(), a.threats.size());
  for (const json& t : doc["threats"]) {
    EXPECT_FALSE(t["because"].empty()) << t["id"];
    EXPECT_EQ(t["id"], t["rule"].get<std::string>() + "@" + t["element"]["id"].get<std::string>());
  }
}

}  // namespace
}  // namespace candor::report
