// The policy's risk appetite and deadlines: what decisions/ and
// `candor findings --overdue` read from policy.yaml.
#include <gtest/gtest.h>

#include <string>

#include "policy/policy.h"

namespace candor::policy {
namespace {

using core::Severity;

const char* kOrg = R"(version: 1
sla:
  critical: 7
  high: 30
  tiers:
    tier-1: {critical: 3, high: 14}
  fix_scheduled_max_days: 21
risk_appetite:
  escalation: [team, champion, security_partner, ciso]
  rules:
    - {role: team, up_to: medium}
    - {role: champion, up_to: high, tiers: [tier-2, tier-3]}
    - {role: security_partner, up_to: critical, tiers: tier-2}
    - {role: ciso, up_to: critical}
)";

Policy Parse(std::string_view yaml, std::string_view file = "org.yaml") {
  auto policy = ParsePolicy(yaml, file);
  EXPECT_TRUE(policy) << policy.error().ToString();
  return policy ? *policy : Policy{};
}

TEST(RiskAppetitePolicyTest, ReadsEscalationRulesAndTierDeadlines) {
  Policy policy = Parse(kOrg);
  ASSERT_TRUE(policy.risk_appetite);
  EXPECT_EQ(policy.risk_appetite->roles.size(), 4u);
  ASSERT_EQ(policy.risk_appetite->rules.size(), 4u);
  EXPECT_EQ(policy.risk_appetite->rules[1].tiers, (std::vector<std::string>{"tier-2", "tier-3"}));
  EXPECT_EQ(policy.risk_appetite->rules[2].tiers, (std::vector<std::string>{"tier-2"}));
  EXPECT_EQ(policy.risk_appetite->rules[0].origin, "org.yaml:11:7");

  EXPECT_EQ(SlaFor(policy, Severity::kCritical, "tier-1"), 3);
  EXPECT_EQ(SlaFor(policy, Severity::kCritical, "tier-2"), 7);
  EXPECT_EQ(SlaFor(policy, Severity::kMedium, "tier-1"), 90);  // the built-in default fills the gaps
  EXPECT_EQ(SlaFor(policy, Severity::kLow, ""), 180);
  EXPECT_EQ(SlaFor(policy, Severity::kInfo, ""), std::nullopt);
  EXPECT_EQ(policy.fix_scheduled_max_days, 21);

  // A critical in tier-1 escalates past the partner (tier-2 only) to the CISO.
  auto refused = decisions::CheckAuthority(RiskAppetiteOf(policy), "security_partner", Severity::kCritical,
                                           {"tier-1", ""});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("needs ciso"), std::string::npos) << refused.error().message;
}

TEST(RiskAppetitePolicyTest, DefaultsWithoutAPolicy) {
  Policy policy = DefaultPolicy();
  EXPECT_EQ(SlaFor(policy, Severity::kCritical, ""), 7);
  EXPECT_EQ(SlaFor(policy, Severity::kHigh, ""), 30);
  EXPECT_EQ(RiskAppetiteOf(policy).roles, (std::vector<std::string>{"team", "champion", "security_partner"}));
}

TEST(RiskAppetitePolicyTest, BadRiskAppetiteIsRefusedWithItsPosition) {
  auto unknown_role = ParsePolicy(
      "risk_appetite:\n  escalation: [team]\n  rules:\n    - {role: boss, up_to: high}\n", "p.yaml");
  ASSERT_FALSE(unknown_role);
  EXPECT_EQ(unknown_role.error().where, "p.yaml:4:14");
  EXPECT_NE(unknown_role.error().message.find("not in 'escalation'"), std::string::npos);
  auto no_up_to =
      ParsePolicy("risk_appetite:\n  escalation: [team]\n  rules:\n    - {role: team}\n", "p.yaml");
  ASSERT_FALSE(no_up_to);
  EXPECT_NE(no_up_to.error().message.find("needs 'role' and 'up_to'"), std::string::npos);
  auto bad_days = ParsePolicy("sla:\n  tiers:\n    tier-1: {critical: -1}\n", "p.yaml");
  ASSERT_FALSE(bad_days);
  EXPECT_EQ(bad_days.error().where, "p.yaml:3:24");
}

TEST(RiskAppetitePolicyTest, ATeamMayShortenTierDeadlinesButNotSetTheRiskAppetite) {
  Policy org = Parse(kOrg);
  auto tighter = Tighten(org, Parse("sla:\n  tiers:\n    tier-1: {critical: 2}\n", "team.yaml"));
  ASSERT_TRUE(tighter) << tighter.error().ToString();
  EXPECT_EQ(SlaFor(*tighter, Severity::kCritical, "tier-1"), 2);
  EXPECT_EQ(SlaFor(*tighter, Severity::kHigh, "tier-1"), 14);
  ASSERT_TRUE(tighter->risk_appetite);

  auto longer = Tighten(org, Parse("sla:\n  tiers:\n    tier-1: {high: 20}\n", "team.yaml"));
  ASSERT_FALSE(longer);
  EXPECT_NE(longer.error().message.find("longer than the organisation's 14 days"), std::string::npos);

  auto own_appetite = Tighten(
      org,
      Parse("risk_appetite:\n  escalation: [team]\n  rules: [{role: team, up_to: critical}]\n", "team.yaml"));
  ASSERT_FALSE(own_appetite);
  EXPECT_NE(own_appetite.error().message.find("the organisation's to set"), std::string::npos);

  auto slower_fix = Tighten(org, Parse("sla:\n  fix_scheduled_max_days: 60\n", "team.yaml"));
  ASSERT_FALSE(slower_fix);
}

}  // namespace
}  // namespace candor::policy
