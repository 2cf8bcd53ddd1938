#include "core/replacement_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace candor::core {
namespace {

namespace fs = std::filesystem;

fs::path FreshDirectory(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteText(const ReplacementFile& file, const std::string& text) {
  ASSERT_EQ(write(file.fd(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

size_t EntriesIn(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(ReplacementFileTest, NewFileAppearsOnlyWhenCommitted) {
  fs::path dir = FreshDirectory("candor_replace_new");
  fs::path out = dir / "out.sarif";
  auto file = ReplacementFile::Open(out.string());
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  WriteText(*file, "{}");
  EXPECT_FALSE(fs::exists(out));
  ASSERT_TRUE(file->Commit());
  EXPECT_EQ(Contents(out), "{}");
  EXPECT_EQ(EntriesIn(dir), 1u);  // no temporary file left
}

// The old file stays whole until the new one is complete, and stays as it
// was when the command fails (the file is let go without Commit).
TEST(ReplacementFileTest, ExistingFileIsReplacedWholeOrNotAtAll) {
  fs::path dir = FreshDirectory("candor_replace_existing");
  fs::path out = dir / "out.sarif";
  std::ofstream(out) << "old";
  ASSERT_EQ(chmod(out.c_str(), 0640), 0);
  {
    auto failed = ReplacementFile::Open(out.string());
    ASSERT_TRUE(failed.has_value());
    WriteText(*failed, "partial");
  }
  EXPECT_EQ(Contents(out), "old");
  EXPECT_EQ(EntriesIn(dir), 1u);

  auto file = ReplacementFile::Open(out.string());
  ASSERT_TRUE(file.has_value());
  WriteText(*file, "new");
  EXPECT_EQ(Contents(out), "old");
  ASSERT_TRUE(file->Commit());
  EXPECT_EQ(Contents(out), "new");
  EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(EntriesIn(dir), 1u);
}

// A file open for reading (an input mapped by the same command) keeps its
// bytes: the new file is another file, renamed over the name.
TEST(ReplacementFileTest, ReaderOfTheOldFileKeepsItsBytes) {
  fs::path dir = FreshDirectory("candor_replace_reader");
  fs::path out = dir / "scan.sarif";
  std::ofstream(out) << "input";
  std::ifstream reader(out, std::ios::binary);
  auto file = ReplacementFile::Open(out.string());
  ASSERT_TRUE(file.has_value());
  WriteText(*file, "output");
  ASSERT_TRUE(file->Commit());
  std::stringstream seen;
  seen << reader.rdbuf();
  EXPECT_EQ(seen.str(), "input");
  EXPECT_EQ(Contents(out), "output");
}

TEST(ReplacementFileTest, SymbolicLinkKeepsPointingAtTheReplacedFile) {
  fs::path dir = FreshDirectory("candor_replace_link");
  fs::path target = dir / "target.sarif";
  fs::path link = dir / "link.sarif";
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);
  auto file = ReplacementFile::Open(link.string());
  ASSERT_TRUE(file.has_value());
  WriteText(*file, "new");
  ASSERT_TRUE(file->Commit());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Contents(target), "new");
}

// A device (or a pipe) is written directly: it cannot be renamed over.
TEST(ReplacementFileTest, DeviceIsWrittenDirectly) {
  auto file = ReplacementFile::Open("/dev/null");
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  WriteText(*file, "discarded");
  EXPECT_TRUE(file->Commit());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// /dev/stdout, /proc/self/fd/N lead to a file the caller opened: it is
// written through them, never replaced by a new file renamed over its name.
TEST(ReplacementFileTest, DescriptorPathWritesIntoTheOpenFile) {
  fs::path dir = FreshDirectory("candor_replace_fd");
  fs::path target = dir / "opened.txt";
  std::ofstream(target) << "old";
  const int opened = open(target.c_str(), O_WRONLY);
  ASSERT_GE(opened, 0);
  struct stat before {};
  ASSERT_EQ(fstat(opened, &before), 0);
  auto file = ReplacementFile::Open("/proc/self/fd/" + std::to_string(opened));
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  WriteText(*file, "new");
  ASSERT_TRUE(file->Commit());
  close(opened);
  struct stat after {};
  ASSERT_EQ(stat(target.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);  // the same file, not a replacement
  EXPECT_EQ(Contents(target), "new");
  EXPECT_EQ(EntriesIn(dir), 1u);
}

TEST(ReplacementFileTest, MissingDirectoryIsAnErrorNamingThePath) {
  auto file = ReplacementFile::Open("/nonexistent-dir/out.sarif");
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().code, ErrorCode::kIo);
  EXPECT_NE(file.error().ToString().find("/nonexistent-dir/out.sarif"), std::string::npos);
}

}  // namespace
}  // namespace candor::core
