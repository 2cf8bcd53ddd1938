// The stable JSON of `candor check --format json` (docs/check-output.md).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

using nlohmann::json;

TEST(CheckJson, TopLevelKeysInOrder) {
  json out = json::parse(RenderCheckJson(testing::BlockedResult()));
  std::vector<std::string> keys;
  auto ordered = nlohmann::ordered_json::parse(RenderCheckJson(testing::BlockedResult()));
  for (const auto& [key, value] : ordered.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"version", "verdict", "counts", "diff_given", "guardrails",
                                            "introduced", "fixed", "tools", "warnings", "decision_notes"}));
  EXPECT_EQ(out["version"], 1);
  EXPECT_EQ(out["verdict"], "blocks");
  EXPECT_EQ(out["counts"], json({{"introduced", 3},
                                 {"fixed", 2},
                                 {"unchanged", 12},
                                 {"blocking", 2},
                                 {"warning", 1},
                                 {"informing", 0},
                                 {"suppressed", 0}}));
  EXPECT_EQ(out["diff_given"], true);
  EXPECT_EQ(out["tools"][1], json({{"tool", "gitleaks"}, {"version", "8.18.0"}, {"run_index", 0}}));
  EXPECT_EQ(out["warnings"].size(), 1u);
}

TEST(CheckJson, Guardrails) {
  json out = json::parse(RenderCheckJson(testing::BlockedResult()));
  ASSERT_EQ(out["guardrails"].size(), 3u);
  EXPECT_EQ(out["guardrails"][0],
            json({{"name", "no-new-high"},
                  {"description", "New findings of severity high or critical block the change"},
                  {"action", "block"},
                  {"tripped", 2},
                  {"status", "blocks"},
                  {"origin", "built-in default"},
                  {"from_org", false}}));
  EXPECT_EQ(out["guardrails"][2]["status"], "holds");
}

TEST(CheckJson, FindingsWithTheirState) {
  json out = json::parse(RenderCheckJson(testing::BlockedResult()));
  ASSERT_EQ(out["introduced"].size(), 3u);
  const json& secret = out["introduced"][0];  // critical first
  EXPECT_EQ(secret["rule_id"], "aws-access-token");
  EXPECT_EQ(secret["category"], "secrets");
  EXPECT_EQ(secret["severity"], "critical");
  EXPECT_EQ(secret["cwe"], json({798}));
  EXPECT_EQ(secret["path"], "config/settings.py");
  EXPECT_EQ(secret["start_line"], 7);
  EXPECT_EQ(secret["fingerprints"], json({{"gitleaks/v1", "config/settings.py:aws-access-token:7"}}));
  EXPECT_EQ(secret["state"], "new");
  EXPECT_EQ(secret["on_changed_line"], true);
  EXPECT_EQ(secret["guardrails"], json({"no-new-high", "no-new-secrets"}));
  EXPECT_EQ(secret["action"], "block");
  EXPECT_FALSE(secret.contains("dependency"));
  EXPECT_EQ(out["introduced"][2]["on_changed_line"], false);
  ASSERT_EQ(out["fixed"].size(), 2u);
  EXPECT_EQ(out["fixed"][0]["state"], "absent");
  EXPECT_EQ(out["fixed"][0]["severity"], "high");
}

TEST(CheckJson, OnChangedLineIsNullWithoutADiff) {
  auto result = testing::BlockedResult();
  result.diff_given = false;
  json out = json::parse(RenderCheckJson(result));
  EXPECT_TRUE(out["introduced"][0]["on_changed_line"].is_null());
}

TEST(CheckJson, DependencyFindings) {
  auto result = testing::HoldingResult();
  result.introduced[0].finding.dependency = {"lodash", "4.17.15", "4.17.21", "npm"};
  json out = json::parse(RenderCheckJson(result));
  EXPECT_EQ(out["introduced"][0]["dependency"], json({{"package", "lodash"},
                                                      {"installed_version", "4.17.15"},
                                                      {"fixed_version", "4.17.21"},
                                                      {"ecosystem", "npm"}}));
}

TEST(CheckJson, EmptyHoldsAndHostileParses) {
  json out = json::parse(RenderCheckJson(testing::EmptyResult()));
  EXPECT_EQ(out["verdict"], "holds");
  EXPECT_EQ(out["introduced"], json::array());
  // Invalid UTF-8 becomes U+FFFD instead of failing; the rest round-trips.
  out = json::parse(RenderCheckJson(testing::HostileResult()));
  EXPECT_EQ(out["introduced"][0]["guardrails"].size(), 1u);  // the out-of-range index is ignored
  EXPECT_NE(out["introduced"][0]["message"].get<std::string>().find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace candor::report
