// CWE, advisory and package extraction, message placeholders, and the
// category table (ingest/sarif_extract.h, sarif_message.h, category_rules.h).

#include "ingest/sarif_extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/category_rules.h"
#include "ingest/sarif_message.h"

namespace candor::ingest::sarif {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<int> Cwes(std::string_view text) {
  std::vector<int> out;
  AppendCwes(text, out);
  return out;
}

std::vector<std::string> Advisories(std::string_view text) {
  std::vector<std::string> out;
  AppendAdvisories(text, out);
  return out;
}

TEST(SarifExtractTest, CweForms) {
  EXPECT_THAT(Cwes("external/cwe/cwe-079"), ElementsAre(79));
  EXPECT_THAT(Cwes("CWE-79: Improper Neutralization"), ElementsAre(79));
  EXPECT_THAT(Cwes("cwe:89, CWE_22"), ElementsAre(89, 22));
  EXPECT_THAT(Cwes("cwe-top-25"), IsEmpty());
  EXPECT_THAT(Cwes("CWE-79x"), IsEmpty());
  EXPECT_THAT(Cwes("security"), IsEmpty());
  EXPECT_EQ(ParseCweId("401"), 401);
  EXPECT_EQ(ParseCweId("CWE-401"), 401);
  EXPECT_EQ(ParseCweId("x401"), 0);
  EXPECT_EQ(ParseCweId(""), 0);
}

TEST(SarifExtractTest, AdvisoryIds) {
  EXPECT_THAT(Advisories("CVE-2008-0732-geronimo-j2ee"), ElementsAre("CVE-2008-0732"));
  EXPECT_THAT(Advisories("cve-2021-44228"), ElementsAre("CVE-2021-44228"));
  EXPECT_THAT(Advisories("GHSA-JFH8-C2JP-5V3Q and CVE-2021-123456"),
              ElementsAre("GHSA-jfh8-c2jp-5v3q", "CVE-2021-123456"));
  EXPECT_THAT(Advisories("CVE-21-1234"), IsEmpty());
  EXPECT_THAT(Advisories("CVE-2021-123"), IsEmpty());
  EXPECT_THAT(Advisories("XCVE-2021-1234"), IsEmpty());
  EXPECT_THAT(Advisories("GHSA-1234-5678"), IsEmpty());
}

TEST(SarifExtractTest, SortUnique) {
  std::vector<int> cwes{79, 22, 79};
  SortUnique(cwes);
  EXPECT_THAT(cwes, ElementsAre(22, 79));
}

TEST(SarifExtractTest, DependencyLines) {
  core::Dependency trivy;
  EXPECT_TRUE(
      ParseDependencyLines("Package: libcrypto1.1\nInstalled Version: 1.1.1c-r0\nVulnerability "
                           "CVE-2019-1549\nFixed Version: 1.1.1d-r0",
                           trivy));
  EXPECT_EQ(trivy.package, "libcrypto1.1");
  EXPECT_EQ(trivy.installed_version, "1.1.1c-r0");
  EXPECT_EQ(trivy.fixed_version, "1.1.1d-r0");
  core::Dependency none;
  EXPECT_FALSE(ParseDependencyLines("Package: a\nPackage: b\nVersion: 1", none));  // ambiguous
  EXPECT_FALSE(ParseDependencyLines("Package: a", none));                          // no version
  EXPECT_TRUE(none.package.empty());
}

TEST(SarifMessageTest, Placeholders) {
  std::vector<std::string_view> args{"x", "y"};
  auto format = [&](std::string_view pattern) {
    std::string out;
    FormatMessage(pattern, args, out);
    return out;
  };
  EXPECT_EQ(format("'{0}' and '{1}'"), "'x' and 'y'");
  EXPECT_EQ(format("{{0}} {1}{0}"), "{0} yx");
  EXPECT_EQ(format("{2} missing"), "{2} missing");
  EXPECT_EQ(format("{"), "{");
  EXPECT_EQ(format("{99999999999}"), "{99999999999}");
}

TEST(SarifMessageTest, EmbeddedLinksBecomeTheirText) {
  EXPECT_EQ(RenderEmbeddedLinks("This path depends on [a user-provided value](1)."),
            "This path depends on a user-provided value.");
  EXPECT_EQ(RenderEmbeddedLinks("See [the docs](https://example.com/x) and [here](2)"),
            "See the docs and here");
  EXPECT_EQ(RenderEmbeddedLinks(R"(Array \[0\] of [item \[1\]](3))"), "Array [0] of item [1]");
  // Not links: kept as written.
  EXPECT_EQ(RenderEmbeddedLinks("a[i] = b[j]"), "a[i] = b[j]");
  EXPECT_EQ(RenderEmbeddedLinks("[unclosed](1"), "[unclosed](1");
  EXPECT_EQ(RenderEmbeddedLinks("[x] (1)"), "[x] (1)");
  EXPECT_EQ(RenderEmbeddedLinks("[[nested](1)]"), "[nested]");
  EXPECT_EQ(RenderEmbeddedLinks("ends with ["), "ends with [");
}

TEST(CategoryRulesTest, Table) {
  using core::Category;
  auto category = [](std::string_view tool, std::string_view tag = "", bool advisory = false,
                     bool image = false, bool cwe = false) {
    CategoryHints hints;
    hints.tool = ToolKindFor(tool);
    hints.tags = TagBitsFor(tag);
    hints.has_advisory = advisory;
    hints.image_context = image;
    hints.has_cwe = cwe;
    return CategoryFor(hints);
  };
  EXPECT_EQ(category("Gitleaks"), Category::kSecrets);
  EXPECT_EQ(category("Trivy", "secret"), Category::kSecrets);
  EXPECT_EQ(category("Trivy", "misconfiguration"), Category::kIac);
  EXPECT_EQ(category("Trivy", "vulnerability", true), Category::kSca);
  EXPECT_EQ(category("Trivy", "vulnerability", true, true), Category::kContainer);
  EXPECT_EQ(category("Grype", "", true), Category::kSca);
  EXPECT_EQ(category("Checkov"), Category::kIac);
  EXPECT_EQ(category("OWASP ZAP"), Category::kDast);
  EXPECT_EQ(category("CodeQL"), Category::kSast);
  EXPECT_EQ(category("SnykCode"), Category::kSast);
  EXPECT_EQ(category("Snyk Open Source"), Category::kSca);
  EXPECT_EQ(category("GNU C++17"), Category::kSast);
  EXPECT_EQ(category("Pylint"), Category::kOther);
  EXPECT_EQ(category("ESLint", "security"), Category::kSast);
  EXPECT_EQ(category("Some Tool"), Category::kOther);
  EXPECT_EQ(category("Some Tool", "", false, false, true), Category::kSast);
  EXPECT_EQ(category("Semgrep", "privacy"), Category::kSast);  // "iac" only as a whole tag
  EXPECT_EQ(category("Semgrep", "terraform"), Category::kIac);
}

}  // namespace
}  // namespace candor::ingest::sarif
