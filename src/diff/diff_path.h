#pragma once
// The file names in the header lines of a unified diff, as git and diff(1)
// write them: plain, or C-quoted with octal escapes ("a/\303\251 x") when the
// name has special characters; behind git's "a/" and "b/" prefixes (or the
// mnemonic "i/", "w/", "c/", "o/", "1/", "2/" ones), or without any
// (--no-prefix, diff -u). Used by the unified diff parser only.
// Pure functions, thread-safe.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace candor::diff {

// What is wrong with a name, and where: a byte offset into the line given.
struct PathError {
  size_t offset = 0;
  std::string message;
};
template <class T>
using PathResult = std::expected<T, PathError>;

// Where an unquoted name ends: at the end of the line (diff --git, rename
// from/to), or at the first tab, after which diff -u writes a timestamp and
// git a bare tab when the name has a space (---/+++).
enum class NameEnd { kLine, kTab };

// The name at `line[pos]`: a quoted one decoded (anything after its closing
// quote is ignored), or the plain text up to `end`.
PathResult<std::string> ReadName(std::string_view line, size_t pos, NameEnd end);

// The two names of "diff --git <old> <new>" (`rest` is the part after
// "diff --git "). Either may be quoted. Two plain names are ambiguous when
// they contain spaces; as git does, the split that makes both names the same
// once their prefixes are off wins (a rename's true names come from its
// "rename from/to" lines, so an imperfect split there does no harm).
PathResult<std::pair<std::string, std::string>> SplitGitHeaderNames(std::string_view rest);

// Whether `old_name` and `new_name` carry a pair of git prefixes ("a/" and
// "b/", or a mnemonic pair). "/dev/null" on one side fits any pair.
bool HasGitPrefixes(std::string_view old_name, std::string_view new_name);

// `name` without its first two bytes when `strip` and it is not /dev/null.
std::string WithoutPrefix(std::string name, bool strip);

inline constexpr std::string_view kDevNull = "/dev/null";

}  // namespace candor::diff
