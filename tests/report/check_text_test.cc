// The terminal view of `candor check`.

#include <gtest/gtest.h>

#include <string>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

TEST(CheckText, Blocked) {
  EXPECT_EQ(
      RenderCheckText(testing::BlockedResult()),
      "candor check: BLOCKS - 2 new findings block this change (guardrails no-new-high, no-new-secrets)\n"
      "3 new findings (1 critical, 1 high, 1 medium), 2 on changed lines; 2 fixed; 12 unchanged.\n"
      "\n"
      "  critical  config/settings.py:7  aws-access-token  [block: no-new-high, no-new-secrets]  (changed "
      "line)\n"
      "            Identified a pattern that may indicate AWS credentials.\n"
      "  high      src/app/db.py:42  py/sql-injection  [block: no-new-high]  (changed line)\n"
      "            This query depends on a user-provided value.\n"
      "  medium    src/app/files.py:88  py/path-injection  [warn: warn-new-medium]\n"
      "            This path depends on a user-provided value.\n"
      "\n"
      "This change fixes 2 existing findings (1 high, 1 low). Thank you.\n"
      "\n"
      "Guardrails: no-new-high BLOCKS (2), no-new-secrets BLOCKS (1), warn-new-medium holds (1)\n"
      "\n"
      "1 note from reading the scan results:\n"
      "  - codeql.sarif: byte 812 at $.runs[0].results[3]: region.startLine 0 read as not given\n");
}

TEST(CheckText, Empty) {
  EXPECT_EQ(RenderCheckText(testing::EmptyResult()),
            "candor check: holds - No new security findings block this change\n"
            "No new findings; 0 fixed; 0 unchanged.\n"
            "\n"
            "Guardrails: no-new-high holds (0), no-new-secrets holds (0), warn-new-medium holds (0)\n");
}

TEST(CheckText, NoTerminalEscapesFromTools) {
  std::string text = RenderCheckText(testing::HostileResult());
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x7f'), std::string::npos);
  EXPECT_EQ(text.find("\xE2\x80\xAE"), std::string::npos);
}

}  // namespace
}  // namespace candor::report
