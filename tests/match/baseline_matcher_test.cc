#include "match/baseline_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match/identity.h"

namespace candor::match {
namespace {

using core::BaselineState;
using core::Finding;

Finding At(std::string path, int line, std::string snippet, std::string rule = "py.sqli") {
  Finding f;
  f.tool = "semgrep";
  f.rule_id = std::move(rule);
  f.path = std::move(path);
  f.region.start_line = line;
  f.message = "untrusted input reaches a query at line " + std::to_string(line);
  f.snippet = std::move(snippet);
  f.severity = core::Severity::kHigh;
  return f;
}

// Identities as ingest assigns them: one assigner per scan.
std::vector<Finding> Scan(std::vector<Finding> findings) {
  IdentityAssigner assigner;
  for (Finding& f : findings) f.identity = assigner.Assign(f);
  return findings;
}

std::vector<BaselineState> States(const BaselineComparison& comparison) {
  return comparison.current_states;
}

TEST(BaselineMatcherTest, SameScanIsUnchangedThroughout) {
  auto scan = Scan({At("a.py", 3, "q1"), At("a.py", 9, "q2"), At("b.py", 1, "q3")});
  auto result = CompareWithBaseline(scan, scan);
  EXPECT_EQ(States(result), std::vector<BaselineState>(3, BaselineState::kUnchanged));
  EXPECT_TRUE(result.absent.empty());
  EXPECT_EQ(result.current_matches[2], 2u);
}

TEST(BaselineMatcherTest, ShiftedCodeWithLineNumbersInMessagesIsUnchanged) {
  auto baseline = Scan({At("a.py", 10, "q1"), At("a.py", 20, "q2")});
  auto current = Scan({At("a.py", 35, "q1"), At("a.py", 45, "q2")});  // 25 lines inserted above
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(States(result), (std::vector{BaselineState::kUnchanged, BaselineState::kUnchanged}));
}

TEST(BaselineMatcherTest, IntroducedIsNewAndFixedIsAbsent) {
  auto baseline = Scan({At("a.py", 10, "q1"), At("a.py", 20, "q2")});
  auto current = Scan({At("a.py", 10, "q1"), At("a.py", 30, "q3")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(States(result), (std::vector{BaselineState::kUnchanged, BaselineState::kNew}));
  EXPECT_EQ(result.absent, std::vector<size_t>{1});
}

// Identical code three times; a fourth copy is inserted above the others,
// which shifts them by one line. The copy on the new line is the new one.
TEST(BaselineMatcherTest, RepeatedCodeIsPairedByPosition) {
  auto baseline =
      Scan({At("a.py", 5, "anchor"), At("a.py", 10, "same"), At("a.py", 50, "same"), At("a.py", 90, "same")});
  auto current = Scan({At("a.py", 5, "anchor"), At("a.py", 7, "same"), At("a.py", 11, "same"),
                       At("a.py", 51, "same"), At("a.py", 91, "same")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(States(result),
            (std::vector{BaselineState::kUnchanged, BaselineState::kNew, BaselineState::kUnchanged,
                         BaselineState::kUnchanged, BaselineState::kUnchanged}));
  EXPECT_EQ(result.current_matches[2], 1u);
  EXPECT_EQ(result.current_matches[4], 3u);
  EXPECT_TRUE(result.absent.empty());
}

// Many findings and one group crowded together (a rule that fires on every
// copy of a line) are grouped as a few are: each finding keeps its pair.
TEST(BaselineMatcherTest, ManyGroupsAndACrowdedGroupKeepTheirPairs) {
  std::vector<Finding> baseline, current;
  for (int i = 0; i < 3000; ++i) {
    baseline.push_back(At("f" + std::to_string(i % 40) + ".py", 10 + i, "q" + std::to_string(i)));
    if (i % 100 != 7)
      current.push_back(At("f" + std::to_string(i % 40) + ".py", 12 + i, "q" + std::to_string(i)));
  }
  for (int i = 0; i < 200; ++i) {  // one group of 200 copies, 199 left
    baseline.push_back(At("copies.py", 10 * (i + 1), "same"));
    if (i != 50) current.push_back(At("copies.py", 10 * (i + 1), "same"));
  }
  auto result = CompareWithBaseline(Scan(baseline), Scan(current));
  EXPECT_EQ(States(result), std::vector<BaselineState>(current.size(), BaselineState::kUnchanged));
  std::vector<size_t> absent;
  for (int i = 7; i < 3000; i += 100) absent.push_back(static_cast<size_t>(i));
  absent.push_back(3000 + 50);
  EXPECT_EQ(result.absent, absent);
  for (size_t c = 0; c < current.size(); ++c) {
    const Finding& now = current[c];
    ASSERT_TRUE(result.current_matches[c].has_value()) << c;
    const Finding& was = baseline[*result.current_matches[c]];
    EXPECT_EQ(was.snippet, now.snippet) << c;
    EXPECT_EQ(was.path, now.path) << c;
    if (now.path == "copies.py") EXPECT_EQ(was.region.start_line, now.region.start_line) << c;
  }
}

// A 40-line block inserted between two copies: the anchors on either side
// say which copy is which.
TEST(BaselineMatcherTest, AnchorsFollowABlockInsertedBetweenCopies) {
  auto baseline = Scan(
      {At("a.py", 10, "same"), At("a.py", 12, "anchor1"), At("a.py", 30, "anchor2"), At("a.py", 32, "same")});
  auto current = Scan({At("a.py", 10, "same"), At("a.py", 12, "anchor1"), At("a.py", 70, "anchor2"),
                       At("a.py", 72, "same"), At("a.py", 33, "same")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_matches[0], 0u);
  EXPECT_EQ(result.current_matches[3], 3u);
  EXPECT_EQ(result.current_states[4], BaselineState::kNew);
}

// 15 lines inserted somewhere between two anchors, holding a copy of code
// that was already there: the finding that moved sits exactly where one
// anchor's shift puts it, the copy anywhere, so the copy is the new one even
// though it is nearer the old line.
TEST(BaselineMatcherTest, CopyInsertedBetweenAnchorsDoesNotTakeTheMovedFindingsPlace) {
  auto baseline = Scan({At("a.py", 10, "anchor1"), At("a.py", 20, "same"), At("a.py", 40, "anchor2")});
  auto current = Scan(
      {At("a.py", 10, "anchor1"), At("a.py", 18, "same"), At("a.py", 35, "same"), At("a.py", 55, "anchor2")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[1], BaselineState::kNew);
  EXPECT_EQ(result.current_matches[2], 1u);
  EXPECT_TRUE(result.absent.empty());
}

// An edited finding between two anchors that moved differently: it may be
// anywhere between where either anchor's shift puts it.
TEST(BaselineMatcherTest, EditedFindingBetweenAnchorsThatMovedDifferentlyIsUpdated) {
  auto baseline = Scan(
      {At("a.py", 10, "anchor1"), At("a.py", 20, "cursor.execute(q + name)"), At("a.py", 40, "anchor2")});
  auto current = Scan({At("a.py", 10, "anchor1"), At("a.py", 32, "cursor.execute(q + user_name)"),
                       At("a.py", 52, "anchor2")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[1], BaselineState::kUpdated);
  EXPECT_EQ(result.current_matches[1], 1u);
  EXPECT_TRUE(result.absent.empty());
}

// The same with the files' findings interleaved, as a tool that sorts by
// rule writes them: each file's lines still move by its own anchors only
// (b.py's moved up 20 lines).
TEST(BaselineMatcherTest, AnchorsAreEachFilesOwnWhenItsFindingsAreApart) {
  auto baseline =
      Scan({At("a.py", 10, "anchor1"), At("b.py", 25, "b1"), At("a.py", 20, "cursor.execute(q + name)"),
            At("b.py", 60, "b2"), At("a.py", 40, "anchor2")});
  auto current =
      Scan({At("a.py", 10, "anchor1"), At("b.py", 5, "b1"), At("a.py", 32, "cursor.execute(q + user_name)"),
            At("b.py", 40, "b2"), At("a.py", 52, "anchor2")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[2], BaselineState::kUpdated);
  EXPECT_EQ(result.current_matches[2], 2u);
  EXPECT_TRUE(result.absent.empty());
}

TEST(BaselineMatcherTest, RenamedFileIsFollowedWithoutADiff) {
  auto baseline = Scan({At("old/name.py", 10, "q1"), At("old/name.py", 20, "q2"), At("other.py", 1, "q3")});
  auto current = Scan({At("new/name.py", 10, "q1"), At("new/name.py", 20, "q2"), At("other.py", 1, "q3")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(States(result), std::vector<BaselineState>(3, BaselineState::kUnchanged));
  EXPECT_TRUE(result.absent.empty());
}

// The same code in a file that was not renamed is not mistaken for a rename.
TEST(BaselineMatcherTest, SameCodeInAnExistingFileIsNotARename) {
  auto baseline = Scan({At("a.py", 10, "q1"), At("b.py", 3, "other")});
  auto current = Scan({At("b.py", 3, "other"), At("b.py", 40, "q1")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[1], BaselineState::kNew);
  EXPECT_EQ(result.absent, std::vector<size_t>{0});
}

TEST(BaselineMatcherTest, RenameFromTheDiffWins) {
  // Without the diff the votes are a tie; the diff says where the file went.
  auto baseline = Scan({At("a.py", 10, "q1")});
  auto current = Scan({At("z.py", 12, "q1"), At("c.py", 10, "q1")});
  diff::FileChange rename;
  rename.kind = diff::ChangeKind::kRenamed;
  rename.old_path = "a.py";
  rename.new_path = "z.py";
  rename.hunks = {{1, 0, 1, 2}};  // two lines inserted at the top
  rename.added_lines = {1, 2};
  diff::FileChange added;
  added.kind = diff::ChangeKind::kAdded;
  added.new_path = "c.py";
  added.hunks = {{0, 0, 1, 20}};
  for (int line = 1; line <= 20; ++line) added.added_lines.push_back(line);
  diff::ChangeSet changes({rename, added});
  auto result = CompareWithBaseline(baseline, current, {.changes = &changes});
  EXPECT_EQ(result.current_states[0], BaselineState::kUnchanged);
  EXPECT_EQ(result.current_states[1], BaselineState::kNew);
}

TEST(BaselineMatcherTest, EditedLineIsUpdated) {
  auto baseline = Scan({At("a.py", 10, "cursor.execute(q + name)")});
  auto current = Scan({At("a.py", 11, "cursor.execute(q + user_name)")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[0], BaselineState::kUpdated);
  EXPECT_TRUE(result.absent.empty());
}

TEST(BaselineMatcherTest, EditFarFromTheExpectedLineIsNotTheSameFinding) {
  auto baseline = Scan({At("a.py", 10, "cursor.execute(q + name)")});
  auto current = Scan({At("a.py", 200, "cursor.execute(q + user_name)")});
  auto result = CompareWithBaseline(baseline, current);
  EXPECT_EQ(result.current_states[0], BaselineState::kNew);
  EXPECT_EQ(result.absent, std::vector<size_t>{0});
}

TEST(BaselineMatcherTest, SeverityChangeIsUpdated) {
  auto baseline = Scan({At("a.py", 10, "q1")});
  auto raised = At("a.py", 10, "q1");
  raised.severity = core::Severity::kCritical;
  auto result = CompareWithBaseline(baseline, Scan({raised}));
  EXPECT_EQ(result.current_states[0], BaselineState::kUpdated);
}

// With a diff: the old copy's line still exists (moved by the diff) while
// the current finding is on an added line, so one was fixed and one added.
TEST(BaselineMatcherTest, FixedHereAndIntroducedThereWithADiff) {
  auto baseline = Scan({At("a.py", 10, "q1")});
  auto current = Scan({At("a.py", 40, "q1")});
  diff::FileChange edit;
  edit.old_path = edit.new_path = "a.py";
  edit.hunks = {{10, 1, 10, 1}, {39, 0, 40, 1}};
  edit.added_lines = {10, 40};
  diff::ChangeSet changes({edit});
  auto result = CompareWithBaseline(baseline, current, {.changes = &changes});
  EXPECT_EQ(result.current_states[0], BaselineState::kNew);
  EXPECT_EQ(result.absent, std::vector<size_t>{0});
}

TEST(BaselineMatcherTest, ToolsNeverMatchEachOther) {
  auto baseline = Scan({At("a.py", 10, "q1")});
  auto other = At("a.py", 10, "q1");
  other.tool = "bandit";
  auto result = CompareWithBaseline(baseline, Scan({other}));
  EXPECT_EQ(result.current_states[0], BaselineState::kNew);
  EXPECT_EQ(result.absent.size(), 1u);
}

}  // namespace
}  // namespace candor::match
