#include "threatmodel/threat_decisions.h"

#include <gtest/gtest.h>

#include <chrono>

#include "decisions/decision_log.h"
#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/threat_diff.h"

namespace candor::threatmodel {
namespace {

using std::chrono::hours;

const core::TimePoint kNow = *core::ParseIso8601("2026-11-22T10:00:00Z");

// Unauthenticated web service over PII: missing-authentication@api is critical.
constexpr std::string_view kModel = R"(version: 1
assets:
  - {id: pii, confidentiality: strictly-confidential, integrity: important, availability: operational}
components:
  - {id: user, type: external-entity}
  - {id: api, type: process, technology: web-service, processes: [pii]}
  - {id: db, type: datastore, technology: database, stores: [pii]}
flows:
  - {id: call, source: user, target: api, protocol: http, authentication: token, sends: [pii]}
  - {id: query, source: api, target: db, protocol: sql, encrypted: true, authentication: credentials}
)";

Assessment Assess(std::string_view yaml = kModel) {
  auto model = ParseNativeModel(yaml, "m.yaml");
  EXPECT_TRUE(model) << model.error().ToString();
  auto catalogue = BuiltinCatalogue();
  EXPECT_TRUE(catalogue);
  auto assessment = Evaluate(*model, *catalogue);
  EXPECT_TRUE(assessment) << assessment.error().ToString();
  return *assessment;
}

const Threat& Find(const Assessment& a, std::string_view id) {
  for (const Threat& t : a.threats)
    if (t.id == id) return t;
  ADD_FAILURE() << "no threat " << id;
  static const Threat kNone;
  return kNone;
}

core::Decision ThreatDecision(std::string id, std::string threat, core::DecisionKind kind, std::string role) {
  core::Decision d;
  d.id = std::move(id);
  d.scope.threat = std::move(threat);
  d.kind = kind;
  d.rationale = "WAF rule 42 blocks it";
  d.team = "payments";
  d.approver = "@sam";
  d.approver_role = std::move(role);
  d.created = kNow - hours(24 * 10);
  d.expires = kNow + hours(24 * 30);
  return d;
}

void Apply(Assessment& a, const std::vector<core::Decision>& decisions) {
  ApplyDecisions(a, decisions, decisions::DefaultRiskAppetite(), kNow);
}

TEST(ThreatDecisionsTest, KindsMapToStatuses) {
  EXPECT_EQ(StatusOf(core::DecisionKind::kAcceptRisk), ThreatStatus::kAccepted);
  EXPECT_EQ(StatusOf(core::DecisionKind::kMitigatedByControl), ThreatStatus::kMitigated);
  EXPECT_EQ(StatusOf(core::DecisionKind::kFalsePositive), ThreatStatus::kFalsePositive);
  EXPECT_EQ(StatusOf(core::DecisionKind::kFixScheduled), ThreatStatus::kFixScheduled);
}

TEST(ThreatDecisionsTest, AHoldingDecisionWithinAuthoritySetsTheStatus) {
  Assessment a = Assess();
  ASSERT_EQ(Find(a, "missing-authentication@api").severity, core::Severity::kCritical);
  Apply(a, {ThreatDecision("RD-1", "missing-authentication@api", core::DecisionKind::kMitigatedByControl,
                           "security_partner")});
  const Threat& t = Find(a, "missing-authentication@api");
  EXPECT_EQ(t.status, ThreatStatus::kMitigated);
  EXPECT_EQ(t.decision_id, "RD-1");
  EXPECT_EQ(t.note, "WAF rule 42 blocks it");
  EXPECT_EQ(t.decision_problem, "");
  // Other threats are untouched.
  EXPECT_EQ(Find(a, "sql-injection@api").status, ThreatStatus::kOpen);
}

TEST(ThreatDecisionsTest, AnExpiredDecisionLeavesTheThreatOpenAndSaysSo) {
  Assessment a = Assess();
  core::Decision d = ThreatDecision("RD-2", "missing-authentication@api", core::DecisionKind::kAcceptRisk,
                                    "security_partner");
  d.expires = kNow - hours(24 * 3);
  Apply(a, {d});
  const Threat& t = Find(a, "missing-authentication@api");
  EXPECT_EQ(t.status, ThreatStatus::kOpen);
  EXPECT_EQ(t.decision_id, "");
  EXPECT_EQ(t.decision_problem, "decision RD-2 expired 3 days ago");
}

TEST(ThreatDecisionsTest, ADecisionBeyondAuthorityLeavesTheThreatOpenWithTheEscalationPath) {
  Assessment a = Assess();
  Apply(a, {ThreatDecision("RD-3", "missing-authentication@api", core::DecisionKind::kAcceptRisk, "team")});
  const Threat& t = Find(a, "missing-authentication@api");
  EXPECT_EQ(t.status, ThreatStatus::kOpen);
  EXPECT_NE(t.decision_problem.find("RD-3"), std::string::npos) << t.decision_problem;
  EXPECT_NE(t.decision_problem.find("security_partner"), std::string::npos) << t.decision_problem;
  EXPECT_NE(t.decision_problem.find("escalation"), std::string::npos) << t.decision_problem;
}

TEST(ThreatDecisionsTest, ARevokedDecisionInTheStoreDoesNotApply) {
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store) << store.error().ToString();
  core::FixedClock clock(kNow - hours(24 * 10));
  auto kept =
      ThreatDecision("RD-4", "sql-injection@api", core::DecisionKind::kFalsePositive, "security_partner");
  auto revoked = ThreatDecision("RD-5", "missing-authentication@api", core::DecisionKind::kAcceptRisk,
                                "security_partner");
  for (const auto& d : {kept, revoked}) {
    auto recorded = decisions::RecordDecision(**store, d, decisions::DefaultRiskAppetite(), {}, clock);
    ASSERT_TRUE(recorded) << recorded.error().ToString();
  }
  ASSERT_TRUE(decisions::RevokeDecision(**store, "RD-5", "@sam", "the WAF rule was removed", clock));
  auto log = (*store)->ListDecisionRecords();
  ASSERT_TRUE(log);
  Assessment a = Assess();
  Apply(a, decisions::Unrevoked(*log));
  EXPECT_EQ(Find(a, "sql-injection@api").status, ThreatStatus::kFalsePositive);
  EXPECT_EQ(Find(a, "sql-injection@api").decision_id, "RD-4");
  EXPECT_EQ(Find(a, "missing-authentication@api").status, ThreatStatus::kOpen);
  EXPECT_EQ(Find(a, "missing-authentication@api").decision_id, "");
}

TEST(ThreatDecisionsTest, ADecisionWinsOverTheModelFilesStatus) {
  Assessment a = Assess(std::string(kModel) +
                        "threats:\n  - {id: missing-authentication@api, status: accepted, note: old}\n");
  ASSERT_EQ(Find(a, "missing-authentication@api").status, ThreatStatus::kAccepted);
  Apply(a, {ThreatDecision("RD-6", "missing-authentication@api", core::DecisionKind::kFixScheduled,
                           "security_partner")});
  EXPECT_EQ(Find(a, "missing-authentication@api").status, ThreatStatus::kFixScheduled);
  EXPECT_EQ(Find(a, "missing-authentication@api").decision_id, "RD-6");
}

bool Blocks(const Assessment& before, const Assessment& after, std::string_view id) {
  // The diff must outlive the pointers UndecidedAtOrAbove returns into it.
  AssessmentDiff diff = DiffAssessments(before, after);
  for (const Threat* t : UndecidedAtOrAbove(diff, core::Severity::kHigh))
    if (t->id == id) return true;
  return false;
}

TEST(ThreatDecisionsTest, ADecidedThreatNoLongerBlocksADiff) {
  std::string fixed(kModel);
  fixed.replace(fixed.find("processes: [pii]}"), 17, "processes: [pii], authentication: token}");
  Assessment before = Assess(fixed);
  Assessment after = Assess();
  EXPECT_TRUE(Blocks(before, after, "missing-authentication@api"));
  Apply(after, {ThreatDecision("RD-7", "missing-authentication@api", core::DecisionKind::kAcceptRisk,
                               "security_partner")});
  EXPECT_FALSE(Blocks(before, after, "missing-authentication@api"));
}

}  // namespace
}  // namespace candor::threatmodel
