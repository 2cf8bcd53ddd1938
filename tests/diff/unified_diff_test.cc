#include "diff/unified_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "describe.h"
#include "ingest/input.h"

namespace candor::diff {
namespace {

using testing::Describe;
using testing::DescribeAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ChangeSet Load(const std::string& file) {
  auto input = ingest::LoadInput(std::string(CANDOR_TEST_DATA) + "/diff/" + file, ingest::Limits{});
  EXPECT_TRUE(input) << input.error().ToString();
  if (!input) return {};
  auto changes = ParseUnifiedDiff(*input);
  EXPECT_TRUE(changes) << changes.error().ToString();
  return changes ? *changes : ChangeSet{};
}

ChangeSet Parse(std::string_view text) {
  auto changes = ParseUnifiedDiff(text, "test.diff");
  EXPECT_TRUE(changes) << changes.error().ToString();
  return changes ? *changes : ChangeSet{};
}

// The error of parsing `text`, as "where: message".
std::string ErrorOf(std::string_view text, core::ErrorCode code = core::ErrorCode::kInvalidInput) {
  auto changes = ParseUnifiedDiff(text, "test.diff");
  if (changes) return "parsed without error";
  EXPECT_EQ(changes.error().code, code) << changes.error().ToString();
  return changes.error().ToString();
}

// tests/data/diff/git_mixed.diff: what make_diffs.sh changed, file by file.
const std::vector<std::string> kMixed = {
    "added '' -> 'added.txt' @@-0,0+1,2 +[1,2] -[]",
    "deleted 'doomed.txt' -> '' @@-1,2+0,0 +[] -[1,2]",
    "modified 'image.bin' -> 'image.bin' binary +[] -[]",
    "modified 'no_newline.txt' -> 'no_newline.txt' @@-1,3+1,3 +[2,3] -[2,3]",
    "modified 'numbers.txt' -> 'numbers.txt' @@-1,18+1,18 +[9,10,15] -[3,4,15]",
    "modified 'run.sh' -> 'run.sh' +[] -[]",
    "modified 'with space \xC3\xA9.txt' -> 'with space \xC3\xA9.txt' @@-1,2+1,3 +[2,3] -[2]",
    "renamed 'moved_from.txt' -> 'sub dir/moved to.txt' @@-18,7+18,7 +[21] -[21]",
};

TEST(UnifiedDiffTest, GitDiffOfEveryKindOfChange) {
  ChangeSet changes = Load("git_mixed.diff");
  EXPECT_EQ(DescribeAll(changes), kMixed);
  EXPECT_EQ(changes.files().size(), 8u);
  EXPECT_EQ(changes.files().front().new_path, "added.txt");  // order of the diff
}

TEST(UnifiedDiffTest, NoPrefixFormatPatchAndCrlfReadTheSame) {
  EXPECT_EQ(DescribeAll(Load("git_no_prefix.diff")), kMixed);
  EXPECT_EQ(DescribeAll(Load("format_patch.patch")), kMixed);
  ChangeSet crlf = Load("git_crlf.diff");
  EXPECT_THAT(DescribeAll(crlf), ElementsAre(kMixed[3], kMixed[4]));
}

TEST(UnifiedDiffTest, GitBinaryPatchIsSkipped) {
  ChangeSet changes = Load("git_binary_patch.diff");
  EXPECT_THAT(DescribeAll(changes), ElementsAre(kMixed[2], kMixed[4]));
}

TEST(UnifiedDiffTest, GnuDiffRecursiveNewFile) {
  ChangeSet changes = Load("diff_ruN.diff");
  EXPECT_THAT(DescribeAll(changes), ElementsAre("added '' -> 'created.txt' @@-0,0+1,1 +[1] -[]",
                                                "deleted 'removed.txt' -> '' @@-1,1+0,0 +[] -[1]",
                                                "modified 'list.txt' -> 'list.txt' @@-2,7+2,7 +[5] -[5]"));
}

TEST(UnifiedDiffTest, OmittedCountsAndSectionText) {
  ChangeSet changes = Parse(
      "--- a/f.c\n+++ b/f.c\n"
      "@@ -3 +3 @@ int main(void) {\n-  return 1;\n+  return 0;\n"
      "@@ -10,0 +11 @@\n+  // added\n");
  EXPECT_THAT(DescribeAll(changes),
              ElementsAre("modified 'f.c' -> 'f.c' @@-3,1+3,1 @@-10,0+11,1 +[3,11] -[3]"));
}

TEST(UnifiedDiffTest, PlainDiffUWithTimestampsAndDifferentNames) {
  ChangeSet changes = Parse(
      "--- config.orig\t2024-01-02 03:04:05.000000000 +0000\n"
      "+++ config\t2024-01-02 03:04:06.000000000 +0000\n"
      "@@ -1,2 +1,2 @@\n x\n-y\n+z\n");
  EXPECT_THAT(DescribeAll(changes), ElementsAre("renamed 'config.orig' -> 'config' @@-1,2+1,2 +[2] -[2]"));
}

TEST(UnifiedDiffTest, EmptyLinesInAHunkAreContext) {
  // Mail and editors strip the lone space git writes for an empty line.
  ChangeSet changes = Parse("--- a/t\n+++ b/t\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n\n");
  EXPECT_THAT(DescribeAll(changes), ElementsAre("modified 't' -> 't' @@-1,3+1,3 +[3] -[3]"));
}

TEST(UnifiedDiffTest, GitHeadersWithoutHunks) {
  ChangeSet changes = Parse(
      "diff --git a/empty b/empty\nnew file mode 100644\nindex 0000000..e69de29\n"
      "diff --git a/same name b/same name\ndeleted file mode 100644\nindex e69de29..0000000\n"
      "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n"
      "diff --git a/src b/dst\nsimilarity index 90%\ncopy from src\ncopy to dst\n"
      "diff --git a/p b/p\nold mode 100644\nnew mode 100755\n");
  EXPECT_THAT(DescribeAll(changes),
              ElementsAre("added '' -> 'empty' +[] -[]", "copied 'src' -> 'dst' +[] -[]",
                          "deleted 'same name' -> '' +[] -[]", "modified 'p' -> 'p' +[] -[]",
                          "renamed 'x' -> 'y' +[] -[]"));
}

TEST(UnifiedDiffTest, MnemonicAndMissingPrefixes) {
  ChangeSet changes = Parse(
      "--- /dev/null\n+++ b/new file\t\n@@ -0,0 +1 @@\n+x\n"
      "diff --git i/dir/x w/dir/x\n--- i/dir/x\n+++ w/dir/x\n@@ -1 +1 @@\n-a\n+b\n"
      "diff --git a/b c/d\nsimilarity index 100%\nrename from a/b\nrename to c/d\n");
  EXPECT_THAT(DescribeAll(changes), ElementsAre("added '' -> 'new file' @@-0,0+1,1 +[1] -[]",
                                                "modified 'dir/x' -> 'dir/x' @@-1,1+1,1 +[1] -[1]",
                                                "renamed 'a/b' -> 'c/d' +[] -[]"));
}

TEST(UnifiedDiffTest, QuotedNamesOnOneSideOnly) {
  ChangeSet changes = Parse(
      "diff --git a/plain \"b/tab\\there \\\"q\\\" \\303\\251\"\nsimilarity index 100%\n"
      "rename from plain\nrename to \"tab\\there \\\"q\\\" \\303\\251\"\n");
  ASSERT_EQ(changes.files().size(), 1u);
  EXPECT_EQ(changes.files()[0].new_path, "tab\there \"q\" \xC3\xA9");
  EXPECT_EQ(changes.files()[0].old_path, "plain");
}

TEST(UnifiedDiffTest, ByteOrderMarkCountsInColumns) {
  auto changes = ParseUnifiedDiff(ingest::InputBuffer("bom.diff", "\xEF\xBB\xBF@@ -1 +1 @@\n"));
  ASSERT_FALSE(changes);
  EXPECT_EQ(changes.error().where, "bom.diff:1:4");
}

TEST(UnifiedDiffTest, InputOverTheLimit) {
  ingest::Limits limits;
  limits.max_input_bytes = 10;
  auto changes = ParseUnifiedDiff("--- a/x\n+++ b/x\n", "big.diff", limits);
  ASSERT_FALSE(changes);
  EXPECT_EQ(changes.error().code, core::ErrorCode::kLimitExceeded);
}

TEST(UnifiedDiffTest, EmptyInputIsAnEmptyChangeSet) {
  EXPECT_TRUE(Parse("").files().empty());
  EXPECT_TRUE(Parse("just a commit message\n\nno diff\n").files().empty());
}

TEST(UnifiedDiffErrorTest, MalformedHunkHeaders) {
  const std::string head = "diff --git a/x b/x\n--- a/x\n+++ b/x\n";
  EXPECT_THAT(ErrorOf(head + "@@ -1,2 +1,2\n 1\n"),
              HasSubstr("test.diff:4:13: malformed hunk header: expected ' @@'"));
  EXPECT_THAT(ErrorOf(head + "@@ -a +1 @@\n"), HasSubstr("test.diff:4:5: malformed hunk header"));
  EXPECT_THAT(ErrorOf(head + "@@ -1,x +1 @@\n"), HasSubstr("test.diff:4:7:"));
  EXPECT_THAT(ErrorOf(head + "@@ -1 1 @@\n"), HasSubstr("test.diff:4:6:"));
  EXPECT_THAT(ErrorOf(head + "@@ -1 +99999999999 @@\n"), HasSubstr("line number too large"));
  EXPECT_THAT(ErrorOf(head + "@@ -0,3 +1,3 @@\n"), HasSubstr("line numbers start at 1"));
  EXPECT_THAT(ErrorOf(head + "@@@ -1 -1 +1 @@@\n", core::ErrorCode::kUnsupported),
              HasSubstr("test.diff:4:1:"));
}

TEST(UnifiedDiffErrorTest, BodyShorterThanHeader) {
  const std::string head = "diff --git a/x b/x\n--- a/x\n+++ b/x\n";
  EXPECT_THAT(ErrorOf(head + "@@ -1,3 +1,3 @@\n a\n-b\n+c\ndiff --git a/y b/y\n"),
              HasSubstr("test.diff:8:1: expected a hunk line"));
  EXPECT_THAT(ErrorOf(head + "@@ -1,3 +1,3 @@\n a\n-b\n+c\n"),
              HasSubstr("test.diff:8:1: the diff ends inside a hunk: the hunk header at line 4"));
}

TEST(UnifiedDiffErrorTest, BodyLongerThanHeader) {
  const std::string head = "diff --git a/x b/x\n--- a/x\n+++ b/x\n";
  EXPECT_THAT(
      ErrorOf(head + "@@ -1,3 +1,2 @@\n a\n-b\n+c\n+d\n"),
      HasSubstr("test.diff:8:1: hunk has more added lines than the hunk header at line 4 says -1,3 +1,2"));
  EXPECT_THAT(ErrorOf(head + "@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n"),
              HasSubstr("test.diff:8:1: hunk has more lines than the hunk header at line 4"));
  EXPECT_THAT(ErrorOf(head + "@@ -1,2 +1,2 @@\n a\n-b\n-c\n+d\n"),
              HasSubstr("test.diff:7:1: hunk has more removed lines"));
  EXPECT_THAT(ErrorOf(head + "@@ -1 +1 @@\n-b\n+c\n context\n"),
              HasSubstr("test.diff:7:1: hunk has more lines"));
  EXPECT_THAT(ErrorOf(head + "@@ -1 +1 @@\n-b\n+c\n\\ No newline at end of file\n+d\n"),
              HasSubstr("test.diff:8:1: hunk has more lines"));
  // format-patch's signature after the last hunk is not a hunk line.
  EXPECT_EQ(Parse(head + "@@ -1 +1 @@\n-b\n+c\n-- \n2.39.5\n").files().size(), 1u);
}

TEST(UnifiedDiffErrorTest, GarbageWhereAHunkLineIsExpected) {
  const std::string head = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n";
  EXPECT_THAT(ErrorOf(head + "*b\n+c\n"),
              HasSubstr("test.diff:6:1: expected a hunk line (' ', '-', '+' or '\\'), "
                        "found '*b'"));
  EXPECT_THAT(ErrorOf(head + "@@ -5 +5 @@\n"), HasSubstr("test.diff:6:1:"));
}

TEST(UnifiedDiffErrorTest, HunkWithoutFile) {
  EXPECT_THAT(ErrorOf("From: someone\n\n@@ -1 +1 @@\n-a\n+b\n"),
              HasSubstr("test.diff:3:1: hunk header before any file header"));
}

TEST(UnifiedDiffErrorTest, HunksOutOfOrder) {
  EXPECT_THAT(ErrorOf("--- a/x\n+++ b/x\n@@ -5 +5 @@\n-a\n+b\n@@ -3 +3 @@\n-c\n+d\n"),
              HasSubstr("test.diff:6:1: hunk overlaps or comes before"));
}

TEST(UnifiedDiffErrorTest, BadQuotedNames) {
  EXPECT_THAT(ErrorOf("diff --git \"a/x b/x\n"),
              HasSubstr("test.diff:1:12: quoted file name has no closing quote"));
  EXPECT_THAT(ErrorOf("diff --git \"a/\\q\" \"b/x\"\n"), HasSubstr("test.diff:1:15: invalid escape"));
  EXPECT_THAT(ErrorOf("--- \"a/x\n+++ b/x\n"),
              HasSubstr("test.diff:1:5: quoted file name has no closing quote"));
  EXPECT_THAT(ErrorOf("--- a/x\n+++ \"b/\\9\"\n"), HasSubstr("test.diff:2:8: invalid escape"));
  EXPECT_THAT(ErrorOf("diff --git a/x b/x\nrename to \"\n"), HasSubstr("test.diff:2:11:"));
}

TEST(UnifiedDiffErrorTest, MinusLineWithoutPlusLineInGitHeader) {
  EXPECT_THAT(ErrorOf("diff --git a/x b/x\n--- a/x\n@@ -1 +1 @@\n"), HasSubstr("test.diff:2:1: '---' line"));
}

TEST(UnifiedDiffErrorTest, SameFileTwice) {
  std::string patch = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
  EXPECT_THAT(ErrorOf(patch + patch), HasSubstr("test.diff:6:1: 'x' is changed a second time"));
}

}  // namespace
}  // namespace candor::diff
