// The pull-request comment: what the person who opened the PR reads.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

using testing::BlockedResult;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(CheckMarkdown, StartsWithTheMarkerThenTheVerdict) {
  auto lines = Lines(RenderCheckMarkdown(BlockedResult()));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "<!-- candor:check -->");
  EXPECT_EQ(lines[1],
            "## ⛔ 2 new findings block this change (guardrails no\\-new\\-high, no\\-new\\-secrets)");
}

TEST(CheckMarkdown, HoldingVerdictIsCalmAndPointsAtWarnings) {
  std::string md = RenderCheckMarkdown(testing::HoldingResult());
  EXPECT_TRUE(md.starts_with("<!-- candor:check -->\n## ✅ No new security findings block this change\n"))
      << md;
  EXPECT_NE(
      md.find(
          "This change introduces 1 new finding (1 medium); none on lines it changed. One is worth a look "
          "before merging (warn\\-new\\-medium)."),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("This change also fixes 1 existing finding (1 low). Thank you."), std::string::npos)
      << md;
}

TEST(CheckMarkdown, EmptyResultSaysSoAndStillShowsGuardrails) {
  std::string md = RenderCheckMarkdown(testing::EmptyResult());
  EXPECT_NE(md.find("## ✅ No new security findings block this change"), std::string::npos);
  EXPECT_NE(md.find("This change introduces no new findings."), std::string::npos);
  EXPECT_NE(md.find("| no\\-new\\-high | block | 0 | ✅ holds |"), std::string::npos) << md;
  EXPECT_EQ(md.find("<details>"), std::string::npos);
  EXPECT_EQ(md.find("Thank you"), std::string::npos);
}

TEST(CheckMarkdown, GroupsBySeverityMostSevereFirst) {
  std::string md = RenderCheckMarkdown(BlockedResult());
  size_t critical = md.find("### Critical (1)");
  size_t high = md.find("### High (1)");
  size_t medium = md.find("### Medium (1)");
  ASSERT_NE(critical, std::string::npos) << md;
  ASSERT_NE(high, std::string::npos);
  ASSERT_NE(medium, std::string::npos);
  EXPECT_LT(critical, high);
  EXPECT_LT(high, medium);
  EXPECT_LT(md.find("config/settings"), high);  // the secret sits under Critical
  EXPECT_EQ(md.find("### Low"), std::string::npos);
}

TEST(CheckMarkdown, LinksFilesAtTheirLines) {
  std::string md = RenderCheckMarkdown(BlockedResult());
  EXPECT_NE(
      md.find("**[src/app/db\\.py\\:42](https://github.com/acme/shop/blob/0123abc/src/app/db.py#L42)**"),
      std::string::npos)
      << md;
  auto result = BlockedResult();
  result.introduced[1].finding.region.end_line = 45;
  EXPECT_NE(RenderCheckMarkdown(result).find("src/app/db.py#L42-L45)"), std::string::npos);
}

TEST(CheckMarkdown, PlainLocationsWithoutALinkBase) {
  auto result = BlockedResult();
  result.link_base.clear();
  std::string md = RenderCheckMarkdown(result);
  EXPECT_NE(md.find("**src/app/db\\.py\\:42** · "), std::string::npos) << md;
  EXPECT_EQ(md.find("](https://github.com/acme"), std::string::npos);
  result.link_base = "javascript:alert(1)//";
  EXPECT_EQ(RenderCheckMarkdown(result).find("javascript:"), std::string::npos);
}

TEST(CheckMarkdown, SaysWhyItMattersHowToFixAndWhichGuardrail) {
  std::string md = RenderCheckMarkdown(BlockedResult());
  EXPECT_NE(md.find("SQL query built from user\\-controlled sources \\(py/sql\\-injection\\) · CodeQL"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("> This query depends on a user\\-provided value\\."), std::string::npos);
  EXPECT_NE(md.find("> Guardrail **no\\-new\\-high** (blocks) · on a line this change touched"),
            std::string::npos);
  EXPECT_NE(md.find("> Guardrail **warn\\-new\\-medium** (warns) · not on a line this change touched"),
            std::string::npos);
  EXPECT_NE(md.find("<details><summary>Why it matters and how to fix</summary>\n\nIf a database query"),
            std::string::npos);
  EXPECT_NE(md.find("\n\nUse parameterized queries\\.\n"), std::string::npos);
  EXPECT_NE(md.find("[CWE\\-89](https://cwe.mitre.org/data/definitions/89.html) · [About this rule]"
                    "(https://codeql.github.com/codeql-query-help/python/py-sql-injection/)"),
            std::string::npos);
  // Without help, the references still appear, in the quote.
  EXPECT_NE(md.find("> [CWE\\-798](https://cwe.mitre.org/data/definitions/798.html)\n"), std::string::npos);
}

TEST(CheckMarkdown, NoChangedLineTalkWithoutADiff) {
  auto result = BlockedResult();
  result.diff_given = false;
  std::string md = RenderCheckMarkdown(result);
  EXPECT_EQ(md.find("line this change touched"), std::string::npos);
  EXPECT_EQ(md.find("on lines it changed"), std::string::npos);
}

TEST(CheckMarkdown, FixedCountUnchangedAndGuardrailTable) {
  std::string md = RenderCheckMarkdown(BlockedResult());
  EXPECT_NE(md.find("This change also fixes 2 existing findings (1 high, 1 low). Thank you."),
            std::string::npos);
  EXPECT_NE(
      md.find("12 findings already there before this change are unchanged and are not part of this review."),
      std::string::npos);
  EXPECT_NE(md.find("| Guardrail | Action | Tripped | Result |\n|---|---|---:|---|\n"
                    "| no\\-new\\-high | block | 2 | ⛔ blocks |\n"
                    "| no\\-new\\-secrets | block | 1 | ⛔ blocks |\n"
                    "| warn\\-new\\-medium | warn | 1 | ✅ holds |\n"),
            std::string::npos)
      << md;
  // No names of people anywhere: fixed findings are counted, never listed.
  EXPECT_EQ(md.find("views.py"), std::string::npos);
}

TEST(CheckMarkdown, WarningsComeLastInDetails) {
  std::string md = RenderCheckMarkdown(BlockedResult());
  size_t details = md.find("<details><summary>Notes from reading the scan results (1)</summary>");
  ASSERT_NE(details, std::string::npos);
  EXPECT_GT(details, md.find("### Guardrails"));
  EXPECT_TRUE(md.ends_with("</details>\n"));
}

TEST(CheckMarkdown, HostileTextStaysText) {
  std::string md = RenderCheckMarkdown(testing::HostileResult());
  EXPECT_EQ(md.find("<script"), std::string::npos);
  EXPECT_EQ(md.find("javascript:"),
            std::string::npos);  // neither as a link nor as text a renderer would link
  for (size_t i = md.find('`'); i != std::string::npos; i = md.find('`', i + 1)) {
    EXPECT_EQ(md[i - 1], '\\') << "unescaped backtick at " << i;
  }
  EXPECT_EQ(md.find("@octocat"), std::string::npos);  // no mentions
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_EQ(md.find('\r'), std::string::npos);
  EXPECT_EQ(md.find("\xE2\x80\xAE"), std::string::npos);  // no bidi override
  // Exactly one marker: tool text cannot fake a second one.
  EXPECT_EQ(md.find("<!-- candor:check -->", 1), std::string::npos);
  // Pipes cannot add table cells: every guardrail row has 5 unescaped pipes.
  size_t table = md.find("|---|---|---:|---|\n");
  ASSERT_NE(table, std::string::npos);
  std::string row = md.substr(table + 19, md.find('\n', table + 19) - table - 19);
  size_t pipes = 0;
  for (size_t i = 0; i < row.size(); ++i) pipes += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  EXPECT_EQ(pipes, 5u) << row;
  // Every tool-written line stays one line: the message is one quote line.
  EXPECT_NE(md.find("> &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| pipe \\`tick\\` \\*star\\*"),
            std::string::npos)
      << md;
}

TEST(CheckMarkdown, LongListsAreCapped) {
  auto result = BlockedResult();
  auto base = result.introduced[0];
  result.introduced.clear();
  for (int i = 0; i < 120; ++i) {
    auto copy = base;
    copy.finding.region.start_line = i + 1;
    result.introduced.push_back(copy);
  }
  std::string md = RenderCheckMarkdown(result);
  EXPECT_NE(md.find("…and 70 more new findings, not shown"), std::string::npos);
  EXPECT_LT(md.size(), 65536u);
  // Help texts of kilobytes (real CodeQL help) keep the comment under GitHub's limit.
  for (auto& checked : result.introduced) checked.finding.rule_help = std::string(20000, 'x');
  md = RenderCheckMarkdown(result);
  EXPECT_LT(md.size(), 65536u);
  EXPECT_NE(md.find("more new findings, not shown"), std::string::npos);
}

TEST(CheckMarkdown, SameResultSameBytes) {
  auto result = BlockedResult();
  std::string first = RenderCheckMarkdown(result);
  std::reverse(result.introduced.begin(), result.introduced.end());
  std::reverse(result.fixed.begin(), result.fixed.end());
  EXPECT_EQ(RenderCheckMarkdown(result), first);
}

}  // namespace
}  // namespace candor::report
