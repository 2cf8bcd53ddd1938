#include "ingest/input.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

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

// Large files take another path (pre-populated memory); what a reader sees
// must be the same: the bytes without the byte-order mark, then zero padding.
TEST(InputTest, LargeFilesReadTheSameWithPaddingAndWithoutTheMark) {
  for (size_t size : {size_t{1} << 20, (size_t{1} << 20) + 4096 - 10, size_t{3} << 20}) {
    std::string body(size, 'x');
    for (size_t i = 0; i < size; i += 997) body[i] = static_cast<char>('a' + i % 26);
    auto path = WriteTemp("candor_input_large.json", "\xEF\xBB\xBF" + body);
    auto input = LoadInput(path, Limits{});
    ASSERT_TRUE(input.has_value()) << input.error().ToString();
    EXPECT_EQ(input->bom_bytes(), 3u);
    ASSERT_EQ(input->bytes().size(), size);
    EXPECT_TRUE(input->bytes() == body);
    const char* end = input->bytes().data() + input->bytes().size();
    for (size_t i = 0; i < InputBuffer::kPadding; ++i) ASSERT_EQ(end[i], '\0') << i;
    EXPECT_GE(input->padded_capacity(), size + InputBuffer::kPadding);
    InputBuffer copy = *input;  // shares the memory; outlives the original
    input = core::Fail(core::ErrorCode::kIo, "gone");
    EXPECT_TRUE(copy.bytes() == body);
  }
  Limits small;
  small.max_input_bytes = 1 << 20;
  auto refused = LoadInput(WriteTemp("candor_input_large.json", std::string(size_t{2} << 20, ' ')), small);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kLimitExceeded);
}

// The memory of a large input let go is reused for the next one (candor
// match reads a baseline, then the current log): the next input must see its
// own bytes and zero padding, never the old input's, and an input still held
// must never be written over.
TEST(InputTest, LargeInputsReadAfterOneLetGoSeeOnlyTheirOwnBytes) {
  const std::string first(size_t{10} << 20, 'y');
  std::string second((size_t{9} << 20) + 123, 'z');
  second[4711] = 'q';
  auto held = LoadInput(WriteTemp("candor_input_held.json", std::string(size_t{9} << 20, 'h')), Limits{});
  ASSERT_TRUE(held.has_value()) << held.error().ToString();
  for (int round = 0; round < 3; ++round) {
    auto input = LoadInput(WriteTemp("candor_input_first.json", first), Limits{});
    ASSERT_TRUE(input.has_value()) << input.error().ToString();
    EXPECT_TRUE(input->bytes() == first);
    input = core::Fail(core::ErrorCode::kIo, "let go");
    input = LoadInput(WriteTemp("candor_input_second.json", second), Limits{});
    ASSERT_TRUE(input.has_value()) << input.error().ToString();
    ASSERT_TRUE(input->bytes() == second);
    const char* end = input->bytes().data() + input->bytes().size();
    for (size_t i = 0; i < InputBuffer::kPadding; ++i) ASSERT_EQ(end[i], '\0') << i;
  }
  EXPECT_EQ(held->bytes().find_first_not_of('h'), std::string_view::npos);
}

// A named pipe is opened once: opening it twice would lose a writer that
// writes once and closes (`mkfifo`, or a job handing its scan over).
TEST(InputTest, NamedPipeIsReadWhole) {
  auto fifo = std::filesystem::temp_directory_path() / "candor_input_fifo";
  std::filesystem::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string text = "{\"version\":\"2.1.0\",\"runs\":[]}";
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  auto input = LoadInput(fifo.string(), Limits{});
  writer.join();
  std::filesystem::remove(fifo);
  ASSERT_TRUE(input.has_value()) << input.error().ToString();
  EXPECT_EQ(input->bytes(), text);
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
