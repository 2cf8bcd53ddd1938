#include "decisions/decision_log.h"

#include <gtest/gtest.h>

#include <chrono>

#include "decisions/coverage.h"
#include "decisions/decisions_file.h"

namespace candor::decisions {
namespace {

using std::chrono::hours;

const std::string kFile = std::string(CANDOR_TEST_DATA) + "/decisions/decisions.yaml";
const core::TimePoint kNow = *core::ParseIso8601("2026-11-22T10:00:00Z");

std::unique_ptr<store::Store> MemoryStore() {
  auto store = store::OpenStore("sqlite::memory:");
  EXPECT_TRUE(store) << store.error().ToString();
  return std::move(*store);
}

std::vector<core::Decision> ExampleDecisions() {
  auto decisions = LoadDecisions(kFile);
  EXPECT_TRUE(decisions) << decisions.error().ToString();
  return *decisions;
}

// Records the example file's decisions; returns the log.
std::vector<store::DecisionRecord> RecordExamples(store::Store& store) {
  core::FixedClock clock(kNow);
  for (const core::Decision& decision : ExampleDecisions()) {
    auto recorded = RecordDecision(store, decision, DefaultRiskAppetite(), {}, clock);
    EXPECT_TRUE(recorded) << recorded.error().ToString();
  }
  return *store.ListDecisionRecords();
}

TEST(DecisionLogTest, RecordsChainsAndVerifies) {
  auto store = MemoryStore();
  auto log = RecordExamples(*store);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].seq, 1);
  EXPECT_EQ(log[0].prev_hash, "");
  EXPECT_EQ(log[1].prev_hash, log[0].hash);
  EXPECT_EQ(log[0].hash.size(), 64u);
  EXPECT_EQ(log[2].decision, ExampleDecisions()[2]);  // every field survives the store
  Verification verified = VerifyLog(log);
  EXPECT_FALSE(verified.broken_seq) << verified.problem;
  EXPECT_EQ(verified.head_hash, log[2].hash);
}

TEST(DecisionLogTest, RecordingTheSameFileAgainChangesNothing) {
  auto store = MemoryStore();
  RecordExamples(*store);
  core::FixedClock later(kNow + hours(48));
  auto again = RecordDecision(*store, ExampleDecisions()[0], DefaultRiskAppetite(), {}, later);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, RecordOutcome::kAlreadyRecorded);
  EXPECT_EQ(store->ListDecisionRecords()->size(), 3u);
}

TEST(DecisionLogTest, AChangedDecisionUnderARecordedIdIsRefused) {
  auto store = MemoryStore();
  RecordExamples(*store);
  core::Decision edited = ExampleDecisions()[0];
  edited.rationale = "We changed our minds about why.";
  auto refused = RecordDecision(*store, edited, DefaultRiskAppetite(), {}, core::FixedClock(kNow));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("already recorded"), std::string::npos);
}

TEST(DecisionLogTest, RefusesAPastExpiryAndMissingAuthorityWithTheEscalationPath) {
  auto store = MemoryStore();
  core::Decision decision = ExampleDecisions()[2];  // fix_scheduled, high, champion, expires 2026-12-15
  auto expired = RecordDecision(*store, decision, DefaultRiskAppetite(), {},
                                core::FixedClock(*core::ParseIso8601("2026-12-20")));
  ASSERT_FALSE(expired);
  EXPECT_NE(expired.error().message.find("which has passed"), std::string::npos);

  decision.approver_role = "team";
  auto refused = RecordDecision(*store, decision, DefaultRiskAppetite(), {}, core::FixedClock(kNow));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("a high finding needs champion"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(store->ListDecisionRecords()->empty());
}

TEST(DecisionLogTest, RevocationIsANewEntryAndEndsTheDecision) {
  auto store = MemoryStore();
  RecordExamples(*store);
  core::FixedClock clock(kNow + hours(1));
  ASSERT_TRUE(RevokeDecision(*store, "RD-1", "@dana", "legacy/ was deleted", clock));
  auto log = *store->ListDecisionRecords();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[3].action, store::DecisionAction::kRevoke);
  EXPECT_FALSE(VerifyLog(log).broken_seq);
  auto in_force = Unrevoked(log);
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(in_force[0].id, "RD-2");
  EXPECT_EQ(RevokeDecision(*store, "RD-1", "@dana", "again", clock).error().code,
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(RevokeDecision(*store, "RD-77", "@dana", "x", clock).error().code, core::ErrorCode::kNotFound);
}

TEST(DecisionLogTest, VerifyNamesTheFirstEditedDeletedOrReorderedEntry) {
  auto store = MemoryStore();
  const auto log = RecordExamples(*store);

  auto edited = log;
  edited[1].decision.expires = *core::ParseIso8601("2099-01-01");
  Verification verification = VerifyLog(edited);
  ASSERT_TRUE(verification.broken_seq);
  EXPECT_EQ(*verification.broken_seq, 2);
  EXPECT_NE(verification.problem.find("changed after it was recorded"), std::string::npos);

  auto rehashed = edited;  // an editor who also recomputes the edited entry's hash breaks the next link
  rehashed[1].hash = ChainHash(rehashed[1]);
  EXPECT_EQ(*VerifyLog(rehashed).broken_seq, 3);

  auto deleted = log;
  deleted.erase(deleted.begin() + 1);
  EXPECT_EQ(*VerifyLog(deleted).broken_seq, 3);

  auto swapped = log;
  std::swap(swapped[1].seq, swapped[2].seq);
  std::swap(swapped[1], swapped[2]);
  EXPECT_EQ(*VerifyLog(swapped).broken_seq, 2);
}

TEST(DecisionLogTest, TheStoreRefusesUpdatesAndDeletesOfTheLog) {
  auto store = MemoryStore();
  RecordExamples(*store);
  // No Store method edits the log; the schema's triggers stop SQL that tries
  // (checked end to end in tests/e2e/decide_test.cc with the sqlite3 shell).
  EXPECT_EQ(store->ListDecisionRecords()->size(), 3u);
}

TEST(CoverageTest, SuppressesUntilExpiryThenSaysSoCalmly) {
  core::Finding md5;
  md5.tool = "semgrep";
  md5.rule_id = "python.lang.security.insecure-hash-algorithms.insecure-hash-algorithm-md5";
  md5.path = "legacy/cache.py";
  md5.severity = core::Severity::kMedium;
  auto index = DecisionIndex::Create(ExampleDecisions(), DefaultRiskAppetite(), {}, kNow);
  ASSERT_TRUE(index);
  auto coverage = index->Find(md5);
  ASSERT_TRUE(coverage);
  EXPECT_EQ(coverage->decision->id, "RD-1");
  EXPECT_EQ(coverage->state, CoverState::kSuppresses);

  md5.path = "payments/cache.py";  // outside the decision's path glob
  EXPECT_FALSE(index->Find(md5));

  md5.path = "legacy/cache.py";
  auto later = DecisionIndex::Create(ExampleDecisions(), DefaultRiskAppetite(), {},
                                     *core::ParseIso8601("2027-02-04T09:00:00Z"));
  auto expired = later->Find(md5);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->state, CoverState::kExpired);
  EXPECT_EQ(expired->note, "decision RD-1 expired 3 days ago (2027-02-01); the finding counts as open again");
}

TEST(CoverageTest, ADecisionDoesNotCoverMoreThanItsApproverMayAccept) {
  core::Finding sql;
  sql.tool = "bandit";
  sql.rule_id = "B608";
  sql.path = "api/orders.py";
  sql.severity = core::Severity::kCritical;  // RD-3's champion may decide up to high
  auto index = DecisionIndex::Create(ExampleDecisions(), DefaultRiskAppetite(), {}, kNow);
  auto coverage = index->Find(sql);
  ASSERT_TRUE(coverage);
  EXPECT_EQ(coverage->state, CoverState::kBeyondAuthority);
  EXPECT_NE(coverage->note.find("a critical finding needs security_partner"), std::string::npos);
  sql.severity = core::Severity::kHigh;
  EXPECT_EQ(index->Find(sql)->state, CoverState::kSuppresses);
}

TEST(CoverageTest, AnIdentityDecisionNeedsTheSameToolWhenItNamesOne) {
  core::Finding finding;
  finding.tool = "Semgrep";
  finding.identity = "fp:semgrep:0123456789abcdef";
  finding.severity = core::Severity::kHigh;
  auto index = DecisionIndex::Create(ExampleDecisions(), DefaultRiskAppetite(), {}, kNow);
  auto coverage = index->Find(finding);
  ASSERT_TRUE(coverage);
  EXPECT_EQ(coverage->decision->id, "RD-2");
  finding.tool = "codeql";
  EXPECT_FALSE(index->Find(finding));
}

}  // namespace
}  // namespace candor::decisions
