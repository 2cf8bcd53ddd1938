// Artifact URIs to repo-relative paths (ingest/sarif_uri.h).

#include "ingest/sarif_uri.h"

#include <gtest/gtest.h>

namespace candor::ingest::sarif {
namespace {

std::string Resolve(const UriResolver& resolver, std::string_view uri, std::string_view base,
                    uint32_t* issues_out = nullptr) {
  std::string out;
  uint32_t issues = 0;
  resolver.Resolve(uri, base, out, issues);
  if (issues_out != nullptr) *issues_out = issues;
  return out;
}

TEST(SarifUriTest, DecodesFileUrisAndPercentEncoding) {
  EXPECT_EQ(DecodeUriPath("file:///home/a%20b/x.c"), "/home/a b/x.c");
  EXPECT_EQ(DecodeUriPath("file:///C:/src/x.c"), "C:/src/x.c");
  EXPECT_EQ(DecodeUriPath("file://localhost/etc/x"), "/etc/x");
  EXPECT_EQ(DecodeUriPath("file://server/share/x"), "//server/share/x");
  EXPECT_EQ(DecodeUriPath("src\\win\\x.cs"), "src/win/x.cs");
  EXPECT_EQ(DecodeUriPath("bad%zzescape%4"), "bad%zzescape%4");  // invalid escapes kept
  EXPECT_EQ(DecodeUriPath("a%2Fb"), "a/b");
}

TEST(SarifUriTest, SchemesAndDrives) {
  EXPECT_TRUE(IsNonFileUri("https://example.com/x"));
  EXPECT_TRUE(IsNonFileUri("urn:x"));
  EXPECT_FALSE(IsNonFileUri("file:///x"));
  EXPECT_FALSE(IsNonFileUri("C:/x"));
  EXPECT_FALSE(IsNonFileUri("src/a:b.c"));
  EXPECT_TRUE(IsAbsolutePath("/x"));
  EXPECT_TRUE(IsAbsolutePath("c:/x"));
  EXPECT_FALSE(IsAbsolutePath("x/y"));
}

TEST(SarifUriTest, NormalizesDots) {
  auto norm = [](std::string path) {
    NormalizeDots(path);
    return path;
  };
  EXPECT_EQ(norm("./a/./b"), "a/b");
  EXPECT_EQ(norm("a/../b"), "b");
  EXPECT_EQ(norm("a//b/"), "a/b/");
  EXPECT_EQ(norm("../x"), "../x");
  EXPECT_EQ(norm("a/../../x"), "../x");
  EXPECT_EQ(norm("/a/../../x"), "/x");
  EXPECT_EQ(norm("."), "");
  EXPECT_EQ(norm("plain/path.c"), "plain/path.c");
}

TEST(SarifUriTest, ChainedBases) {
  UriResolver resolver;
  resolver.AddBase("REPOROOT", "", "");
  resolver.AddBase("SRCROOT", "src/", "REPOROOT");
  resolver.AddBase("LIB", "lib/", "SRCROOT");
  resolver.Finish();
  EXPECT_EQ(Resolve(resolver, "README.md", "REPOROOT"), "README.md");
  EXPECT_EQ(Resolve(resolver, "io/kb.c", "SRCROOT"), "src/io/kb.c");
  EXPECT_EQ(Resolve(resolver, "z.c", "LIB"), "src/lib/z.c");
  uint32_t issues = 0;
  EXPECT_EQ(Resolve(resolver, "x.c", "NOPE", &issues), "x.c");
  EXPECT_EQ(issues, kPathUnknownBase);
}

TEST(SarifUriTest, AbsolutePathsUnderABaseBecomeRelative) {
  UriResolver resolver;
  resolver.AddBase("SRCROOT", "file:///home/runner/work/repo/", "");
  resolver.AddBase("TMP", "file:///tmp/", "");
  resolver.Finish();
  uint32_t issues = 0;
  EXPECT_EQ(Resolve(resolver, "file:///home/runner/work/repo/src/a.c", "", &issues), "src/a.c");
  EXPECT_EQ(issues, 0u);
  EXPECT_EQ(Resolve(resolver, "src/a.c", "SRCROOT"), "src/a.c");
  EXPECT_EQ(Resolve(resolver, "file:///opt/other/a.c", "", &issues), "opt/other/a.c");
  EXPECT_EQ(issues, kPathAbsoluteNoBase);
  // A prefix must end on a segment boundary.
  EXPECT_EQ(Resolve(resolver, "file:///home/runner/work/repository/a.c", ""),
            "home/runner/work/repository/a.c");
}

TEST(SarifUriTest, RepositoryRootFromProvenance) {
  UriResolver resolver;
  resolver.AddBase("BUILD", "file:///build/", "");
  resolver.AddRepositoryRoot("checkout/", "BUILD");
  resolver.Finish();
  EXPECT_EQ(Resolve(resolver, "/build/checkout/src/x.c", ""), "src/x.c");
}

TEST(SarifUriTest, HttpAndEscapes) {
  UriResolver resolver;
  resolver.Finish();
  EXPECT_EQ(Resolve(resolver, "https://github.com/o/r/blob/x.c", ""), "https://github.com/o/r/blob/x.c");
  uint32_t issues = 0;
  EXPECT_EQ(Resolve(resolver, "../../etc/passwd", "", &issues), "../../etc/passwd");
  EXPECT_EQ(issues, kPathEscapesRoot);
}

TEST(SarifUriTest, BaseCyclesDoNotLoop) {
  UriResolver resolver;
  resolver.AddBase("A", "a/", "B");
  resolver.AddBase("B", "b/", "A");
  resolver.Finish();
  std::string path = Resolve(resolver, "x", "A");
  EXPECT_FALSE(path.empty());
}

}  // namespace
}  // namespace candor::ingest::sarif
