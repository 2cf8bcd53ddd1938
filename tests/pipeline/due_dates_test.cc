// Due dates: first seen + the SLA of the finding's severity (per tier), moved
// by a fix_scheduled decision only as far as the policy allows.
#include "pipeline/due_dates.h"

#include <gtest/gtest.h>

namespace candor::pipeline {
namespace {

store::StoredFinding Open(core::Severity severity, std::string first_seen = "2026-11-01T09:30:00Z") {
  store::StoredFinding stored;
  stored.finding.severity = severity;
  stored.first_seen_at = std::move(first_seen);
  return stored;
}

std::string Due(const std::optional<DueDate>& due) {
  return due ? core::FormatDate(due->due) : "none";
}

policy::Policy Parse(std::string_view yaml) {
  auto policy = policy::ParsePolicy(yaml, "policy.yaml");
  EXPECT_TRUE(policy) << policy.error().ToString();
  return *policy;
}

TEST(DueDatesTest, DefaultsAreSevenThirtyNinetyAndOneHundredEightyDays) {
  policy::Policy defaults = policy::DefaultPolicy();
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kCritical), defaults, "", nullptr)), "2026-11-08");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh), defaults, "", nullptr)), "2026-12-01");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kMedium), defaults, "", nullptr)), "2027-01-30");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kLow), defaults, "", nullptr)), "2027-04-30");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kInfo), defaults, "", nullptr)), "none");
}

TEST(DueDatesTest, TierSlaAppliesToItsTierOnly) {
  policy::Policy policy = Parse("sla:\n  high: 20\n  tiers:\n    tier-1: {high: 10}\n");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh), policy, "tier-1", nullptr)), "2026-11-11");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh), policy, "tier-2", nullptr)), "2026-11-21");
}

TEST(DueDatesTest, OnlyOpenFindingsWithAFirstSightingHaveOne) {
  store::StoredFinding accepted = Open(core::Severity::kHigh);
  accepted.status = store::FindingStatus::kAccepted;
  EXPECT_EQ(Due(DueDateOf(accepted, policy::DefaultPolicy(), "", nullptr)), "none");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh, ""), policy::DefaultPolicy(), "", nullptr)), "none");
}

TEST(DueDatesTest, AScheduledFixMovesTheDateWithinThePolicysLimit) {
  policy::Policy policy = Parse("sla:\n  fix_scheduled_max_days: 14\n");
  core::Decision scheduled;
  scheduled.id = "RD-3";
  scheduled.kind = core::DecisionKind::kFixScheduled;
  scheduled.expires = *core::ParseIso8601("2026-12-10");
  auto within = DueDateOf(Open(core::Severity::kHigh), policy, "", &scheduled);  // SLA date 2026-12-01
  EXPECT_EQ(Due(within), "2026-12-10");
  EXPECT_EQ(within->moved_by, "RD-3");
  scheduled.expires = *core::ParseIso8601("2027-03-01");
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh), policy, "", &scheduled)),
            "2026-12-15");                           // capped: +14 days
  scheduled.kind = core::DecisionKind::kAcceptRisk;  // only a scheduled fix moves a due date
  EXPECT_EQ(Due(DueDateOf(Open(core::Severity::kHigh), policy, "", &scheduled)), "2026-12-01");
}

}  // namespace
}  // namespace candor::pipeline
