#include "threatmodel/model_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace candor::threatmodel {
namespace {

constexpr std::string_view kMinimal = R"(version: 1
title: Shop
assets:
  - id: orders
    confidentiality: confidential
    integrity: critical
    availability: important
components:
  - id: web
    type: process
    internet_facing: true
    processes: [orders]
  - id: db
    type: datastore
    stores: orders
flows:
  - source: web
    target: db
    protocol: https
    sends: [orders]
boundaries:
  - id: vpc
    type: cloud
    components: [db]
)";

TEST(ModelParserTest, ReadsEveryKindOfElement) {
  auto model = ParseNativeModel(kMinimal, "m.yaml");
  ASSERT_TRUE(model) << model.error().ToString();
  EXPECT_EQ(model->title, "Shop");
  ASSERT_EQ(model->assets.size(), 1u);
  EXPECT_EQ(model->assets[0].confidentiality, Rating::k3);
  EXPECT_EQ(model->assets[0].integrity, Rating::k3);
  ASSERT_EQ(model->components.size(), 2u);
  EXPECT_TRUE(model->components[0].internet_facing);
  EXPECT_EQ(model->components[1].type, ComponentType::kDatastore);
  EXPECT_EQ(model->components[1].stores, std::vector<std::string>{"orders"});
  ASSERT_EQ(model->flows.size(), 1u);
  EXPECT_EQ(model->flows[0].id, "web->db");  // a flow without an id gets SOURCE->TARGET
  EXPECT_TRUE(model->flows[0].encrypted);    // https encrypts when the model does not say
  EXPECT_EQ(model->flows[0].where, "m.yaml:17:5");
  ASSERT_EQ(model->boundaries.size(), 1u);
  EXPECT_EQ(model->boundaries[0].type, BoundaryType::kCloud);
}

core::Error ErrorFor(std::string_view text) {
  auto model = ParseNativeModel(text, "m.yaml");
  EXPECT_FALSE(model);
  return model ? core::Error{} : model.error();
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ModelParserTest, UnknownKeyIsNamedAtItsLineWithASuggestion) {
  auto error = ErrorFor(Replace(std::string(kMinimal), "internet_facing: true", "internet_facng: true"));
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(error.where, "m.yaml:11:5");
  EXPECT_NE(error.message.find("did you mean 'internet_facing'"), std::string::npos) << error.message;
}

TEST(ModelParserTest, DanglingFlowIsRefused) {
  auto error = ErrorFor(Replace(std::string(kMinimal), "target: db", "target: dbx"));
  EXPECT_EQ(error.where, "m.yaml:17:5");
  EXPECT_EQ(error.message, "flow 'web->dbx' ends at 'dbx', which is not a component of the model");
}

TEST(ModelParserTest, UnknownDataAssetIsRefused) {
  auto error = ErrorFor(Replace(std::string(kMinimal), "stores: orders", "stores: order"));
  EXPECT_EQ(error.where, "m.yaml:13:5");
  EXPECT_NE(error.message.find("'order', which is not a data asset"), std::string::npos) << error.message;
}

TEST(ModelParserTest, DuplicateIdsAreRefusedNamingBoth) {
  auto error = ErrorFor(Replace(std::string(kMinimal), "  - id: db\n", "  - id: web\n"));
  EXPECT_EQ(error.where, "m.yaml:13:5");
  EXPECT_NE(error.message.find("duplicate id 'web'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("m.yaml:9:5"), std::string::npos) << error.message;
}

TEST(ModelParserTest, CyclesOfNestedBoundariesAreRefused) {
  std::string text = std::string(kMinimal) +
                     "  - id: a\n    boundaries: [b]\n  - id: b\n    boundaries: [c]\n  - id: c\n"
                     "    boundaries: [a]\n";
  auto error = ErrorFor(text);
  EXPECT_NE(error.message.find("nested inside itself"), std::string::npos) << error.message;
  EXPECT_EQ(error.where, "m.yaml:25:5");
}

TEST(ModelParserTest, AComponentInTwoBoundariesIsRefused) {
  auto error = ErrorFor(std::string(kMinimal) + "  - id: other\n    components: [db]\n");
  EXPECT_NE(error.message.find("component 'db' is in trust boundary 'other' and in 'vpc'"), std::string::npos)
      << error.message;
}

TEST(ModelParserTest, BadRatingsAndTypesSaySo) {
  auto error =
      ErrorFor(Replace(std::string(kMinimal), "confidentiality: confidential", "confidentiality: secret"));
  EXPECT_EQ(error.where, "m.yaml:5:22");
  EXPECT_NE(error.message.find("'secret' is not a confidentiality"), std::string::npos) << error.message;
  error = ErrorFor(Replace(std::string(kMinimal), "type: datastore", "type: datastor"));
  EXPECT_NE(error.message.find("did you mean 'datastore'"), std::string::npos) << error.message;
}

TEST(ModelParserTest, SyntaxErrorsAndEmptyFilesAreInputErrors) {
  EXPECT_EQ(ErrorFor("version: 1\ncomponents: [\n").code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorFor("").where, "m.yaml:1:1");
  EXPECT_NE(ErrorFor("title: x\n").message.find("version"), std::string::npos);
  EXPECT_NE(ErrorFor("version: 2\n").message.find("version 2 is not known"), std::string::npos);
}

TEST(ModelParserTest, DeepNestingIsALimitNotACrash) {
  std::string deep = "version: 1\ntitle: " + std::string(100000, '[') + "\n";
  auto error = ErrorFor(deep);
  EXPECT_EQ(error.code, core::ErrorCode::kLimitExceeded);
}

TEST(ModelParserTest, ThreatDecisionsNeedRuleAtElement) {
  auto model = ParseNativeModel(
      std::string(kMinimal) + "threats:\n  - id: sql-injection@web\n    status: mitigated\n", "m.yaml");
  ASSERT_TRUE(model) << model.error().ToString();
  ASSERT_EQ(model->decisions.size(), 1u);
  EXPECT_EQ(model->decisions[0].status, ThreatStatus::kMitigated);
  auto error = ErrorFor(std::string(kMinimal) + "threats:\n  - id: sql-injection\n    status: mitigated\n");
  EXPECT_NE(error.message.find("RULE@ELEMENT"), std::string::npos);
}

}  // namespace
}  // namespace candor::threatmodel
