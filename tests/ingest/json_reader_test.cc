// JsonReader: the whole-text syntax check behind Open(), errors with byte
// offset and path, typed reads, and reuse of pooled parsers.

#include "ingest/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace candor::ingest {
namespace {

using ::testing::HasSubstr;

core::Status Check(std::string_view text, size_t max_depth = 128) {
  InputBuffer input("doc.json", text);
  ParseContext context;
  context.limits.max_depth = max_depth;
  JsonReader json(input, context);
  auto document = json.Open();
  if (!document) return std::unexpected(document.error());
  return {};
}

std::string ErrorOf(std::string_view text) {
  auto status = Check(text);
  return status ? "(ok)" : status.error().ToString();
}

TEST(JsonReaderTest, AcceptsValidJson) {
  for (std::string_view text :
       {R"({})", R"([])", R"("s")", "1", "-0.5e+10", "true", "null", " {\"a\" : [1, {\"b\": null}]} ",
        R"({"k\"ey": "\u00e9\ud83d\ude00\n"})", "[1.0E-2, -0, 0.25]"}) {
    EXPECT_TRUE(Check(text)) << text << ": " << ErrorOf(text);
  }
}

TEST(JsonReaderTest, RefusesWithOffsetAndPath) {
  EXPECT_EQ(ErrorOf(R"({"a":[1,2,,3]})"),
            "doc.json: byte 10 at $.a[2]: expected a value, found ',' (a stray comma?)");
  EXPECT_EQ(ErrorOf(R"({"a":1,})"), "doc.json: byte 7 at $.a: expected a key, found '}' (a trailing comma?)");
  EXPECT_EQ(ErrorOf(R"({"a":{"b":1})"), "doc.json: byte 12 at $.a: unexpected end of input (truncated JSON)");
  EXPECT_EQ(ErrorOf(R"({"a":1} x)"), "doc.json: byte 8 at $: unexpected content after the JSON document");
  EXPECT_EQ(ErrorOf(R"([nul])"), "doc.json: byte 1 at $[0]: invalid literal (expected true, false or null)");
  EXPECT_EQ(ErrorOf(R"([1.])"), "doc.json: byte 1 at $[0]: invalid number");
  EXPECT_EQ(ErrorOf(R"([+1])"), "doc.json: byte 1 at $[0]: expected a value, found '+'");
  EXPECT_EQ(ErrorOf(R"(["\q"])"), "doc.json: byte 2 at $[0]: invalid string escape");
  EXPECT_EQ(ErrorOf(R"({"a" "b"})"), "doc.json: byte 5 at $.a: expected ':' after a key");
  EXPECT_EQ(ErrorOf(R"([1 2])"), "doc.json: byte 3 at $[0]: expected ',' or ']' after an array element");
  EXPECT_THAT(ErrorOf("[\"abc"), HasSubstr("unclosed string"));
  EXPECT_EQ(ErrorOf(R"(["abc"x])"), "doc.json: byte 6 at $[0]: expected ',' or ']' after an array element");
  EXPECT_EQ(ErrorOf(R"({"a"x:1})"), "doc.json: byte 4 at $.a: expected ':' after a key");
  EXPECT_EQ(ErrorOf(R"(["a\"b", "c\\"])"), "(ok)");
  EXPECT_THAT(ErrorOf(""), HasSubstr("empty input"));
  EXPECT_THAT(ErrorOf(" \n "), HasSubstr("empty input"));
  EXPECT_THAT(ErrorOf("[\"\xff\"]"), HasSubstr("byte 2 at $: invalid UTF-8"));
}

TEST(JsonReaderTest, DepthLimit) {
  std::string deep = std::string(129, '[') + std::string(129, ']');
  auto status = Check(deep);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kLimitExceeded);
  EXPECT_THAT(status.error().where, HasSubstr("byte 128 "));
  EXPECT_TRUE(Check(std::string(128, '[') + std::string(128, ']')));
  EXPECT_TRUE(Check(deep, 129));
}

// Larger than one stage-1 window (1 MB): errors in later windows keep their
// absolute offsets and paths, with and without newlines to cut at.
TEST(JsonReaderTest, LargeDocumentsAcrossWindows) {
  for (const char* separator : {",\n", ","}) {
    std::string text = "{\"items\":[";
    for (int i = 0; i < 60000; ++i) {
      if (i > 0) text += separator;
      text += R"({"id":)" + std::to_string(i) + R"(,"name":"item with \"escapes\" and text"})";
    }
    text += "]}";
    ASSERT_GT(text.size(), size_t{3} << 20);
    EXPECT_TRUE(Check(text)) << ErrorOf(text);
    std::string broken = text;
    size_t at = broken.find(R"("id":50000)");
    broken.replace(at, 10, R"("id":5x000)");
    EXPECT_EQ(ErrorOf(broken),
              "doc.json: byte " + std::to_string(at + 5) + " at $.items[50000].id: invalid number");
    std::string cut = text.substr(0, text.size() - 2);
    EXPECT_THAT(ErrorOf(cut), HasSubstr("unexpected end of input"));
  }
}

// Minified input is cut mid-line: inside strings (with escaped quotes and
// backslashes), numbers and literals, and around a string longer than a window.
TEST(JsonReaderTest, MinifiedCutsKeepEveryToken) {
  std::string text = "[";
  for (int i = 0; i < 40000; ++i) {
    if (i > 0) text += ',';
    text +=
        R"({"s":"a\"b\\\\c\\\"d )" + std::string(i % 37, 'x') + R"(","n":-12345.678e-3,"t":true,"z":null})";
  }
  text += ",\"" + std::string(1500000, 'y') + "\"";
  for (int i = 0; i < 20000; ++i) text += ",123456789";
  text += "]";
  ASSERT_GT(text.size(), size_t{4} << 20);
  EXPECT_TRUE(Check(text)) << ErrorOf(text);
  // Every number near the end stays whole: a cut inside one must not make "1234" + "56789".
  std::string bad = text;
  bad[bad.size() - 5] = 'x';
  EXPECT_THAT(ErrorOf(bad), HasSubstr("invalid number"));
}

// A minified window is cut before a quote written `","`, which opens a
// string except when the string before it is ",": then the cut is inside a
// string and is made again. A document of nothing but such strings checks
// as valid, and an error after the cuts is still found where it is.
TEST(JsonReaderTest, MinifiedCutsInsideACommaString) {
  std::string text = "[";
  for (int i = 0; i < 300000; ++i) text += i == 0 ? R"({"a":","})" : R"(,{"a":","})";
  text += "]";
  ASSERT_GT(text.size(), size_t{2} << 20);
  EXPECT_TRUE(Check(text)) << ErrorOf(text);
  std::string bad = text;
  const size_t at = bad.size() - 3;  // the last element's `","` becomes `",x`
  ASSERT_EQ(bad.substr(at - 2, 3), R"(",")");
  bad[at] = 'x';
  EXPECT_THAT(ErrorOf(bad), HasSubstr("unclosed string"));
}

TEST(JsonReaderTest, TypedReadsAndRawKeys) {
  InputBuffer input("doc.json", R"({"s":"x","n":7,"f":7.5,"z":null,"b":true,"o":{"k":1},"a":[1,"2"]})");
  ParseContext context;
  JsonReader json(input, context);
  auto document = json.Open();
  ASSERT_TRUE(document.has_value());
  od::value root;
  ASSERT_EQ((*document)->get_value().get(root), simdjson::SUCCESS);
  std::vector<std::string> seen;
  auto status = json.ForEachField(root, [&](std::string_view key, od::value& value) -> core::Status {
    seen.emplace_back(key);
    if (key == "s") {
      EXPECT_EQ(json.StringOrNull(value).value(), "x");
    }
    if (key == "n") {
      EXPECT_EQ(json.IntOrNull(value).value(), 7);
    }
    if (key == "f") {
      EXPECT_EQ(json.ScalarTextOrNull(value).value(), "7.5");
    }
    if (key == "z") {
      EXPECT_FALSE(json.StringOrNull(value).value().has_value());
    }
    if (key == "b") {
      auto text = json.StringOrNull(value);
      EXPECT_FALSE(text.has_value());
      EXPECT_EQ(text.error().ToString(), "doc.json: byte 36 at $.b: expected a string (wrong type)");
    }
    if (key == "a") {
      return json.ForEachElement(value, [&](size_t index, od::value& element) -> core::Status {
        auto number = json.IntOrNull(element);
        if (index == 1) {
          EXPECT_FALSE(number.has_value());
          EXPECT_THAT(number.error().where, HasSubstr("at $.a[1]"));
        }
        return {};
      });
    }
    return {};
  });
  EXPECT_TRUE(status);
  EXPECT_EQ(seen, (std::vector<std::string>{"s", "n", "f", "z", "b", "o", "a"}));
}

// Strings without escapes are read from the input as they are, others
// decoded: both give the string's value, whatever whitespace follows it,
// and the reader carries on past a string it took as is.
TEST(JsonReaderTest, StringsReadTheSameWithAndWithoutEscapes) {
  InputBuffer input("doc.json",
                    "{\"plain\":\"a b\" , \"escaped\":\"q\\\"t\\\\n\\u00e9\\n\",\"empty\":\"\",\n"
                    "\"spaced\":\"x\"\t\n,\"last\":[\"y\" ,\"\\/z\"] , \"n\":3}");
  ParseContext context;
  JsonReader json(input, context);
  auto document = json.Open();
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  od::value root;
  ASSERT_EQ((*document)->get_value().get(root), simdjson::SUCCESS);
  std::vector<std::string> strings;
  std::optional<int64_t> number;
  auto status = json.ForEachField(root, [&](std::string_view key, od::value& value) -> core::Status {
    if (key == "n") {
      auto read = json.IntOrNull(value);
      if (!read) return std::unexpected(read.error());
      number = *read;
      return {};
    }
    if (key == "last") {
      return json.ForEachElement(value, [&](size_t, od::value& element) -> core::Status {
        auto text = json.StringOrNull(element);
        if (!text) return std::unexpected(text.error());
        strings.emplace_back(**text);
        return {};
      });
    }
    auto text = json.StringOrNull(value);
    if (!text) return std::unexpected(text.error());
    strings.emplace_back(**text);
    return {};
  });
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(strings, (std::vector<std::string>{"a b", "q\"t\\n\xC3\xA9\n", "", "x", "y", "/z"}));
  EXPECT_EQ(number, 3);
}

TEST(JsonReaderTest, ReadersOneAfterAnotherAndNested) {
  InputBuffer big("big.json", "[" + std::string(100000, ' ') + "1]");
  InputBuffer small("small.json", R"({"a":1})");
  ParseContext context;
  for (int i = 0; i < 3; ++i) {
    JsonReader outer(big, context);
    ASSERT_TRUE(outer.Open().has_value());
    {
      JsonReader inner(small, context);  // a second parser while the first is in use
      ASSERT_TRUE(inner.Open().has_value());
    }
    auto doc = outer.Open();
    ASSERT_TRUE(doc.has_value());
    od::array array;
    ASSERT_EQ((*doc)->get_array().get(array), simdjson::SUCCESS);
    int64_t first = 0;
    for (auto element : array) {
      ASSERT_EQ(element.get_int64().get(first), simdjson::SUCCESS);
    }
    EXPECT_EQ(first, 1);
  }
}

}  // namespace
}  // namespace candor::ingest
