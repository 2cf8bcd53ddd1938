// The outline the syntax check finds (each run's results and where each
// result is) and the skeleton a reader parses without them.

#include "ingest/json_outline.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/input.h"
#include "ingest/json_syntax.h"

namespace candor::ingest {
namespace {

JsonOutline OutlineOf(std::string_view text) {
  JsonOutline outline;
  auto error = CheckJsonSyntax(InputBuffer("doc.json", text), 128, &outline);
  EXPECT_FALSE(error.has_value()) << error->message;
  return outline;
}

std::string_view Text(std::string_view text, TextSpan span) {
  return text.substr(span.begin, span.end - span.begin);
}

TEST(JsonOutlineTest, OutlinesTheResultsOfEveryRun) {
  const std::string text = R"({"version":"2.1.0","runs":[
    {"tool":{"driver":{"name":"T"}},"results":[ {"ruleId":"A"} , {"ruleId":"B","locations":[{}]}]},
    {"results":[],"tool":{"driver":{"name":"U"}}},
    {"results":[{"ruleId":"C","properties":{"results":[1]}}]}]})";
  JsonOutline outline = OutlineOf(text);
  ASSERT_EQ(outline.arrays.size(), 3u);
  EXPECT_EQ(Text(text, outline.arrays[0].array), R"([ {"ruleId":"A"} , {"ruleId":"B","locations":[{}]}])");
  ASSERT_EQ(outline.arrays[0].elements.size(), 2u);
  EXPECT_EQ(Text(text, outline.arrays[0].elements[0]), R"({"ruleId":"A"})");
  EXPECT_EQ(Text(text, outline.arrays[0].elements[1]), R"({"ruleId":"B","locations":[{}]})");
  EXPECT_EQ(Text(text, outline.arrays[1].array), "[]");
  EXPECT_TRUE(outline.arrays[1].elements.empty());
  ASSERT_EQ(outline.arrays[2].elements.size(), 1u);  // the nested "results" is not outlined
  EXPECT_EQ(Text(text, outline.arrays[2].elements[0]), R"({"ruleId":"C","properties":{"results":[1]}})");

  EXPECT_EQ(outline.ArrayAt(outline.arrays[1].array.begin), &outline.arrays[1]);
  EXPECT_EQ(outline.ArrayAt(outline.arrays[1].array.begin + 1), nullptr);
}

TEST(JsonOutlineTest, LeavesOtherArraysInTheDocument) {
  for (std::string_view text : {
           R"({"runs":[{"results":[{"ruleId":"A"},"not a result"]}]})",  // read whole, to report it
           R"({"runs":[{"results":[{"ruleId":"A"},[]]}]})",
           R"({"runs":[{"results":[7]}]})",
           R"({"results":[{"ruleId":"A"}]})",                            // not in a run
           R"({"runs":{"results":[{"ruleId":"A"}]}})",                   // runs is no array
           R"({"runs":[[{"results":[{"ruleId":"A"}]}]]})",               // a run is no object
           R"({"runs":[{"properties":{"results":[{"ruleId":"A"}]}}]})",  // deeper
           R"({"other":[{"results":[{"ruleId":"A"}]}]})",
           R"([{"runs":[{"results":[{"ruleId":"A"}]}]}])",
       }) {
    EXPECT_TRUE(OutlineOf(text).arrays.empty()) << text;
  }
}

TEST(JsonOutlineTest, SkeletonLeavesEachOutlinedArrayEmptyAndMapsOffsetsBack) {
  const std::string text =
      R"({"runs":[{"results":[{"a":1},{"b":2}],"tool":"T"},{"results":[ {"c":3} ],"x":1}],"end":true})";
  JsonOutline outline = OutlineOf(text);
  ASSERT_EQ(outline.arrays.size(), 2u);
  Skeleton skeleton(text, outline);
  EXPECT_EQ(skeleton.bytes(), R"({"runs":[{"results":[],"tool":"T"},{"results":[],"x":1}],"end":true})");
  EXPECT_GE(skeleton.padded_capacity(), skeleton.bytes().size() + Skeleton::kPadding);
  // Every byte of the skeleton maps back to the same byte of the text.
  for (size_t at = 0; at < skeleton.bytes().size(); ++at) {
    size_t original = skeleton.OriginalOffset(at);
    ASSERT_LT(original, text.size());
    EXPECT_EQ(text[original], skeleton.bytes()[at]) << "skeleton byte " << at;
  }
  EXPECT_EQ(skeleton.OriginalOffset(skeleton.bytes().find(R"("tool")")), text.find(R"("tool")"));
  EXPECT_EQ(skeleton.OriginalOffset(skeleton.bytes().find(R"("end")")), text.find(R"("end")"));
  EXPECT_EQ(skeleton.OriginalOffset(skeleton.bytes().find('[', 9)), outline.arrays[0].array.begin);
}

// A log larger than the check's windows (about 1 MB), pretty-printed and
// minified: every result is outlined, whichever window it ends in.
TEST(JsonOutlineTest, ResultsAcrossWindows) {
  for (const bool pretty : {true, false}) {
    const std::string gap = pretty ? "\n      " : "";
    std::string text = R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[)";
    constexpr size_t kResults = 20000;
    for (size_t i = 0; i < kResults; ++i) {
      if (i > 0) text += ",";
      text += gap + R"({"ruleId":"R)" + std::to_string(i) + R"(",)" + gap +
              R"("message":{"text":"a message long enough to spread the results over several windows"}})";
    }
    text += "]}]}";
    ASSERT_GT(text.size(), size_t{2} << 20);
    JsonOutline outline = OutlineOf(text);
    ASSERT_EQ(outline.arrays.size(), 1u);
    ASSERT_EQ(outline.arrays[0].elements.size(), kResults);
    for (size_t i = 0; i < kResults; ++i) {
      std::string_view element = Text(text, outline.arrays[0].elements[i]);
      ASSERT_TRUE(element.starts_with(R"({"ruleId":"R)" + std::to_string(i) + '"')) << i;
      ASSERT_TRUE(element.ends_with("windows\"}}")) << i;
    }
    EXPECT_EQ(Skeleton(text, outline).bytes(),
              R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[]}]})");
  }
}

}  // namespace
}  // namespace candor::ingest
