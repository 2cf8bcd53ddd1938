#include "diff/hunk_header.h"

#include <fmt/format.h>

namespace candor::diff {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view line) : line_(line) {}

  size_t offset() const { return pos_; }
  bool Eat(std::string_view token) {
    if (!line_.substr(pos_).starts_with(token)) return false;
    pos_ += token.size();
    return true;
  }
  PathResult<int> Number() {
    size_t begin = pos_;
    long long value = 0;
    while (pos_ < line_.size() && line_[pos_] >= '0' && line_[pos_] <= '9') {
      value = value * 10 + (line_[pos_] - '0');
      if (value > kMaxHunkNumber) return std::unexpected(PathError{begin, "line number too large"});
      ++pos_;
    }
    if (pos_ == begin) return std::unexpected(PathError{pos_, "expected a number"});
    return static_cast<int>(value);
  }
  std::unexpected<PathError> Expected(std::string_view what) const {
    return std::unexpected(PathError{pos_, fmt::format("malformed hunk header: expected {}", what)});
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

// ",COUNT" or nothing (a count of 1).
PathResult<int> OptionalCount(Cursor& cursor) {
  if (!cursor.Eat(",")) return 1;
  return cursor.Number();
}

std::unexpected<PathError> Malformed(const PathError& error) {
  return std::unexpected(PathError{error.offset, "malformed hunk header: " + error.message});
}

}  // namespace

PathResult<Hunk> ParseHunkHeader(std::string_view line) {
  Cursor cursor(line);
  if (!cursor.Eat("@@ -")) return cursor.Expected("'@@ -'");
  auto old_start = cursor.Number();
  if (!old_start) return Malformed(old_start.error());
  auto old_count = OptionalCount(cursor);
  if (!old_count) return Malformed(old_count.error());
  if (!cursor.Eat(" +")) return cursor.Expected("' +'");
  auto new_start = cursor.Number();
  if (!new_start) return Malformed(new_start.error());
  auto new_count = OptionalCount(cursor);
  if (!new_count) return Malformed(new_count.error());
  if (!cursor.Eat(" @@")) return cursor.Expected("' @@'");
  // Whatever follows is section text (git writes " " and the function name).

  Hunk hunk{*old_start, *old_count, *new_start, *new_count};
  if ((hunk.old_count > 0 && hunk.old_start == 0) || (hunk.new_count > 0 && hunk.new_start == 0)) {
    return std::unexpected(PathError{3, "malformed hunk header: line numbers start at 1"});
  }
  return hunk;
}

}  // namespace candor::diff
