// The scorer: a perfect output scores 0, and each kind of mistake lands in its bucket.

#include "match_scorer.h"

#include <gtest/gtest.h>

#include <set>

#include "match_pair_generator.h"

namespace candor::bench {
namespace {

class MatchScorerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MatchPair pair = GenerateMatchPair({.results = 1'000, .seed = 11});
    baseline_ = *ParseTruthResults(pair.baseline_sarif);
    current_ = *ParseTruthResults(pair.current_sarif);
    // The perfect answer: the current results, then the fixed ones as absent.
    std::set<std::string> present;
    for (const auto& r : current_) {
      present.insert(r.truth_id);
      perfect_.push_back({r.truth_id, r.truth_id.starts_with('N') ? "new" : "unchanged"});
    }
    for (const auto& r : baseline_) {
      if (!present.contains(r.truth_id)) perfect_.push_back({r.truth_id, "absent"});
    }
    fixed_ = perfect_.size() - current_.size();
    ASSERT_GT(fixed_, 2u);
  }

  size_t Find(std::string_view prefix, std::string_view state) const {
    for (size_t i = 0; i < perfect_.size(); ++i) {
      if (perfect_[i].truth_id.starts_with(prefix) && perfect_[i].baseline_state == state) return i;
    }
    ADD_FAILURE() << "no " << prefix << " " << state;
    return 0;
  }

  std::vector<TruthResult> baseline_, current_, perfect_;
  size_t fixed_ = 0;
};

TEST_F(MatchScorerTest, PerfectOutputScoresZero) {
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.errors(), 0u);
  EXPECT_EQ(score.error_rate(), 0.0);
  EXPECT_EQ(score.current, current_.size());
  EXPECT_EQ(score.fixed, fixed_);
  EXPECT_EQ(score.called_absent, fixed_);
}

TEST_F(MatchScorerTest, UpdatedCountsAsPresent) {
  for (auto& r : perfect_) {
    if (r.baseline_state == "unchanged") r.baseline_state = "updated";
  }
  EXPECT_EQ(ScoreMatch(baseline_, current_, perfect_).errors(), 0u);
}

TEST_F(MatchScorerTest, ExistingCalledNew) {
  perfect_[Find("B", "unchanged")].baseline_state = "new";
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.existing_called_new, 1u);
  EXPECT_EQ(score.errors(), 1u);
  EXPECT_DOUBLE_EQ(score.error_rate(), 1.0 / static_cast<double>(current_.size() + fixed_));
}

TEST_F(MatchScorerTest, IntroducedMissed) {
  perfect_[Find("N", "new")].baseline_state = "unchanged";
  perfect_[Find("N", "new")].baseline_state = "updated";
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.introduced_missed, 2u);
  EXPECT_EQ(score.errors(), 2u);
}

TEST_F(MatchScorerTest, FixedMissed) {
  perfect_.erase(perfect_.begin() + static_cast<ptrdiff_t>(Find("B", "absent")));
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.fixed_missed, 1u);
  EXPECT_EQ(score.errors(), 1u);
}

TEST_F(MatchScorerTest, PresentCalledAbsent) {
  // The usual failure to match: the current result called new, its baseline result absent.
  size_t i = Find("B", "unchanged");
  perfect_[i].baseline_state = "new";
  perfect_.push_back({perfect_[i].truth_id, "absent"});
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.existing_called_new, 1u);
  EXPECT_EQ(score.present_called_absent, 1u);
  EXPECT_EQ(score.errors(), 2u);
}

TEST_F(MatchScorerTest, LostRepeatedAndUnlabelledResultsAreOther) {
  perfect_.erase(perfect_.begin() + static_cast<ptrdiff_t>(Find("B", "unchanged")));  // lost
  perfect_.push_back(perfect_[Find("N", "new")]);                                     // repeated
  perfect_[Find("B", "unchanged")].baseline_state = "";                               // no state
  perfect_.push_back({"", "new"});                                                    // no truth id
  MatchScore score = ScoreMatch(baseline_, current_, perfect_);
  EXPECT_EQ(score.other, 4u);
  EXPECT_EQ(score.errors(), 4u);
}

TEST(ParseTruthResults, ReadsStateAndTruthIdOfEveryRun) {
  auto results = ParseTruthResults(R"({"runs":[
      {"results":[{"baselineState":"new","properties":{"benchTruthId":"N000001"}},{"ruleId":"x"}]},
      {"tool":{},"results":[{"properties":{"benchTruthId":"B000002","other":1},"baselineState":"absent"}]}]})");
  ASSERT_TRUE(results);
  ASSERT_EQ(results->size(), 3u);
  EXPECT_EQ((*results)[0].truth_id, "N000001");
  EXPECT_EQ((*results)[0].baseline_state, "new");
  EXPECT_EQ((*results)[1].truth_id, "");
  EXPECT_EQ((*results)[1].baseline_state, "");
  EXPECT_EQ((*results)[2].truth_id, "B000002");
  EXPECT_EQ((*results)[2].baseline_state, "absent");
}

TEST(ParseTruthResults, RejectsMalformedJson) {
  EXPECT_FALSE(ParseTruthResults(R"({"runs":[{"results":[{"a":{"id":1,{"x":2}}]}]})"));
  EXPECT_FALSE(ParseTruthResults(R"({"version":"2.1.0"})"));
  EXPECT_FALSE(ReadTruthResults("/nonexistent/out.sarif"));
}

}  // namespace
}  // namespace candor::bench
