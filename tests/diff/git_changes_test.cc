#include "diff/git_changes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "describe.h"
#include "diff/unified_diff.h"
#include "git_repo.h"

namespace candor::diff {
namespace {

using testing::DescribeAll;
using testing::GitRepo;
using ::testing::HasSubstr;

std::string Numbers(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += std::to_string(i) + "\n";
  return text;
}

// main and a feature branch that left it, each with commits of its own.
class GitChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_.Write("numbers.txt", Numbers(1, 30));
    repo_.Write("src/keep.c", "int keep(void) {\n  return 1;\n}\n");
    repo_.Write("doomed.txt", "bye\n");
    repo_.Write("long.txt", Numbers(100, 160));
    repo_.Write("image.bin", std::string("PNG\0\1\2\3", 7));
    repo_.Write("tail.txt", "a\nb\nc\n");
    repo_.Write("run.sh", "echo hi\n");
    repo_.Write("with space \xC3\xA9.txt", "one\ntwo\n");
    repo_.CommitAll("base");
    repo_.Git("checkout -q -b feature");
    // On the feature branch: every kind of change git diff knows.
    std::string numbers = Numbers(1, 30);
    numbers.replace(numbers.find("5\n6\n7\n"), 6, "");           // delete 5-7
    numbers.insert(numbers.find("12\n"), "11.5\n11.7\n11.9\n");  // insert
    repo_.Write("numbers.txt", numbers);
    repo_.Remove("doomed.txt");
    std::filesystem::create_directories(repo_.dir() + "/moved dir");
    repo_.Git("mv long.txt 'moved dir/long \xC3\xA9.txt'");
    repo_.Write("moved dir/long \xC3\xA9.txt", Numbers(100, 130) + "one-thirty-one\n" + Numbers(132, 160));
    repo_.Write("image.bin", std::string("PNG\0\4\5\6\7", 8));
    repo_.Write("tail.txt", "a\nb\nC");  // no newline at the end
    std::filesystem::permissions(repo_.dir() + "/run.sh", std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    repo_.Write("added \"quoted\".txt", "new\nfile\n");
    repo_.Write("with space \xC3\xA9.txt", "one\nTWO\nthree\n");
    repo_.CommitAll("feature work");
    repo_.Write("src/keep.c", "int keep(void) {\n  return 2;\n}\n");
    repo_.CommitAll("more feature work");
    // main moves on after the branch left it: none of this is the feature's.
    repo_.Git("checkout -q main");
    repo_.Write("numbers.txt", Numbers(1, 30) + "31\n");
    repo_.Write("main-only.txt", "x\n");
    repo_.CommitAll("main work");
  }

  GitRepo repo_;
};

TEST_F(GitChangesTest, AgreesWithParsingGitDiffOfTheSameRange) {
  auto from_git = ChangesBetweenRefs(repo_.dir(), "main", "feature");
  ASSERT_TRUE(from_git) << from_git.error().ToString();
  auto parsed = ParseUnifiedDiff(repo_.Git("diff main...feature"), "main...feature");
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(DescribeAll(*from_git), DescribeAll(*parsed));
  EXPECT_EQ(from_git->files().size(), 9u);

  EXPECT_EQ(from_git->FindByNewPath("main-only.txt"), nullptr);
  EXPECT_EQ(from_git->NewPathOf("long.txt"), "moved dir/long \xC3\xA9.txt");
  EXPECT_EQ(from_git->FindByNewPath("moved dir/long \xC3\xA9.txt")->kind, ChangeKind::kRenamed);
  EXPECT_TRUE(from_git->FindByNewPath("image.bin")->binary);
  EXPECT_EQ(from_git->FindByNewPath("added \"quoted\".txt")->kind, ChangeKind::kAdded);
  EXPECT_EQ(from_git->NewPathOf("doomed.txt"), std::nullopt);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 4), 4);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 5), std::nullopt);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 7), std::nullopt);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 8), 5);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 12), 12);
  EXPECT_EQ(from_git->NewLineOf("numbers.txt", 13), 13);
  EXPECT_TRUE(from_git->IsChangedLine("numbers.txt", 10));
  EXPECT_EQ(from_git->NewLineOf("src/keep.c", 2), std::nullopt);
}

TEST_F(GitChangesTest, AgreesForRevspecsTagsAndShas) {
  repo_.Git("tag v1 main~1");
  std::string feature_sha = repo_.Git("rev-parse feature");
  feature_sha.pop_back();  // newline
  auto from_git = ChangesBetweenRefs(repo_.dir(), "v1", feature_sha.substr(0, 12) + "~1");
  ASSERT_TRUE(from_git) << from_git.error().ToString();
  auto parsed = ParseUnifiedDiff(repo_.Git("diff v1...feature~1"), "v1...feature~1");
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(DescribeAll(*from_git), DescribeAll(*parsed));
  EXPECT_EQ(from_git->FindByNewPath("src/keep.c"), nullptr);  // the last commit is left out
}

TEST_F(GitChangesTest, FindsTheRepositoryFromASubfolder) {
  auto from_sub = ChangesBetweenRefs(repo_.dir() + "/src", "main", "feature");
  ASSERT_TRUE(from_sub) << from_sub.error().ToString();
  EXPECT_EQ(from_sub->files().size(), 9u);
}

TEST_F(GitChangesTest, UnknownRefs) {
  auto result = ChangesBetweenRefs(repo_.dir(), "main", "no-such-branch");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_THAT(result.error().message, HasSubstr("unknown ref 'no-such-branch'"));
  result = ChangesBetweenRefs(repo_.dir(), "HEAD~99", "feature");
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("unknown ref 'HEAD~99'"));
}

TEST_F(GitChangesTest, NoCommonAncestor) {
  repo_.Git("checkout -q --orphan lonely");
  repo_.Write("lonely.txt", "alone\n");
  repo_.CommitAll("lonely root");
  auto result = ChangesBetweenRefs(repo_.dir(), "main", "lonely");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_THAT(result.error().message, HasSubstr("no common ancestor"));
}

TEST(GitChangesErrorTest, NotARepository) {
  std::string pattern = (std::filesystem::temp_directory_path() / "candor-norepo-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  auto result = ChangesBetweenRefs(pattern, "main", "feature");
  std::filesystem::remove_all(pattern);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_THAT(result.error().ToString(), HasSubstr(pattern + ": not a git repository"));
}

}  // namespace
}  // namespace candor::diff
