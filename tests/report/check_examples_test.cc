// Writes every format for the fixtures' results into a directory, for the
// examples in docs/check-output.md:
//   CANDOR_CHECK_EXAMPLES=/tmp/examples build/tests/report/report_test --gtest_filter=CheckExamples.*
// Skipped unless that variable is set.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

TEST(CheckExamples, Write) {
  const char* dir = std::getenv("CANDOR_CHECK_EXAMPLES");
  if (!dir) GTEST_SKIP() << "set CANDOR_CHECK_EXAMPLES to a directory to write the examples";
  for (const auto& [name, result] :
       {std::pair{"blocked", testing::BlockedResult()}, std::pair{"holding", testing::HoldingResult()},
        std::pair{"hostile", testing::HostileResult()}}) {
    for (CheckFormat format : {CheckFormat::kMarkdown, CheckFormat::kGithub, CheckFormat::kJunit,
                               CheckFormat::kSarif, CheckFormat::kJson, CheckFormat::kText}) {
      std::ofstream out(std::string(dir) + "/" + name + "." + std::string(ToString(format)),
                        std::ios::binary);
      out << RenderCheck(result, format);
      ASSERT_TRUE(out.good());
    }
  }
}

}  // namespace
}  // namespace candor::report
