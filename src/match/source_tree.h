#pragma once
// The source files of the commit a scan ran on, read to identify a finding
// by the code around it (the idea of GitHub's primaryLocationLineHash): the
// finding's line and the two after it, whitespace removed, hashed. Code that
// moves keeps its hash; a message or snippet the tool rewords does not matter.
// Files are read once and cached; paths outside the root, unreadable or
// larger than the limit give no hash. Not thread-safe: one per reader thread.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace candor::match {

class SourceTree {
 public:
  explicit SourceTree(std::filesystem::path root, size_t max_file_bytes = size_t{16} << 20);

  // The hash of the code at `line` (1-based) of `path` (repo-relative), or
  // nullopt when it cannot be had.
  std::optional<uint64_t> ContextHash(std::string_view path, int line);

 private:
  struct File {
    std::string text;
    std::vector<size_t> line_starts;
  };
  const File* Load(std::string_view path);

  std::filesystem::path root_;
  size_t max_file_bytes_;
  std::unordered_map<std::string, std::unique_ptr<File>> files_;  // nullptr: not readable
};

}  // namespace candor::match
