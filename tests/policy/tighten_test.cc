#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/policy.h"

namespace candor::policy {
namespace {

using core::ErrorCode;
using core::Severity;

Policy Parse(std::string_view yaml, std::string_view file) {
  auto policy = ParsePolicy(yaml, file);
  EXPECT_TRUE(policy) << policy.error().ToString();
  return policy ? *policy : Policy{};
}

const char* kOrg = R"(version: 1
guardrails:
  - name: no-new-high
    when: {severity: high}
  - name: no-new-secrets
    when: {category: secrets}
sla:
  critical: 7
  high: 30
)";

TEST(TightenTest, OrgGuardrailsStayAndTeamOnesAreAdded) {
  Policy org = Parse(kOrg, "org-policy.yaml");
  Policy team = Parse("guardrails:\n  - name: team-medium\n    action: warn\n    when: {severity: medium}\n",
                      ".candor/policy.yaml");
  auto merged = Tighten(org, team);
  ASSERT_TRUE(merged) << merged.error().ToString();
  ASSERT_EQ(merged->guardrails.size(), 3u);
  EXPECT_EQ(merged->guardrails[0].name, "no-new-high");
  EXPECT_TRUE(merged->guardrails[0].from_org);
  EXPECT_TRUE(merged->guardrails[1].from_org);
  EXPECT_EQ(merged->guardrails[2].name, "team-medium");
  EXPECT_FALSE(merged->guardrails[2].from_org);
  EXPECT_EQ(merged->guardrails[2].origin, ".candor/policy.yaml:2:5");
  EXPECT_EQ(merged->origin, "org-policy.yaml + .candor/policy.yaml");
}

TEST(TightenTest, RedefiningAnOrgGuardrailIsRefused) {
  Policy org = Parse(kOrg, "org-policy.yaml");
  Policy team = Parse("version: 1\nguardrails:\n  - name: mine\n  - name: No-New-High\n    action: inform\n",
                      ".candor/policy.yaml");
  auto merged = Tighten(org, team);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(merged.error().where, ".candor/policy.yaml:4:5");
  EXPECT_EQ(merged.error().message,
            "team policy .candor/policy.yaml:4:5 redefines org guardrail 'no-new-high' "
            "(org-policy.yaml:3:5); a team "
            "may add guardrails, not change the organisation's");
}

TEST(TightenTest, ShorterSlaWinsLongerIsRefused) {
  Policy org = Parse(kOrg, "org-policy.yaml");
  auto merged = Tighten(org, Parse("sla:\n  critical: 3\n  medium: 60\n", "team.yaml"));
  ASSERT_TRUE(merged) << merged.error().ToString();
  const auto& days = merged->sla_days;
  EXPECT_EQ(days[static_cast<int>(Severity::kCritical)], 3);  // shorter than the org's 7
  EXPECT_EQ(days[static_cast<int>(Severity::kHigh)], 30);     // the org's, the team said nothing
  EXPECT_EQ(days[static_cast<int>(Severity::kMedium)], 60);   // the org has none: the team may add one
  EXPECT_EQ(days[static_cast<int>(Severity::kLow)], std::nullopt);
  EXPECT_EQ(merged->sla_origins[static_cast<int>(Severity::kCritical)], "team.yaml:2:3");
  EXPECT_EQ(merged->sla_origins[static_cast<int>(Severity::kHigh)], "org-policy.yaml:9:3");

  auto longer = Tighten(org, Parse("sla:\n  high: 45\n", "team.yaml"));
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(longer.error().where, "team.yaml:2:3");
  EXPECT_EQ(longer.error().message,
            "team policy team.yaml:2:3 sets the high SLA to 45 days, longer than the organisation's 30 days "
            "(org-policy.yaml:9:3); a team may shorten deadlines, not extend them");
  // Equal is not longer.
  EXPECT_TRUE(Tighten(org, Parse("sla:\n  high: 30\n", "team.yaml")));
}

TEST(TightenTest, DefaultPolicyAsTheFloor) {
  auto merged = Tighten(DefaultPolicy(), Parse("guardrails:\n  - name: no-new-secrets\n", "team.yaml"));
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.error().message.find("(built-in default)"), std::string::npos) << merged.error().message;
  auto fine = Tighten(DefaultPolicy(), Parse("guardrails:\n  - name: extra\n", "team.yaml"));
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->guardrails.size(), 4u);
  EXPECT_EQ(fine->origin, "team.yaml");
}

TEST(TightenTest, ExampleTeamPolicyFitsTheOrgFloor) {
  auto policy =
      LoadPolicy(std::string(CANDOR_TEST_DATA) + "/../../examples/payments-service/.candor/policy.yaml");
  ASSERT_TRUE(policy) << policy.error().ToString();
  auto org = LoadPolicy(std::string(CANDOR_TEST_DATA) + "/policy/org-policy.yaml");
  ASSERT_TRUE(org);
  auto merged = Tighten(*org, *policy);
  ASSERT_TRUE(merged) << merged.error().ToString();
  ASSERT_EQ(merged->guardrails.size(), 8u);
  EXPECT_EQ(merged->sla_days[static_cast<int>(Severity::kCritical)], 3);
  EXPECT_EQ(merged->sla_days[static_cast<int>(Severity::kHigh)], 14);
  EXPECT_EQ(merged->sla_days[static_cast<int>(Severity::kMedium)], 90);

  // The worked example of docs/policy.md: a new medium SQL injection on a
  // line the PR wrote in payment code.
  auto evaluator = Evaluator::Create(*merged);
  ASSERT_TRUE(evaluator) << evaluator.error().ToString();
  core::Finding finding;
  finding.tool = "semgrep";
  finding.category = core::Category::kSast;
  finding.severity = Severity::kMedium;
  finding.cwes = {89};
  finding.path = "payments/charge.py";
  auto tripped = evaluator->Tripped({&finding, core::BaselineState::kNew, true, true});
  ASSERT_TRUE(tripped) << tripped.error().ToString();
  std::vector<std::string> names;
  for (size_t i : *tripped) names.push_back(merged->guardrails[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"warn-new-medium", "no-new-injection", "payment-code-medium"}));

  // A new dependency finding with a fix trips the Lua guardrail; without one it does not.
  core::Finding dependency;
  dependency.tool = "trivy";
  dependency.category = core::Category::kSca;
  dependency.severity = Severity::kMedium;
  dependency.path = "package-lock.json";
  dependency.dependency = {"jquery", "3.4.1", "3.5.0", "npm"};
  tripped = evaluator->Tripped({&dependency});
  ASSERT_TRUE(tripped) << tripped.error().ToString();
  EXPECT_EQ(*tripped, (std::vector<size_t>{2, 4}));
  dependency.dependency.fixed_version.clear();
  EXPECT_EQ(*evaluator->Tripped({&dependency}), std::vector<size_t>{2});
}

}  // namespace
}  // namespace candor::policy
