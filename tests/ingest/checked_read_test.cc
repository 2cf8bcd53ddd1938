// Every reader's input is checked whole for JSON syntax, also where the check
// runs beside the reader (large inputs): a fault in a part the reader skips
// is refused, the check's error wins, and a context carries no "checked"
// over to the next input. Sample: tests/data/sarif/codeql (see SOURCES.md).

#include "ingest/checked_read.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/format.h"
#include "reader_test_support.h"

namespace candor::ingest {
namespace {

std::string Sample() {
  return testing::Slurp(std::string(CANDOR_TEST_DATA) + "/sarif/codeql/codeql-action_valid-sarif.sarif");
}

// `text` with whitespace before its last '}' so that it is big enough for the
// check to run on its own thread; still the same JSON.
std::string Large(std::string text) {
  text.insert(text.rfind('}'), std::string(size_t{300} << 10, ' '));
  return text;
}

// A property bag nobody reads, holding a misspelt literal.
std::string WithBadLiteralAtTheEnd(std::string text) {
  text.insert(text.rfind('}'), ",\"x-extra\":{\"a\":tru}");
  return text;
}

core::Status Read(const std::string& name, const std::string& text, ParseContext& context,
                  CollectingSink& sink) {
  InputBuffer input(name, text);
  return ReadFindings(Format::kSarif, input, context, sink);
}

TEST(CheckedReadTest, ValidInputReadsTheSameSmallOrLarge) {
  const std::string text = Sample();
  ASSERT_FALSE(text.empty());
  ParseContext small_context, large_context;
  CollectingSink small, large;
  ASSERT_TRUE(Read("small.sarif", text, small_context, small));
  ASSERT_TRUE(Read("large.sarif", Large(text), large_context, large));
  ASSERT_GT(small.FindingCount(), 0u);
  EXPECT_EQ(small.FindingCount(), large.FindingCount());
  EXPECT_FALSE(large_context.syntax_already_checked);
}

TEST(CheckedReadTest, FaultInAPartTheReaderSkipsIsRefusedSmallOrLarge) {
  for (const std::string& text :
       {WithBadLiteralAtTheEnd(Sample()), Large(WithBadLiteralAtTheEnd(Sample()))}) {
    ParseContext context;
    CollectingSink sink;
    auto read = Read("broken.sarif", text, context, sink);
    ASSERT_FALSE(read) << text.size();
    EXPECT_EQ(read.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(read.error().ToString().find("broken.sarif: byte "), std::string::npos)
        << read.error().ToString();
    EXPECT_NE(read.error().ToString().find("$.x-extra.a"), std::string::npos) << read.error().ToString();
  }
}

// The reader fails early on a wrongly typed field; the check finds the
// syntax fault further on. The syntax fault is what the user must fix first.
TEST(CheckedReadTest, SyntaxErrorWinsOverTheReadersError) {
  std::string text = Large(WithBadLiteralAtTheEnd(R"({"version":"2.1.0","runs":5})"));
  ParseContext context;
  CollectingSink sink;
  auto read = Read("both.sarif", text, context, sink);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().ToString().find("$.x-extra.a"), std::string::npos) << read.error().ToString();
}

TEST(CheckedReadTest, OneContextReadingTwoInputsChecksBoth) {
  ParseContext context;
  CollectingSink first, second;
  ASSERT_TRUE(Read("good.sarif", Large(Sample()), context, first));
  EXPECT_FALSE(Read("broken.sarif", Large(WithBadLiteralAtTheEnd(Sample())), context, second));
  EXPECT_FALSE(Read("broken.sarif", WithBadLiteralAtTheEnd(Sample()), context, second));
}

// A caller reading the same bytes again (candor check fetching findings)
// says the check was done; the reader then runs alone.
TEST(CheckedReadTest, AlreadyCheckedInputIsNotCheckedAgain) {
  ParseContext context;
  context.syntax_already_checked = true;
  CollectingSink sink;
  EXPECT_TRUE(Read("trusted.sarif", WithBadLiteralAtTheEnd(Sample()), context, sink));
  EXPECT_TRUE(context.syntax_already_checked);
}

}  // namespace
}  // namespace candor::ingest
