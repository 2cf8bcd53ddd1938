#include "diff/change_set.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "diff/unified_diff.h"
#include "git_repo.h"
#include "ingest/input.h"

namespace candor::diff {
namespace {

ChangeSet Mixed() {
  auto input = ingest::LoadInput(std::string(CANDOR_TEST_DATA) + "/diff/git_mixed.diff", ingest::Limits{});
  EXPECT_TRUE(input);
  auto changes = input ? ParseUnifiedDiff(*input) : core::Result<ChangeSet>();
  EXPECT_TRUE(changes) << changes.error().ToString();
  return changes ? *changes : ChangeSet{};
}

TEST(ChangeSetTest, FindAndIsChangedLine) {
  ChangeSet changes = Mixed();
  ASSERT_NE(changes.FindByNewPath("numbers.txt"), nullptr);
  EXPECT_EQ(changes.FindByNewPath("doomed.txt"), nullptr);  // deleted: no new path
  EXPECT_EQ(changes.FindByNewPath("untouched.txt"), nullptr);
  EXPECT_EQ(changes.FindByNewPath("sub dir/moved to.txt")->old_path, "moved_from.txt");
  EXPECT_EQ(changes.FindByOldPath("doomed.txt")->kind, ChangeKind::kDeleted);
  EXPECT_TRUE(changes.IsChangedLine("numbers.txt", 9));
  EXPECT_TRUE(changes.IsChangedLine("numbers.txt", 15));
  EXPECT_FALSE(changes.IsChangedLine("numbers.txt", 11));
  EXPECT_TRUE(changes.IsChangedLine("added.txt", 2));
  EXPECT_FALSE(changes.IsChangedLine("added.txt", 3));
  EXPECT_FALSE(changes.IsChangedLine("untouched.txt", 1));
  EXPECT_FALSE(changes.IsChangedLine("image.bin", 1));
}

TEST(ChangeSetTest, NewPathOf) {
  ChangeSet changes = Mixed();
  EXPECT_EQ(changes.NewPathOf("moved_from.txt"), "sub dir/moved to.txt");
  EXPECT_EQ(changes.NewPathOf("numbers.txt"), "numbers.txt");
  EXPECT_EQ(changes.NewPathOf("doomed.txt"), std::nullopt);
  EXPECT_EQ(changes.NewPathOf("untouched.txt"), "untouched.txt");
}

TEST(ChangeSetTest, NewLineOfAcrossDeletedAndInsertedBlocks) {
  ChangeSet changes = Mixed();
  // numbers.txt: old lines 3-4 deleted, two lines inserted after old 10,
  // old 15 replaced; the hunk covers old 1-18.
  std::vector<std::optional<int>> expected = {
      std::nullopt, 1,  2,  std::nullopt, std::nullopt, 3,  4,  5,  6,  7, 8,
      11,           12, 13, 14,           std::nullopt, 16, 17, 18, 19, 20};
  for (int old_line = 0; old_line <= 20; ++old_line) {
    EXPECT_EQ(changes.NewLineOf("numbers.txt", old_line), expected[old_line]) << "old line " << old_line;
  }
  EXPECT_EQ(changes.NewLineOf("numbers.txt", 500), 500);  // past the last hunk
  EXPECT_EQ(changes.NewLineOf("untouched.txt", 42), 42);
  EXPECT_EQ(changes.NewLineOf("doomed.txt", 1), std::nullopt);
  EXPECT_EQ(changes.NewLineOf("image.bin", 1), std::nullopt);
  EXPECT_EQ(changes.NewLineOf("run.sh", 2), 2);
  EXPECT_EQ(changes.NewLineOf("moved_from.txt", 20), 20);
  EXPECT_EQ(changes.NewLineOf("moved_from.txt", 21), std::nullopt);
}

TEST(ChangeSetTest, NewLineOfPureInsertionAndDeletionHunks) {
  FileChange change;
  change.old_path = change.new_path = "f";
  // Two lines inserted after old line 5; old lines 8-9 deleted.
  change.hunks = {Hunk{5, 0, 6, 2}, Hunk{8, 2, 9, 0}};
  change.added_lines = {6, 7};
  change.removed_lines = {8, 9};
  ChangeSet changes({change});
  EXPECT_EQ(changes.NewLineOf("f", 5), 5);
  EXPECT_EQ(changes.NewLineOf("f", 6), 8);
  EXPECT_EQ(changes.NewLineOf("f", 7), 9);
  EXPECT_EQ(changes.NewLineOf("f", 8), std::nullopt);
  EXPECT_EQ(changes.NewLineOf("f", 9), std::nullopt);
  EXPECT_EQ(changes.NewLineOf("f", 10), 10);
  EXPECT_EQ(changes.NewLineOf("f", 0), std::nullopt);
  EXPECT_EQ(changes.NewLineOf("f", std::numeric_limits<int>::max()), std::numeric_limits<int>::max());

  // Shifted past the largest int: no answer rather than an overflow.
  FileChange grown = change;
  grown.hunks.pop_back();
  grown.removed_lines.clear();
  EXPECT_EQ(ChangeSet({grown}).NewLineOf("f", std::numeric_limits<int>::max()), std::nullopt);
}

TEST(ChangeSetTest, CopiesLeaveTheirSource) {
  FileChange copy;
  copy.kind = ChangeKind::kCopied;
  copy.old_path = "src.c";
  copy.new_path = "dst.c";
  FileChange edit;
  edit.old_path = edit.new_path = "other.c";
  ChangeSet changes({copy, edit});
  EXPECT_EQ(changes.NewPathOf("src.c"), "src.c");
  EXPECT_EQ(changes.FindByOldPath("src.c"), nullptr);
  EXPECT_EQ(changes.NewLineOf("src.c", 3), 3);
  EXPECT_EQ(changes.FindByNewPath("dst.c")->kind, ChangeKind::kCopied);
}

// Random edits to a file of distinct lines, diffed by git: every old line
// that survives must map to the line holding the same text afterwards.
TEST(ChangeSetTest, NewLineOfMatchesContentAfterRandomEdits) {
  testing::GitRepo repo;
  std::mt19937 random(12345);
  for (int round = 0; round < 8; ++round) {
    std::vector<std::string> lines;
    for (int i = 0; i < 60; ++i) lines.push_back("line " + std::to_string(i));
    std::vector<std::string> edited;
    int fresh = 0;
    for (const std::string& line : lines) {
      switch (random() % 8) {
        case 0: break;                                                      // delete
        case 1: edited.push_back("new " + std::to_string(fresh++)); break;  // replace
        case 2:                                                             // insert before
          edited.push_back("new " + std::to_string(fresh++));
          edited.push_back(line);
          break;
        default: edited.push_back(line);
      }
    }
    auto join = [](const std::vector<std::string>& v) {
      std::string text;
      for (const auto& l : v) text += l + "\n";
      return text;
    };
    repo.Write("f.txt", join(lines));
    repo.CommitAll("before " + std::to_string(round));
    repo.Write("f.txt", join(edited));
    repo.CommitAll("after " + std::to_string(round));
    auto changes = ParseUnifiedDiff(repo.Git("diff HEAD~1 HEAD"), "random.diff");
    ASSERT_TRUE(changes) << changes.error().ToString();
    for (int old_line = 1; old_line <= static_cast<int>(lines.size()); ++old_line) {
      std::optional<int> expected;
      for (size_t j = 0; j < edited.size(); ++j) {
        if (edited[j] == lines[old_line - 1]) expected = static_cast<int>(j) + 1;
      }
      EXPECT_EQ(changes->NewLineOf("f.txt", old_line), expected)
          << "round " << round << ", line " << old_line;
    }
  }
}

}  // namespace
}  // namespace candor::diff
