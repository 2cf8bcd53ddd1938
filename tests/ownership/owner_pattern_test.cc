// OwnerPattern: the gitignore-style subset GitHub documents for CODEOWNERS.

#include "ownership/owner_pattern.h"

#include <gtest/gtest.h>

namespace candor::ownership {
namespace {

bool Owns(std::string_view pattern, std::string_view path) {
  auto compiled = OwnerPattern::Compile(pattern);
  EXPECT_TRUE(compiled.has_value()) << pattern;
  return compiled && compiled->Matches(SplitPath(path));
}

TEST(OwnerPatternTest, PatternWithoutSlashMatchesAtAnyDepth) {
  EXPECT_TRUE(Owns("*.js", "app.js"));
  EXPECT_TRUE(Owns("*.js", "src/deep/app.js"));
  EXPECT_FALSE(Owns("*.js", "src/app.jsx"));
  EXPECT_TRUE(Owns("apps", "apps/a/b.c"));
  EXPECT_TRUE(Owns("apps", "x/apps/b.c"));
  EXPECT_TRUE(Owns("*", "a/b/c"));
}

TEST(OwnerPatternTest, LeadingOrInnerSlashAnchorsToRoot) {
  EXPECT_TRUE(Owns("/build/logs", "build/logs/x.log"));
  EXPECT_FALSE(Owns("/build/logs", "src/build/logs/x.log"));
  EXPECT_TRUE(Owns("docs/api", "docs/api/index.md"));
  EXPECT_FALSE(Owns("docs/api", "x/docs/api/index.md"));
  EXPECT_TRUE(Owns("/README.md", "README.md"));
  EXPECT_FALSE(Owns("/README.md", "doc/README.md"));
}

TEST(OwnerPatternTest, TrailingSlashMatchesDirectoryContentsOnly) {
  EXPECT_TRUE(Owns("apps/", "apps/a.c"));
  EXPECT_TRUE(Owns("apps/", "src/apps/deep/a.c"));
  EXPECT_FALSE(Owns("apps/", "apps"));  // a file named apps is not the directory
  EXPECT_TRUE(Owns("/docs/", "docs/a/b.md"));
  EXPECT_TRUE(Owns("/docs/**", "docs/a/b.md"));
  EXPECT_FALSE(Owns("/docs/**", "docs"));
}

TEST(OwnerPatternTest, FinalStarOwnsDirectChildrenOnly) {
  EXPECT_TRUE(Owns("docs/*", "docs/getting-started.md"));
  EXPECT_FALSE(Owns("docs/*", "docs/build-app/troubleshooting.md"));
  EXPECT_TRUE(Owns("/lib/_stream*", "lib/_stream_readable.js"));
  EXPECT_TRUE(Owns("/lib/_stream*", "lib/_streams/x.js"));  // a directory it names owns its contents
}

TEST(OwnerPatternTest, DoubleStarCrossesSegmentsSingleStarDoesNot) {
  EXPECT_TRUE(Owns("**/logs", "logs/a"));
  EXPECT_TRUE(Owns("**/logs", "deeply/nested/logs/a"));
  EXPECT_TRUE(Owns("/doc/**/*.md", "doc/a.md"));
  EXPECT_TRUE(Owns("/doc/**/*.md", "doc/x/y/a.md"));
  EXPECT_FALSE(Owns("/doc/*.md", "doc/x/a.md"));
  EXPECT_TRUE(Owns("a/**/b", "a/b"));
  EXPECT_TRUE(Owns("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(Owns("a/*/b", "a/x/y/b"));
  EXPECT_TRUE(Owns("**/*", "any/file"));
}

TEST(OwnerPatternTest, QuestionMarkIsOneCharacter) {
  EXPECT_TRUE(Owns("file?.txt", "file1.txt"));
  EXPECT_FALSE(Owns("file?.txt", "file10.txt"));
  EXPECT_FALSE(Owns("a?b", "a/b"));
}

TEST(OwnerPatternTest, EscapesAreLiteral) {
  EXPECT_TRUE(Owns("\\#notes", "#notes"));
  EXPECT_TRUE(Owns("my\\ file.txt", "dir/my file.txt"));
  EXPECT_TRUE(Owns("a\\*b", "a*b"));
  EXPECT_FALSE(Owns("a\\*b", "axb"));
}

TEST(OwnerPatternTest, MatchingIsCaseSensitive) {
  EXPECT_FALSE(Owns("/Docs/", "docs/a.md"));
}

TEST(OwnerPatternTest, RefusesWhatGitHubDoesNotSupport) {
  auto negated = OwnerPattern::Compile("!foo");
  ASSERT_FALSE(negated);
  EXPECT_EQ(negated.error().column, 0u);
  auto range = OwnerPattern::Compile("src/[abc].c");
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().column, 4u);
  EXPECT_FALSE(OwnerPattern::Compile("trailing\\"));
  EXPECT_TRUE(OwnerPattern::Compile("\\[literal\\]"));
}

TEST(OwnerPatternTest, ManyDoubleStarsStayLinear) {
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "**/a/";
  pattern += "b";
  std::string path;
  for (int i = 0; i < 200; ++i) path += "a/";
  path += "c";
  EXPECT_FALSE(Owns(pattern, path));
}

TEST(OwnerPatternTest, IndexKeyIsANecessaryCondition) {
  using Kind = OwnerPattern::IndexKey::Kind;
  auto key = [](std::string_view text) { return OwnerPattern::Compile(text)->index_key(); };
  EXPECT_EQ(key("/src/x").kind, Kind::kFirstSegment);
  EXPECT_EQ(key("src/x").text, "src");
  EXPECT_EQ(key("src").kind, Kind::kSegment);  // floats: any segment named src
  EXPECT_EQ(key("/s*/x").text, "x");
  EXPECT_EQ(key("*.tar.gz").kind, Kind::kExtension);
  EXPECT_EQ(key("*.tar.gz").text, "gz");
  EXPECT_EQ(key("/s*/*.c?").kind, Kind::kNone);
  EXPECT_EQ(key("*").kind, Kind::kNone);
}

}  // namespace
}  // namespace candor::ownership
