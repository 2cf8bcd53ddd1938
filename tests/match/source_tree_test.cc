#include "match/source_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "match/identity.h"

namespace candor::match {
namespace {

class SourceTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("candor_source_tree_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "app");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& path, const std::string& text) {
    std::ofstream(root_ / path, std::ios::binary) << text;
  }
  std::filesystem::path root_;
};

TEST_F(SourceTreeTest, CodeThatMovesKeepsItsHashWhateverTheWhitespace) {
  Write("app/a.py", "import os\ndef f(x):\n    os.system(x)\n    return 1\n");
  Write("app/b.py", "# header\n# more\n\nimport os\ndef f(x):\n  os.system( x )\n  return 1\n");
  SourceTree tree(root_);
  auto before = tree.ContextHash("app/a.py", 3);
  auto after = tree.ContextHash("app/b.py", 6);
  ASSERT_TRUE(before);
  EXPECT_EQ(before, after);
  EXPECT_NE(tree.ContextHash("app/a.py", 2), before);
}

TEST_F(SourceTreeTest, TheSameLineInOtherSurroundingsDiffers) {
  Write("app/a.py", "os.system(x)\nreturn 1\nend\nos.system(x)\nreturn 2\nend\n");
  SourceTree tree(root_);
  EXPECT_NE(tree.ContextHash("app/a.py", 1), tree.ContextHash("app/a.py", 4));
}

TEST_F(SourceTreeTest, NothingOutsideTheRootOrPastTheEnd) {
  Write("app/a.py", "one\ntwo\n");
  std::filesystem::create_directories(root_.parent_path() / "outside");
  SourceTree tree(root_);
  EXPECT_FALSE(tree.ContextHash("../outside/x", 1));
  EXPECT_FALSE(tree.ContextHash("/etc/passwd", 1));
  EXPECT_FALSE(tree.ContextHash("app/../../etc/passwd", 1));
  EXPECT_FALSE(tree.ContextHash("app/missing.py", 1));
  EXPECT_FALSE(tree.ContextHash("app", 1));  // a directory
  EXPECT_FALSE(tree.ContextHash("app/a.py", 0));
  EXPECT_FALSE(tree.ContextHash("app/a.py", 10));
  EXPECT_TRUE(tree.ContextHash("app/a.py", 2));
}

TEST_F(SourceTreeTest, TooLargeFilesAreNotRead) {
  Write("app/big.js", std::string(4096, 'x'));
  SourceTree tree(root_, /*max_file_bytes=*/1024);
  EXPECT_FALSE(tree.ContextHash("app/big.js", 1));
}

// With the source, a finding whose tool rewords its message as the code
// moves keeps its identity: it is the code that identifies it.
TEST_F(SourceTreeTest, IdentityFromTheCodeAroundTheFinding) {
  Write("app/a.py", "def f(x):\n    os.system(x)\n");
  SourceTree tree(root_);
  core::Finding finding;
  finding.tool = "bandit";
  finding.rule_id = "B605";
  finding.path = "app/a.py";
  finding.region.start_line = 2;
  finding.message = "Starting a process with a shell: seems safe, but may be changed in the future.";
  IdentityAssigner with_source(&tree), other_scan(&tree), without_source;
  std::string identity = with_source.Assign(finding);
  EXPECT_TRUE(identity.starts_with("src:")) << identity;
  core::Finding reworded = finding;
  reworded.message = "Starting a process with a shell, possible injection detected, security issue.";
  EXPECT_EQ(other_scan.Assign(reworded), identity);
  EXPECT_TRUE(without_source.Assign(finding).starts_with("h:"));
  finding.partial_fingerprints = {{"primaryLocationLineHash", "abc:1"}};
  EXPECT_TRUE(IdentityAssigner(&tree).Assign(finding).starts_with("pfp:"));  // the tool's own prints win
}

}  // namespace
}  // namespace candor::match
