// Codeowners: parsing, last-match-wins, GitLab sections, errors, and the real
// files in tests/data/codeowners.

#include "ownership/codeowners.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ownership/locate.h"

namespace candor::ownership {
namespace {

using Owners = std::vector<std::string>;

Codeowners ParseOk(std::string_view text, Dialect dialect = Dialect::kAuto) {
  auto parsed = Codeowners::Parse(text, "CODEOWNERS", {.dialect = dialect});
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().ToString());
  return parsed ? std::move(*parsed) : Codeowners{};
}

core::Error ParseError(std::string_view text, Dialect dialect = Dialect::kAuto) {
  auto parsed = Codeowners::Parse(text, "CODEOWNERS", {.dialect = dialect});
  EXPECT_FALSE(parsed.has_value());
  return parsed ? core::Error{} : parsed.error();
}

std::string RealFile(const std::string& name) {
  return std::string(CANDOR_TEST_DATA) + "/codeowners/" + name;
}

Codeowners LoadReal(const std::string& name) {
  auto loaded = LoadCodeowners(RealFile(name));
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().ToString());
  return loaded ? std::move(*loaded) : Codeowners{};
}

TEST(CodeownersTest, CommentsBlankLinesAndTrailingComments) {
  auto owners = ParseOk("# comment\n\n   \n*.c @c-team # reviewers of C\r\n");
  EXPECT_EQ(owners.rule_count(), 1u);
  auto result = owners.OwnersOf("src/a.c");
  EXPECT_EQ(result.owners, Owners{"@c-team"});
  EXPECT_EQ(result.line, 4);
}

TEST(CodeownersTest, LastMatchingPatternWins) {
  auto owners = ParseOk("* @everyone\n/src/ @src\n*.js @js\n");
  EXPECT_EQ(owners.OwnersOf("README").owners, Owners{"@everyone"});
  EXPECT_EQ(owners.OwnersOf("src/a.c").owners, Owners{"@src"});
  EXPECT_EQ(owners.OwnersOf("src/a.js").owners, Owners{"@js"});
  EXPECT_EQ(owners.OwnersOf("src/a.js").line, 3);
  // Order matters: a catch-all after a specific rule takes everything.
  auto reversed = ParseOk("/src/ @src\n* @everyone\n");
  EXPECT_EQ(reversed.OwnersOf("src/a.c").owners, Owners{"@everyone"});
}

TEST(CodeownersTest, EmptyOwnerListUnownsThePath) {
  auto owners = ParseOk("* @everyone\n/vendor/\n");
  auto result = owners.OwnersOf("vendor/lib.c");
  EXPECT_FALSE(result.owned());
  EXPECT_EQ(result.line, 2);  // the rule that un-owned it
  EXPECT_EQ(owners.OwnersOf("main.c").owners, Owners{"@everyone"});
  auto none = ParseOk("/docs/ @docs\n").OwnersOf("src/a.c");
  EXPECT_FALSE(none.owned());
  EXPECT_EQ(none.line, 0);
}

TEST(CodeownersTest, OwnerKinds) {
  auto owners = ParseOk("* @user @org/team first.last@example.com\n");
  EXPECT_EQ(owners.OwnersOf("x").owners, (Owners{"@user", "@org/team", "first.last@example.com"}));
  EXPECT_TRUE(IsValidOwner("@a-b_c.d", Dialect::kGitHub));
  EXPECT_FALSE(IsValidOwner("@org/team/sub", Dialect::kGitHub));
  EXPECT_TRUE(IsValidOwner("@org/team/sub", Dialect::kGitLab));
  EXPECT_TRUE(IsValidOwner("@@maintainer", Dialect::kGitLab));
  EXPECT_FALSE(IsValidOwner("@@maintainer", Dialect::kGitHub));
  EXPECT_FALSE(IsValidOwner("user", Dialect::kGitHub));
  EXPECT_FALSE(IsValidOwner("@", Dialect::kGitHub));
  EXPECT_FALSE(IsValidOwner("a@b", Dialect::kGitHub));
  EXPECT_FALSE(IsValidOwner("@org/", Dialect::kGitHub));
}

TEST(CodeownersTest, EscapedHashIsAPatternInGitLabFiles) {
  // GitLab documents `\#file_with_pound.rb` as a pattern.
  auto owners = ParseOk("\\#notes @notes\n", Dialect::kGitLab);
  EXPECT_EQ(owners.rule_count(), 1u);
  EXPECT_EQ(owners.OwnersOf("#notes").owners, Owners{"@notes"});
}

TEST(CodeownersTest, EscapedHashIsRefusedInGitHubFiles) {
  // GitHub's docs: escaping a pattern starting with `#` using `\` "doesn't work" in CODEOWNERS.
  EXPECT_EQ(ParseError("* @a\n\\#notes @notes\n").where, "CODEOWNERS:2:1");
  EXPECT_EQ(ParseError("\\#notes @notes\n", Dialect::kGitHub).code, core::ErrorCode::kInvalidInput);
}

TEST(CodeownersTest, EscapedSpaceInPattern) {
  auto owners = ParseOk("/my\\ docs/ @docs\n");
  EXPECT_EQ(owners.OwnersOf("my docs/a.md").owners, Owners{"@docs"});
}

TEST(CodeownersTest, AnchoredAndFloatingRulesInterleaveInFileOrder) {
  // The index by first segment must not change which rule is last.
  auto owners = ParseOk("/src/ @a\n*.c @b\n/src/main.c @c\n/src/x/ @d\n");
  EXPECT_EQ(owners.OwnersOf("src/main.c").owners, Owners{"@c"});
  EXPECT_EQ(owners.OwnersOf("src/util.c").owners, Owners{"@b"});
  EXPECT_EQ(owners.OwnersOf("src/util.h").owners, Owners{"@a"});
  EXPECT_EQ(owners.OwnersOf("src/x/y.c").owners, Owners{"@d"});
  EXPECT_EQ(owners.OwnersOf("./src/util.h").owners, Owners{"@a"});
}

TEST(CodeownersTest, IndexedRulesKeepFileOrder) {
  // Rules land in different index buckets; the newest matching one still wins.
  auto owners = ParseOk("* @all\n*.c @ext\nlogs @seg\n/src/ @first\n**/x?/*.c @general\ngen/**/*.h @h\n");
  EXPECT_EQ(owners.OwnersOf("a/b.c").owners, Owners{"@ext"});
  EXPECT_EQ(owners.OwnersOf("a/logs/b.c").owners, Owners{"@seg"});
  EXPECT_EQ(owners.OwnersOf("src/logs/b.c").owners, Owners{"@first"});
  EXPECT_EQ(owners.OwnersOf("src/xy/b.c").owners, Owners{"@general"});
  EXPECT_EQ(owners.OwnersOf("gen/a/b.h").owners, Owners{"@h"});
  EXPECT_EQ(owners.OwnersOf("q.c/logs/z").owners, Owners{"@seg"});
  EXPECT_EQ(owners.OwnersOf("q.c/logs.d/z").owners, Owners{"@ext"});
  EXPECT_EQ(owners.OwnersOf("dir.c/z").owners, Owners{"@ext"});  // *.c names a directory
  EXPECT_EQ(owners.OwnersOf("z").owners, Owners{"@all"});
}

TEST(CodeownersTest, ErrorsNameFileLineAndColumn) {
  auto bad_owner = ParseError("* @ok\n/src/  @team  not-an-owner\n");
  EXPECT_EQ(bad_owner.code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(bad_owner.where, "CODEOWNERS:2:15");
  auto negation = ParseError("\n  !secret.txt @a\n");
  EXPECT_EQ(negation.where, "CODEOWNERS:2:3");
  EXPECT_NE(negation.message.find("not supported"), std::string::npos);
  auto range = ParseError("src/[ab].c @a\n", Dialect::kGitHub);
  EXPECT_EQ(range.where, "CODEOWNERS:1:5");
}

TEST(CodeownersTest, LimitsAreEnforced) {
  auto too_big = Codeowners::Parse("* @a\n", "CODEOWNERS", {.max_bytes = 3});
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, core::ErrorCode::kLimitExceeded);
  auto too_many = Codeowners::Parse("a @a\nb @b\nc @c\n", "CODEOWNERS", {.max_rules = 2});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, core::ErrorCode::kLimitExceeded);
  EXPECT_EQ(too_many.error().where, "CODEOWNERS:3:1");
}

TEST(CodeownersTest, DialectIsDetectedFromSectionHeaders) {
  EXPECT_EQ(ParseOk("* @a\n").dialect(), Dialect::kGitHub);
  EXPECT_EQ(ParseOk("* @a\n[Docs]\n/docs/ @d\n").dialect(), Dialect::kGitLab);
  EXPECT_EQ(ParseOk("* @a\n^[Docs][2] @d\n").dialect(), Dialect::kGitLab);
  // Forced GitHub: a header line is an unsupported '[' pattern.
  EXPECT_EQ(ParseError("[Docs]\n", Dialect::kGitHub).where, "CODEOWNERS:1:1");
}

TEST(CodeownersTest, GitLabSectionsUnionLastMatchPerSection) {
  auto owners = ParseOk(
      "* @default\n"
      "[Docs] @docs-team\n"
      "/docs/\n"
      "*.md @writers\n"
      "^[Frontend][2] @fe\n"
      "*.js\n"
      "/docs/api/ @api-docs\n"
      "[docs]\n"
      "/docs/internal/ @internal\n");
  EXPECT_EQ(owners.dialect(), Dialect::kGitLab);
  auto guide = owners.OwnersOf("docs/guide.md");
  EXPECT_EQ(guide.owners, (Owners{"@default", "@writers"}));
  ASSERT_EQ(guide.matches.size(), 2u);
  EXPECT_EQ(guide.matches[1].section, "Docs");
  EXPECT_EQ(guide.matches[1].line, 4);
  EXPECT_EQ(guide.line, 4);
  // The header's default owners fill entries without owners.
  EXPECT_EQ(owners.OwnersOf("docs/a.txt").owners, (Owners{"@default", "@docs-team"}));
  // Optional sections still name owners; the match says it is optional.
  auto api = owners.OwnersOf("docs/api/x.js");
  EXPECT_EQ(api.owners, (Owners{"@default", "@docs-team", "@api-docs"}));
  EXPECT_TRUE(api.matches.back().optional);
  EXPECT_EQ(api.matches.back().line, 7);
  // Section names are case-insensitive: [docs] continues [Docs].
  auto internal = owners.OwnersOf("docs/internal/a.txt");
  EXPECT_EQ(internal.owners, (Owners{"@default", "@internal"}));
  EXPECT_EQ(internal.matches.size(), 2u);
}

TEST(CodeownersTest, GitLabFileReadAsGitHubIsRefused) {
  EXPECT_FALSE(Codeowners::Parse("[Docs] @d\n", "CODEOWNERS", {.dialect = Dialect::kGitHub}));
}

// The real files: every one parses; a few paths checked by hand.
TEST(CodeownersRealFilesTest, EveryFileParses) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CANDOR_TEST_DATA) + "/codeowners")) {
    if (entry.path().extension() != ".CODEOWNERS") continue;  // the *.paths.txt trees
    auto loaded = LoadCodeowners(entry.path().string());
    EXPECT_TRUE(loaded.has_value()) << entry.path() << ": " << (loaded ? "" : loaded.error().ToString());
  }
}

TEST(CodeownersRealFilesTest, Codechecker) {
  auto owners = LoadReal("codechecker.CODEOWNERS");
  EXPECT_EQ(owners.OwnersOf("analyzer/codechecker_analyzer/cli.py").owners, Owners{"@bruntib"});
  EXPECT_EQ(owners.OwnersOf("docs/README.md").owners, (Owners{"@bruntib", "@dkrupp"}));
  EXPECT_EQ(owners.OwnersOf("docs/README.md").line, 8);
  EXPECT_EQ(owners.OwnersOf(".github/CODEOWNERS").owners, Owners{"@dkrupp"});
  EXPECT_EQ(owners.OwnersOf("web/server/vue-cli/src/main.js").line, 11);
}

TEST(CodeownersRealFilesTest, DefectDojoCatchAllComesLast) {
  auto owners = LoadReal("django-DefectDojo.CODEOWNERS");
  // "/docs/content/" is line 2, but "*" on line 4 comes later and wins.
  auto docs = owners.OwnersOf("docs/content/en/_index.md");
  EXPECT_EQ(docs.owners, (Owners{"@Maffooch", "@blakeaowens"}));
  EXPECT_EQ(docs.line, 4);
}

TEST(CodeownersRealFilesTest, ThreatDragonTabSeparated) {
  auto owners = LoadReal("threat-dragon.CODEOWNERS");
  EXPECT_EQ(owners.OwnersOf("td.vue/src/main.js").owners, (Owners{"@jgadsden", "@lreading"}));
}

TEST(CodeownersRealFilesTest, CodeqlActionAndVscode) {
  EXPECT_EQ(LoadReal("codeql-action.CODEOWNERS").OwnersOf("src/init.ts").owners,
            Owners{"@github/codeql-action-reviewers"});
  auto vscode = LoadReal("vscode.CODEOWNERS");
  EXPECT_EQ(vscode.OwnersOf("src/vscode-dts/vscode.d.ts").owners, (Owners{"@jrieken", "@mjbvz"}));
  EXPECT_FALSE(vscode.OwnersOf("src/vs/code/main.ts").owned());
}

TEST(CodeownersRealFilesTest, Node) {
  auto owners = LoadReal("node.CODEOWNERS");
  EXPECT_EQ(owners.OwnersOf(".github/CODEOWNERS").owners, Owners{"@nodejs/tsc"});
  EXPECT_EQ(owners.OwnersOf(".github/ISSUE_TEMPLATE/bug.yml").line, 15);
  EXPECT_EQ(owners.OwnersOf("doc/contributing/a/b.md").line, 18);
  EXPECT_EQ(owners.OwnersOf("BUILDING.md").owners, (Owners{"@nodejs/build", "@nodejs/tsc"}));
  EXPECT_EQ(owners.OwnersOf("lib/_stream_readable.js").owners, Owners{"@nodejs/streams"});
  EXPECT_FALSE(owners.OwnersOf("README.md").owned());
}

TEST(CodeownersRealFilesTest, ScpFirmwareGitHubDialect) {
  auto owners = LoadReal("SCP-firmware.github.CODEOWNERS");
  EXPECT_EQ(owners.dialect(), Dialect::kGitHub);
  EXPECT_EQ(owners.OwnersOf("product/rcar/src/x.c").owners, Owners{"nroyer@baylibre.com"});
  EXPECT_EQ(owners.OwnersOf("product/rcar/src/x.c").line, 15);
  EXPECT_EQ(owners.OwnersOf("framework/src/fwk_core.c").line, 5);
  EXPECT_EQ(owners.OwnersOf(".github/workflows/ci.yml").line, 5);  // no CI section in this dialect
}

TEST(CodeownersRealFilesTest, ScpFirmwareGitLabDialect) {
  auto owners = LoadReal("SCP-firmware.gitlab.CODEOWNERS");
  EXPECT_EQ(owners.dialect(), Dialect::kGitLab);
  // [CI] has default owners on its header; /.github/ takes them (line 12).
  auto ci = owners.OwnersOf(".github/workflows/ci.yml");
  ASSERT_EQ(ci.matches.size(), 2u);
  EXPECT_EQ(ci.matches[1].section, "CI");
  EXPECT_EQ(ci.matches[1].line, 12);
  EXPECT_EQ(ci.owners.size(), 6u);  // the same six people as the default section
  // [Platform] has no default owners; morello is the union of core and platform.
  auto morello = owners.OwnersOf("product/morello/src/x.c");
  EXPECT_EQ(morello.line, 20);
  EXPECT_EQ(morello.owners.size(), 8u);
  EXPECT_EQ(morello.owners.back(), "chandni.cherukuri@arm.com");
}

TEST(CodeownersRealFilesTest, GitLab) {
  auto owners = LoadReal("gitlab.CODEOWNERS");
  EXPECT_EQ(owners.dialect(), Dialect::kGitLab);
  EXPECT_GT(owners.rule_count(), 1000u);
  // An entry without owners before any header un-owns: the default section
  // gives nothing for doc/**/*.md (line 19); Backend-like sections may still.
  auto doc = owners.OwnersOf("doc/index.md");
  ASSERT_FALSE(doc.matches.empty());
  EXPECT_EQ(doc.matches[0].section, "");
  EXPECT_EQ(doc.matches[0].line, 19);  // /doc/**/*.md, after /doc/*.md
  EXPECT_TRUE(doc.matches[0].owners.empty());
  // ^[Backend] @gitlab-org/maintainers/rails-backend, then "*.rb" (line 38).
  auto rb = owners.OwnersOf("app/models/zzz_not_listed.rb");
  bool backend = false;
  for (const auto& match : rb.matches) {
    if (match.section == "Backend") {
      backend = true;
      EXPECT_TRUE(match.optional);
      EXPECT_EQ(match.owners, Owners{"@gitlab-org/maintainers/rails-backend"});
    }
  }
  EXPECT_TRUE(backend);
}

TEST(LocateTest, GitHubOrder) {
  auto dir = std::filesystem::temp_directory_path() / ("candor-own-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "docs");
  EXPECT_EQ(FindCodeownersFile(dir.string()).error().code, core::ErrorCode::kNotFound);
  std::ofstream(dir / "docs/CODEOWNERS") << "* @a\n";
  EXPECT_EQ(*FindCodeownersFile(dir.string()), (dir / "docs/CODEOWNERS").string());
  std::ofstream(dir / "CODEOWNERS") << "* @a\n";
  EXPECT_EQ(*FindCodeownersFile(dir.string()), (dir / "CODEOWNERS").string());
  std::filesystem::create_directories(dir / ".github");
  std::ofstream(dir / ".github/CODEOWNERS") << "* @a\n";
  EXPECT_EQ(*FindCodeownersFile(dir.string()), (dir / ".github/CODEOWNERS").string());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace candor::ownership
