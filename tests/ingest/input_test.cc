#include "ingest/input.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace candor::ingest {
namespace {

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

TEST(InputTest, StripsByteOrderMarkAndPads) {
  auto path = WriteTemp("candor_input_bom.json", "\xEF\xBB\xBF{\"a\":1}");
  auto input = LoadInput(path, Limits{});
  ASSERT_TRUE(input.has_value()) << input.error().ToString();
  EXPECT_EQ(input->bytes(), "{\"a\":1}");
  EXPECT_EQ(input->bom_bytes(), 3u);
  EXPECT_GE(input->padded_capacity(), input->bytes().size() + InputBuffer::kPadding);
}

TEST(InputTest, RefusesInputOverTheLimit) {
  auto path = WriteTemp("candor_input_big.json", std::string(4096, ' '));
  Limits limits;
  limits.max_input_bytes = 1000;
  auto input = LoadInput(path, limits);
  ASSERT_FALSE(input.has_value());
  EXPECT_EQ(input.error().code, core::ErrorCode::kLimitExceeded);
  EXPECT_NE(input.error().ToString().find("candor_input_big.json"), std::string::npos);
}

TEST(InputTest, MissingFileIsNotFound) {
  auto input = LoadInput("/nonexistent/scan.sarif", Limits{});
  ASSERT_FALSE(input.has_value());
  EXPECT_EQ(input.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(core::ExitCodeFor(input.error().code), 2);
}

TEST(InputTest, DigestDependsOnEveryByte) {
  EXPECT_EQ(DigestHex("abc"), DigestHex("abc"));
  EXPECT_NE(DigestHex("abc"), DigestHex("abd"));
  EXPECT_EQ(DigestHex("abc").size(), 32u);
}

}  // namespace
}  // namespace candor::ingest
