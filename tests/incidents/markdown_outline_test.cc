#include "incidents/markdown_outline.h"

#include <gtest/gtest.h>

namespace candor::incidents {
namespace {

TEST(MarkdownOutlineTest, SectionsProseAndPositions) {
  std::string text =
      "Intro line.\n\n## Timeline\n\n- 14:02 first\n  continued here\n\n> quoted text\n\n"
      "```\ncode should have\n```\n\n| A | B |\n|---|---|\n| x | `a|b` |\n";
  auto outline = ParseOutline(text, "x.md");
  ASSERT_TRUE(outline) << outline.error().ToString();
  ASSERT_EQ(outline->sections.size(), 2u);
  EXPECT_EQ(outline->sections[0].title, "");
  EXPECT_EQ(outline->sections[1].title, "Timeline");
  EXPECT_EQ(outline->sections[1].at.line, 3);
  EXPECT_EQ(outline->sections[1].at.column, 4);
  const auto& prose = outline->sections[1].prose;
  ASSERT_EQ(prose.size(), 2u);  // the list item's paragraph and the quote; not the code
  EXPECT_EQ(prose[0].text, "14:02 first continued here");
  SourcePosition continued = prose[0].PositionOf(prose[0].text.find("continued"));
  EXPECT_EQ(continued.line, 6);
  EXPECT_EQ(continued.column, 3);
  EXPECT_TRUE(prose[1].quoted);
  ASSERT_EQ(outline->sections[1].tables.size(), 1u);
  const auto& rows = outline->sections[1].tables[0].rows;
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[1].size(), 2u);
  EXPECT_EQ(rows[1][1].text, "`a|b`");
  EXPECT_EQ(rows[1][1].at.column, 7);
}

TEST(MarkdownOutlineTest, EmptyAndHeadingOnlyDocuments) {
  auto empty = ParseOutline("", "e.md");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->sections.size(), 1u);
  auto headings = ParseOutline("# A\n## B ##\nSetext\n======\n", "h.md");
  ASSERT_TRUE(headings);
  ASSERT_EQ(headings->sections.size(), 4u);
  EXPECT_EQ(headings->sections[2].title, "B");
  EXPECT_EQ(headings->sections[3].title, "Setext");
}

}  // namespace
}  // namespace candor::incidents
