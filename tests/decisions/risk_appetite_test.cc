#include "decisions/risk_appetite.h"

#include <gtest/gtest.h>

namespace candor::decisions {
namespace {

using core::Severity;

TEST(RiskAppetiteTest, DefaultLetsEachRoleDecideUpToItsLevel) {
  RiskAppetite appetite = DefaultRiskAppetite();
  EXPECT_TRUE(CheckAuthority(appetite, "team", Severity::kMedium, {}));
  EXPECT_FALSE(CheckAuthority(appetite, "team", Severity::kHigh, {}));
  EXPECT_TRUE(CheckAuthority(appetite, "champion", Severity::kHigh, {}));
  EXPECT_TRUE(CheckAuthority(appetite, "champion", Severity::kLow, {}));  // more authority includes less
  EXPECT_FALSE(CheckAuthority(appetite, "champion", Severity::kCritical, {}));
  EXPECT_TRUE(CheckAuthority(appetite, "security_partner", Severity::kCritical, {}));
}

TEST(RiskAppetiteTest, RefusalNamesTheLimitAndTheEscalationPath) {
  auto refused = CheckAuthority(DefaultRiskAppetite(), "team", Severity::kCritical, {"tier-1", "restricted"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(
      refused.error().message,
      "team may decide up to medium in tier-1, restricted data; a critical finding needs security_partner "
      "(escalation: team -> champion -> security_partner)");
  auto unknown = CheckAuthority(DefaultRiskAppetite(), "ciso", Severity::kLow, {});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("roles: team, champion, security_partner"), std::string::npos);
}

TEST(RiskAppetiteTest, TierAndDataClassNarrowARule) {
  RiskAppetite appetite;
  appetite.roles = {"team", "champion", "security_partner"};
  appetite.rules = {{"team", Severity::kMedium, {}, {}, ""},
                    {"team", Severity::kLow, {"tier-1"}, {}, ""},
                    {"champion", Severity::kHigh, {"tier-2", "tier-3"}, {}, ""},
                    {"security_partner", Severity::kCritical, {}, {}, ""}};
  EXPECT_TRUE(CheckAuthority(appetite, "champion", Severity::kHigh, {"tier-2", ""}));
  // In tier-1 the champion's rule does not apply; only the team's (inherited) medium does.
  auto refused = CheckAuthority(appetite, "champion", Severity::kHigh, {"tier-1", ""});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("a high finding needs security_partner"), std::string::npos)
      << refused.error().message;
}

TEST(RiskAppetiteTest, NobodyMayIsSaidPlainly) {
  RiskAppetite appetite;
  appetite.roles = {"team"};
  appetite.rules = {{"team", Severity::kLow, {}, {}, ""}};
  auto refused = CheckAuthority(appetite, "team", Severity::kHigh, {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("no role of the risk appetite may decide about a high finding"),
            std::string::npos);
}

}  // namespace
}  // namespace candor::decisions
