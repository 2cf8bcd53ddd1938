#include "match/source_tree.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/text.h"
#include "match/field_hash.h"

namespace candor::match {
namespace {

// The code around a finding: its line and the next two, so that identical
// one-liners in different surroundings stay apart.
constexpr int kContextLines = 3;

// A repo-relative path that stays inside the root: no absolute path, no "..".
bool IsInsideRoot(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos) return false;
  for (std::string_view segment : core::Split(path, '/')) {
    if (segment == "..") return false;
  }
  return true;
}

}  // namespace

SourceTree::SourceTree(std::filesystem::path root, size_t max_file_bytes)
    : root_(std::move(root)), max_file_bytes_(max_file_bytes) {}

const SourceTree::File* SourceTree::Load(std::string_view path) {
  auto [it, inserted] = files_.try_emplace(std::string(path));
  if (!inserted) return it->second.get();
  if (!IsInsideRoot(path)) return nullptr;
  std::error_code error;
  const auto full = root_ / std::filesystem::path(std::string(path));
  const auto size = std::filesystem::file_size(full, error);
  if (error || size > max_file_bytes_ || !std::filesystem::is_regular_file(full, error)) return nullptr;
  std::ifstream in(full, std::ios::binary);
  if (!in) return nullptr;
  auto file = std::make_unique<File>();
  file->text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  file->line_starts.push_back(0);
  for (size_t i = 0; i < file->text.size(); ++i) {
    if (file->text[i] == '\n') file->line_starts.push_back(i + 1);
  }
  it->second = std::move(file);
  return it->second.get();
}

std::optional<uint64_t> SourceTree::ContextHash(std::string_view path, int line) {
  if (line <= 0) return std::nullopt;
  const File* file = Load(path);
  if (file == nullptr || static_cast<size_t>(line) > file->line_starts.size()) return std::nullopt;
  const size_t begin = file->line_starts[static_cast<size_t>(line) - 1];
  const size_t last_line = std::min(file->line_starts.size(), static_cast<size_t>(line - 1 + kContextLines));
  const size_t end = last_line < file->line_starts.size() ? file->line_starts[last_line] : file->text.size();
  return FieldHash().Add(WithoutWhitespace(std::string_view(file->text).substr(begin, end - begin))).Key();
}

}  // namespace candor::match
