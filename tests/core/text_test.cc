#include "core/text.h"

#include <gtest/gtest.h>

namespace candor::core {
namespace {

TEST(TextTest, EditDistanceCountsSingleEdits) {
  EXPECT_EQ(EditDistance("ingest", "ingest"), 0u);
  EXPECT_EQ(EditDistance("ingset", "ingest"), 2u);
  EXPECT_EQ(EditDistance("finding", "findings"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

TEST(TextTest, SplitKeepsEmptyParts) {
  auto parts = Split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(TextTest, TrimAndCase) {
  EXPECT_EQ(Trim("  x y\n"), "x y");
  EXPECT_TRUE(EqualsIgnoreCase("SaRiF", "sarif"));
  EXPECT_TRUE(StartsWithIgnoreCase("CVE-2021-1", "cve-"));
  EXPECT_EQ(ToLower("ABC"), "abc");
}

}  // namespace
}  // namespace candor::core
