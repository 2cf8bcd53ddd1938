#include "threatmodel/catalogue.h"

#include <gtest/gtest.h>

#include <set>

#include "threatmodel/builtin_catalogue.h"

namespace candor::threatmodel {
namespace {

TEST(CatalogueTest, BuiltinCatalogueCoversEveryStrideCategoryWithAtLeastFortyRules) {
  auto catalogue = BuiltinCatalogue();
  ASSERT_TRUE(catalogue) << catalogue.error().ToString();
  EXPECT_GE(catalogue->rules.size(), 40u);
  std::set<Stride> categories;
  for (const Rule& rule : catalogue->rules) {
    categories.insert(rule.stride);
    EXPECT_FALSE(rule.cwes.empty()) << rule.id;
    EXPECT_FALSE(rule.when.empty()) << rule.id;
    ASSERT_NE(catalogue->FindRequirement(rule.requirement), nullptr) << rule.id;
  }
  EXPECT_EQ(categories.size(), 6u);
}

TEST(CatalogueTest, EveryRequirementIsUsedAndTestable) {
  auto catalogue = BuiltinCatalogue();
  ASSERT_TRUE(catalogue);
  for (const Requirement& requirement : catalogue->requirements) {
    bool used = false;
    for (const Rule& rule : catalogue->rules) used = used || rule.requirement == requirement.id;
    EXPECT_TRUE(used) << requirement.id;
    EXPECT_GT(requirement.text.size(), 40u) << requirement.id;
  }
}

core::Error ErrorFor(std::string_view text) {
  auto catalogue = ParseCatalogue(text, "rules.yaml");
  EXPECT_FALSE(catalogue);
  return catalogue ? core::Error{} : catalogue.error();
}

TEST(CatalogueTest, UnknownFactsAndMisplacedFactsAreRefused) {
  auto error = ErrorFor("version: 1\nrules:\n  - id: r\n    title: t\n    when: {internet_facin: true}\n");
  EXPECT_EQ(error.where, "rules.yaml:5:12");
  EXPECT_NE(error.message.find("did you mean 'internet_facing'"), std::string::npos) << error.message;
  error = ErrorFor(
      "version: 1\nrules:\n  - id: r\n    title: t\n    applies_to: flow\n    when: {internet_facing: "
      "true}\n");
  EXPECT_NE(error.message.find("does not apply to a flow"), std::string::npos) << error.message;
}

TEST(CatalogueTest, LuaConditionsAreCompiledWhenRead) {
  auto error = ErrorFor("version: 1\nrules:\n  - id: r\n    title: t\n    when: {lua: 'element.id =='}\n");
  EXPECT_EQ(error.where, "rules.yaml:5:17");
  EXPECT_NE(error.message.find("Lua condition"), std::string::npos) << error.message;
}

TEST(CatalogueTest, CustomRulesMayNameBuiltinRequirementsButNotRedefineRules) {
  auto catalogue = BuiltinCatalogue();
  ASSERT_TRUE(catalogue);
  auto custom = ParseCatalogue(
      "version: 1\nrules:\n  - id: ftp-anywhere\n    title: FTP in use\n    stride: information-disclosure\n"
      "    cwe: 319\n    applies_to: flow\n    when: {protocol: ftp}\n    requirement: SR-3\n",
      "team.yaml");
  ASSERT_TRUE(custom) << custom.error().ToString();
  ASSERT_TRUE(MergeCatalogue(*catalogue, *custom));
  auto again = MergeCatalogue(*catalogue, *custom);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("defined twice"), std::string::npos);
  auto unknown = ParseCatalogue(
      "version: 1\nrules:\n  - id: x\n    title: t\n    when: {protocol: ftp}\n"
      "    applies_to: flow\n    requirement: SR-999\n",
      "team.yaml");
  ASSERT_TRUE(unknown);
  Catalogue empty;
  EXPECT_FALSE(MergeCatalogue(empty, *unknown));
}

}  // namespace
}  // namespace candor::threatmodel
