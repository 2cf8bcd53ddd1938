#include "ingest/input.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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

// Large files take another path (mapped); what a reader sees must be the
// same: the bytes without the byte-order mark, then zero padding, also when
// the padding reaches past the file's last page (a size just under a page
// multiple).
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

// A large input is mapped under a read lease: while any copy of it is held,
// a writer cannot open the file (O_NONBLOCK: EAGAIN; otherwise it waits),
// so nobody can truncate it under the mapping. The lease break does not
// signal this process (SIGIO would end it). Once let go, writers go on.
TEST(InputTest, LargeInputHeldKeepsWritersWaiting) {
  const std::string path = WriteTemp("candor_input_leased.json", std::string(size_t{2} << 20, 'l'));
  {
    const int probe = open(path.c_str(), O_RDONLY);
    ASSERT_GE(probe, 0);
    const bool leases = fcntl(probe, F_SETLEASE, F_RDLCK) == 0;
    close(probe);  // gives the lease back
    if (!leases) GTEST_SKIP() << "this filesystem gives no read leases; such files are copied";
  }
  auto input = LoadInput(path, Limits{});
  ASSERT_TRUE(input.has_value()) << input.error().ToString();
  InputBuffer copy = *input;
  input = core::Fail(core::ErrorCode::kIo, "let go");
  int writer = open(path.c_str(), O_WRONLY | O_NONBLOCK);
  EXPECT_EQ(writer, -1);
  EXPECT_EQ(errno, EAGAIN);
  if (writer >= 0) close(writer);
  EXPECT_EQ(copy.bytes().find_first_not_of('l'), std::string_view::npos);
  copy = InputBuffer();
  writer = open(path.c_str(), O_WRONLY | O_NONBLOCK | O_TRUNC);
  EXPECT_GE(writer, 0) << std::strerror(errno);
  if (writer >= 0) close(writer);
}

// A file someone has open for writing cannot be leased: it is read into
// memory instead, so what is being written afterwards does not change the
// input already loaded.
TEST(InputTest, LargeFileOpenForWritingIsCopied) {
  const std::string body = std::string(size_t{2} << 20, 'w');
  const std::string path = WriteTemp("candor_input_written.json", body);
  int writer = open(path.c_str(), O_WRONLY);
  ASSERT_GE(writer, 0);
  auto input = LoadInput(path, Limits{});
  ASSERT_TRUE(input.has_value()) << input.error().ToString();
  ASSERT_EQ(pwrite(writer, "changed", 7, 1000), 7);
  close(writer);
  EXPECT_TRUE(input->bytes() == body);
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
