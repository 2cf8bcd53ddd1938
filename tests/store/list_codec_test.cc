#include "store/list_codec.h"

#include <gtest/gtest.h>

namespace candor::store {
namespace {

TEST(ListCodecTest, Cwes) {
  EXPECT_EQ(EncodeCwes({}), "");
  EXPECT_EQ(EncodeCwes({79, 89}), "79,89");
  EXPECT_EQ(DecodeCwes("79,89").value(), (std::vector<int>{79, 89}));
  EXPECT_TRUE(DecodeCwes("").value().empty());
  for (const char* bad : {"79,", ",79", "x", "79;89", "79,,89", "99999999999999"}) {
    auto decoded = DecodeCwes(bad);
    ASSERT_FALSE(decoded) << bad;
    EXPECT_EQ(decoded.error().code, core::ErrorCode::kStore);
  }
}

TEST(ListCodecTest, StringsRoundTripAnyBytes) {
  std::vector<std::string> values = {"",
                                     "plain",
                                     "quote \" backslash \\",
                                     "\n\r\t\b\f\x01\x1f",
                                     "é 日本 🔥",
                                     "\xff\xfe\xc3 invalid",
                                     std::string("nul\0in", 6)};
  std::string encoded = EncodeStrings(values);
  EXPECT_EQ(DecodeStrings(encoded).value(), values);
  EXPECT_EQ(EncodeStrings({}), "[]");
  EXPECT_EQ(EncodeStrings({"a", "b\"c"}), R"(["a","b\"c"])");
  EXPECT_EQ(EncodeStrings({"\x01"}), R"(["\u0001"])");
}

TEST(ListCodecTest, ReadsJsonFromOtherWriters) {
  EXPECT_EQ(DecodeStrings(R"( [ "\u00e9" , "\ud83d\udd25", "\/" ] )").value(),
            (std::vector<std::string>{"é", "🔥", "/"}));
}

TEST(ListCodecTest, FingerprintsKeepOrderAndRepeats) {
  std::vector<core::Fingerprint> fingerprints = {{"b", "2"}, {"a", "1"}, {"a", "3"}, {"", ""}};
  std::string encoded = EncodeFingerprints(fingerprints);
  EXPECT_EQ(encoded, R"({"b":"2","a":"1","a":"3","":""})");
  EXPECT_EQ(DecodeFingerprints(encoded).value(), fingerprints);
  EXPECT_EQ(EncodeFingerprints({}), "{}");
  EXPECT_TRUE(DecodeFingerprints("{}").value().empty());
}

TEST(ListCodecTest, SuppressionsRoundTrip) {
  std::vector<core::Suppression> suppressions = {
      {core::SuppressionKind::kInSource, "accepted", "why \"not\""},
      {core::SuppressionKind::kExternal, "", ""}};
  auto decoded = DecodeSuppressions(EncodeSuppressions(suppressions)).value();
  ASSERT_EQ(decoded.size(), 2u);
  EXPECT_EQ(decoded[0].kind, core::SuppressionKind::kInSource);
  EXPECT_EQ(decoded[0].status, "accepted");
  EXPECT_EQ(decoded[0].justification, "why \"not\"");
  EXPECT_EQ(decoded[1].kind, core::SuppressionKind::kExternal);
  EXPECT_EQ(EncodeSuppressions({}), "[]");
}

TEST(ListCodecTest, MalformedTextIsAStoreError) {
  for (const char* bad : {"", "[", "[\"a\"", "[\"a\",]", "[1]", "[\"a\"] x", "[\"\\x\"]", "[\"\\u12\"]"}) {
    auto decoded = DecodeStrings(bad);
    ASSERT_FALSE(decoded) << bad;
    EXPECT_EQ(decoded.error().code, core::ErrorCode::kStore);
  }
  EXPECT_FALSE(DecodeFingerprints("{\"a\"}"));
  EXPECT_FALSE(DecodeFingerprints("{\"a\":1}"));
  EXPECT_FALSE(DecodeSuppressions("[{\"kind\":\"sideways\"}]"));
  EXPECT_FALSE(DecodeSuppressions("[[]]"));
}

}  // namespace
}  // namespace candor::store
