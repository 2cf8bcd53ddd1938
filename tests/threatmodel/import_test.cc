// The importers on real models (tests/data/threatmodels/, copied from
// ../shared/data/threatmodels; sources in tests/data/SOURCES.md).

#include "threatmodel/import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/evaluate.h"

namespace candor::threatmodel {
namespace {

const std::string kData = std::string(CANDOR_TEST_DATA) + "/threatmodels/";

Model Load(const std::string& relative) {
  auto model = LoadModel(kData + relative);
  EXPECT_TRUE(model) << model.error().ToString();
  return model ? *model : Model{};
}

Assessment Assess(const Model& model) {
  auto catalogue = BuiltinCatalogue();
  EXPECT_TRUE(catalogue);
  auto assessment = Evaluate(model, *catalogue);
  EXPECT_TRUE(assessment) << assessment.error().ToString();
  return *assessment;
}

bool Has(const Assessment& a, std::string_view id) {
  return std::any_of(a.threats.begin(), a.threats.end(), [&](const Threat& t) { return t.id == id; });
}

const Component* FindComponent(const Model& m, std::string_view id) {
  for (const auto& c : m.components)
    if (c.id == id) return &c;
  return nullptr;
}

TEST(ThreagileImportTest, ExampleModelMapsAssetsLinksAndNestedBoundaries) {
  Model m = Load("threagile/example/threagile.yaml");
  EXPECT_EQ(m.format, "threagile");
  EXPECT_EQ(m.title, "Some Example Application");
  EXPECT_EQ(m.assets.size(), 12u);
  EXPECT_EQ(m.components.size(), 14u);
  EXPECT_EQ(m.flows.size(), 20u);
  EXPECT_EQ(m.boundaries.size(), 5u);
  // `<<: *customer-contracts` inherits confidentiality and integrity; the asset overrides availability.
  auto data = std::find_if(m.assets.begin(), m.assets.end(),
                           [](auto& a) { return a.id == "customer-operational-data"; });
  ASSERT_NE(data, m.assets.end());
  EXPECT_EQ(data->confidentiality, Rating::k3);  // confidential, from the anchor
  EXPECT_EQ(data->integrity, Rating::k3);        // critical, from the anchor
  EXPECT_EQ(data->availability, Rating::k3);     // critical, its own (the anchor says operational)
  const Component* client = FindComponent(m, "customer-client");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->type, ComponentType::kExternalEntity);
  EXPECT_TRUE(client->internet_facing);
  EXPECT_TRUE(client->out_of_scope);
  const Component* git = FindComponent(m, "git-repo");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->technology, "source-repository");
  auto app_network = std::find_if(m.boundaries.begin(), m.boundaries.end(),
                                  [](auto& b) { return b.id == "application-network"; });
  ASSERT_NE(app_network, m.boundaries.end());
  EXPECT_EQ(app_network->type, BoundaryType::kCloud);
  EXPECT_EQ(app_network->boundaries, (std::vector<std::string>{"web-dmz", "erp-dmz", "auth-env"}));
}

// What a reviewer expects of Threagile's example: injection into the CMS and
// the ERP's XML, plaintext credentials and data on the wire, the build
// pipeline and repository as supply-chain targets, no vault for secrets.
// The counts per STRIDE category are recorded so a change to the catalogue
// that moves them is seen and reviewed.
TEST(ThreagileImportTest, ExampleModelProducesTheThreatsAReviewerExpects) {
  Assessment a = Assess(Load("threagile/example/threagile.yaml"));
  std::map<Stride, int> by_stride;
  for (const Threat& t : a.threats) ++by_stride[t.stride];
  EXPECT_EQ(a.threats.size(), 66u);
  EXPECT_EQ(by_stride[Stride::kSpoofing], 9);
  EXPECT_EQ(by_stride[Stride::kTampering], 12);
  EXPECT_EQ(by_stride[Stride::kRepudiation], 15);
  EXPECT_EQ(by_stride[Stride::kInformationDisclosure], 13);
  EXPECT_EQ(by_stride[Stride::kDenialOfService], 3);
  EXPECT_EQ(by_stride[Stride::kElevationOfPrivilege], 14);
  for (std::string_view id :
       {"cross-site-scripting@marketing-cms", "ldap-injection@marketing-cms",
        "xml-external-entities@erp-system", "untrusted-deserialization@erp-system",
        "unrestricted-file-upload@apache-webserver", "missing-secret-storage@apache-webserver",
        "build-pipeline-integrity@jenkins-build-server", "source-repository-tampering@git-repo",
        "unencrypted-communication@erp-system/database-traffic",
        "credentials-over-plaintext@marketing-cms/auth-traffic",
        "missing-encryption-at-rest@contract-file-server"}) {
    EXPECT_TRUE(Has(a, id)) << id;
  }
  // Out-of-scope clients raise nothing themselves.
  for (const Threat& t : a.threats) EXPECT_NE(t.element_id, "customer-client") << t.id;
}

TEST(ThreagileImportTest, SplitModelFollowsNestedIncludes) {
  Model m = Load("threagile/split-model/main.yaml");
  EXPECT_EQ(m.format, "threagile");
  EXPECT_EQ(m.components.size(), 14u);
  EXPECT_EQ(m.assets.size(), 12u);
  EXPECT_EQ(m.boundaries.size(), 5u);
  const Component* cms = FindComponent(m, "marketing-cms");
  ASSERT_NE(cms, nullptr);
  // Errors in an included file name that file.
  auto error = ImportThreagile("includes: [../outside.yaml]\n", "m.yaml", nullptr);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().where, "m.yaml:1:12");
}

TEST(ThreagileImportTest, BadValuesAreNamedAtTheirLine) {
  auto model =
      ImportThreagile("data_assets:\n  A:\n    id: a\n    confidentiality: top-secret\n", "t.yaml", nullptr);
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().where, "t.yaml:4:22");
  auto dangling = ImportThreagile(
      "technical_assets:\n  A:\n    id: a\n    type: process\n    communication_links:\n      L:\n        "
      "target: b\n",
      "t.yaml", nullptr);
  ASSERT_FALSE(dangling);
  EXPECT_EQ(dangling.error().where, "t.yaml:7:9");
  EXPECT_NE(dangling.error().message.find("'b', which is not a component"), std::string::npos);
}

TEST(OtmImportTest, ExampleModelMapsZonesRatingsAndFlows) {
  Model m = Load("threat-dragon/example-open-threat-model.json");
  EXPECT_EQ(m.format, "otm");
  EXPECT_EQ(m.title, "Test project");
  ASSERT_EQ(m.assets.size(), 2u);
  EXPECT_EQ(m.assets[0].confidentiality, Rating::k4);  // 100 of 100
  EXPECT_EQ(m.components.size(), 4u);
  EXPECT_EQ(m.flows.size(), 2u);
  const Component* client = FindComponent(m, "web-client");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->type, ComponentType::kExternalEntity);
  EXPECT_TRUE(client->internet_facing);  // in the "internet" trust zone
  Assessment a = Assess(m);
  EXPECT_TRUE(Has(a, "missing-authentication@web-service"));
  EXPECT_TRUE(Has(a, "unencrypted-communication@cc-store-in-db"));
}

TEST(OtmImportTest, YamlFormIsReadToo) {
  auto model = ImportOtm(
      "otmVersion: 0.2.0\nproject: {name: P, id: p}\ntrustZones:\n  - {id: net, name: Internet, type: "
      "internet}\n"
      "components:\n  - {id: app, name: App, type: web-service, parent: {trustZone: net}}\n",
      "otm.yaml");
  ASSERT_TRUE(model) << model.error().ToString();
  ASSERT_EQ(model->components.size(), 1u);
  EXPECT_TRUE(model->components[0].internet_facing);
  auto bad = ImportOtm("{\"otmVersion\": \"0.2.0\", \"components\": [{\"id\": 7}]}", "otm.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "otm.json: at $.components[0].id");
}

TEST(ThreatDragonImportTest, V2ModelMapsShapesFlowsAndBoxes) {
  Model m = Load("threat-dragon/v2-threat-model.json");
  EXPECT_EQ(m.format, "threat-dragon");
  EXPECT_EQ(m.components.size(), 7u);
  EXPECT_EQ(m.flows.size(), 10u);
  const Component* browser = FindComponent(m, "browser");
  ASSERT_NE(browser, nullptr);
  EXPECT_EQ(browser->type, ComponentType::kExternalEntity);
  const Component* web = FindComponent(m, "web-application");
  ASSERT_NE(web, nullptr);
  EXPECT_TRUE(web->internet_facing);  // "Web Request" runs over a public network
  Assessment a = Assess(m);
  EXPECT_TRUE(Has(a, "missing-authentication@web-application"));
}

TEST(ThreatDragonImportTest, EveryDemoModelImportsAndValidates) {
  std::map<std::string, size_t> components = {{"cryptocurrency-wallet.json", 15},
                                              {"generic-cms.json", 5},
                                              {"online-game.json", 12},
                                              {"renting-car.json", 15},
                                              {"three-tier-web-app.json", 3}};
  for (const auto& [file, count] : components) {
    Model m = Load("threat-dragon/demo/" + file);
    EXPECT_EQ(m.components.size(), count) << file;
    EXPECT_FALSE(Assess(m).threats.empty()) << file;
  }
  Model three_tier = Load("threat-dragon/demo/three-tier-web-app.json");
  EXPECT_EQ(three_tier.boundaries.size(), 2u);
}

TEST(ThreatDragonImportTest, OtherJsonIsRefusedWithAReason) {
  auto tmbom = LoadModel(kData + "threat-dragon/demo/huskyai.tmbom.json");
  ASSERT_FALSE(tmbom);
  EXPECT_NE(tmbom.error().message.find("not a Threat Dragon v2 model"), std::string::npos);
  // A v1 model (with a misspelled "summarize"): refused as v1, not read as an empty model.
  auto malformed = LoadModel(kData + "threat-dragon/malformed-new-model.json");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, core::ErrorCode::kUnsupported);
  EXPECT_NE(malformed.error().message.find("Threat Dragon v1 model (1.6.1)"), std::string::npos);
  auto v1 =
      ImportThreatDragon(R"({"summary": {}, "detail": {"diagrams": [{"diagramJson": {}}]}})", "v1.json");
  ASSERT_FALSE(v1);
  EXPECT_EQ(v1.error().code, core::ErrorCode::kUnsupported);
  auto broken = ImportThreatDragon("{\"detail\": [1,", "td.json");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(broken.error().where.rfind("td.json: byte ", 0), 0u) << broken.error().where;
  auto deep = ImportThreatDragon(std::string(10000, '['), "td.json");
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, core::ErrorCode::kLimitExceeded);
}

TEST(DetectModelFormatTest, RecognisesEachFormatFromItsKeys) {
  EXPECT_EQ(DetectModelFormat("version: 1\ncomponents: []\n"), "candor");
  EXPECT_EQ(DetectModelFormat("threagile_version: 1.0.0\n"), "threagile");
  EXPECT_EQ(DetectModelFormat("otmVersion: 0.2.0\n"), "otm");
  EXPECT_EQ(DetectModelFormat("{\"otmVersion\": \"0.2.0\"}"), "otm");
  EXPECT_EQ(DetectModelFormat("{\"summary\": {}, \"detail\": {}}"), "threat-dragon");
}

}  // namespace
}  // namespace candor::threatmodel
