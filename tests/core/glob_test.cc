#include "core/glob.h"

#include <gtest/gtest.h>

#include <string>

namespace candor::core {
namespace {

bool M(std::string_view pattern, std::string_view path) {
  auto glob = Glob::Compile(pattern);
  EXPECT_TRUE(glob) << pattern << ": " << glob.error().ToString();
  return glob && glob->Matches(path);
}

TEST(GlobTest, LiteralsMatchWholePathOnly) {
  EXPECT_TRUE(M("src/a.cc", "src/a.cc"));
  EXPECT_FALSE(M("src/a.cc", "src/a.c"));
  EXPECT_FALSE(M("src/a.cc", "src/a.ccx"));
  EXPECT_FALSE(M("a.cc", "src/a.cc"));  // anchored: no implicit "**/"
  EXPECT_FALSE(M("src", "src/a.cc"));
  EXPECT_TRUE(M("", ""));
  EXPECT_FALSE(M("", "a"));
  EXPECT_FALSE(M("a", ""));
  EXPECT_FALSE(M("Src/A.cc", "src/a.cc"));  // case-sensitive
}

TEST(GlobTest, StarStaysWithinASegment) {
  EXPECT_TRUE(M("src/*.cc", "src/a.cc"));
  EXPECT_TRUE(M("src/*.cc", "src/.cc"));
  EXPECT_FALSE(M("src/*.cc", "src/x/a.cc"));
  EXPECT_TRUE(M("*", "anything"));
  EXPECT_TRUE(M("*", ""));
  EXPECT_FALSE(M("*", "a/b"));
  EXPECT_TRUE(M("*/*", "a/b"));
  EXPECT_TRUE(M("a*b*c", "abc"));
  EXPECT_TRUE(M("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(M("a*b*c", "aXbYbZ"));
  EXPECT_TRUE(M("*.min.js", "x.min.js"));
  EXPECT_TRUE(M("a**b", "aXXb"));  // "**" inside a segment is a plain star
  EXPECT_FALSE(M("a**b", "a/b"));
  EXPECT_TRUE(M("***", "abc"));
}

TEST(GlobTest, QuestionMarkIsOneCharacterNotSlash) {
  EXPECT_TRUE(M("a?c", "abc"));
  EXPECT_FALSE(M("a?c", "ac"));
  EXPECT_FALSE(M("a?c", "abbc"));
  EXPECT_FALSE(M("a?c", "a/c"));
}

TEST(GlobTest, DoubleStarCrossesSegments) {
  EXPECT_TRUE(M("**", ""));
  EXPECT_TRUE(M("**", "a"));
  EXPECT_TRUE(M("**", "a/b/c"));
  EXPECT_TRUE(M("**/a.cc", "a.cc"));
  EXPECT_TRUE(M("**/a.cc", "x/y/a.cc"));
  EXPECT_FALSE(M("**/a.cc", "x/ya.cc"));
  EXPECT_TRUE(M("src/**/a.cc", "src/a.cc"));
  EXPECT_TRUE(M("src/**/a.cc", "src/x/y/z/a.cc"));
  EXPECT_FALSE(M("src/**/a.cc", "lib/src/a.cc"));
  EXPECT_TRUE(M("src/**", "src/a"));
  EXPECT_TRUE(M("src/**", "src/a/b/c"));
  EXPECT_FALSE(M("src/**", "src"));  // everything inside src, not src itself
  EXPECT_FALSE(M("src/**", "srcx/a"));
  EXPECT_TRUE(M("**/test/**", "a/test/b"));
  EXPECT_TRUE(M("**/test/**", "test/b/c"));
  EXPECT_FALSE(M("**/test/**", "a/test"));
  EXPECT_TRUE(M("a/**/b/**/c", "a/b/c"));
  EXPECT_TRUE(M("a/**/b/**/c", "a/x/b/y/b/z/c"));
  EXPECT_FALSE(M("a/**/b/**/c", "a/x/c"));
  EXPECT_TRUE(M("a/**/**/b", "a/b"));
  EXPECT_TRUE(M("**/*.json", "package-lock.json"));
  EXPECT_TRUE(M("**/*.json", "web/node_modules/x/package.json"));
  EXPECT_FALSE(M("**/*.json", "web/package.json5"));
}

TEST(GlobTest, CharacterClasses) {
  EXPECT_TRUE(M("[abc].cc", "b.cc"));
  EXPECT_FALSE(M("[abc].cc", "d.cc"));
  EXPECT_TRUE(M("file[0-9]", "file7"));
  EXPECT_FALSE(M("file[0-9]", "filex"));
  EXPECT_TRUE(M("[!0-9]x", "ax"));
  EXPECT_FALSE(M("[!0-9]x", "5x"));
  EXPECT_TRUE(M("[^0-9]x", "ax"));
  EXPECT_TRUE(M("[]]", "]"));
  EXPECT_TRUE(M("[!]]", "a"));
  EXPECT_FALSE(M("[!]]", "]"));
  EXPECT_TRUE(M("[a-]", "-"));
  EXPECT_TRUE(M("[*?]", "*"));
  EXPECT_FALSE(M("[*?]", "x"));
  EXPECT_TRUE(M("[\\]]", "]"));
  EXPECT_FALSE(M("a[!x]b", "a/b"));  // '/' is never matched by a class
}

TEST(GlobTest, BackslashEscapes) {
  EXPECT_TRUE(M("a\\*b", "a*b"));
  EXPECT_FALSE(M("a\\*b", "axb"));
  EXPECT_TRUE(M("\\?", "?"));
  EXPECT_FALSE(M("\\?", "x"));
  EXPECT_TRUE(M("\\[x]", "[x]"));
  EXPECT_TRUE(M("a\\\\b", "a\\b"));
}

TEST(GlobTest, MalformedPatternsAreRefused) {
  for (const char* pattern : {"[abc", "src/[a", "a\\", "[a/b]", "a\\/b", "[!", "[]"}) {
    auto glob = Glob::Compile(pattern);
    ASSERT_FALSE(glob) << pattern;
    EXPECT_EQ(glob.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(glob.error().message.find(pattern), std::string::npos) << glob.error().message;
    EXPECT_FALSE(GlobMatches(pattern, pattern));
  }
}

TEST(GlobTest, UnicodeAndOddPathsAreBytes) {
  EXPECT_TRUE(M("src/日本語/*.js", "src/日本語/ü.js"));
  EXPECT_TRUE(M("a//b", "a//b"));
  EXPECT_TRUE(M("a/*/b", "a//b"));  // an empty segment is still a segment
  EXPECT_TRUE(M("dir/", "dir/"));
  EXPECT_FALSE(M("dir/", "dir"));
}

TEST(GlobTest, PathologicalPatternsStayFast) {
  // Exponential backtracking would never finish these.
  std::string path(200, 'a');
  EXPECT_FALSE(M("*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "a/";
  deep += "x";
  EXPECT_FALSE(M("**/a/**/a/**/a/**/a/**/a/**/a/**/b", deep));
  EXPECT_TRUE(M("**/a/**/a/**/a/**/a/**/x", deep));
}

TEST(GlobTest, KeepsItsPattern) {
  auto glob = Glob::Compile("src/**/*.cc");
  ASSERT_TRUE(glob);
  EXPECT_EQ(glob->pattern(), "src/**/*.cc");
}

}  // namespace
}  // namespace candor::core
