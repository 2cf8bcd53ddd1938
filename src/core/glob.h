#pragma once
// Shell-style globs on '/'-separated paths: the matcher behind
// `candor findings --path`, and the core that CODEOWNERS and gitignore-style
// rules build on (those add their own anchoring and directory rules on top).
//
//   *       any run of characters within one segment (never '/')
//   ?       one character, not '/'
//   [abc]   one character of a set; ranges [a-z]; negated [!a-z] or [^a-z];
//           a ']' first in the set is literal, '/' never matches
//   \x      x literally
//   **      as a whole segment: zero or more segments ("**/a" matches "a" and
//           "x/y/a"; "a/**/b" matches "a/b"); as the last segment after
//           others, one or more ("a/**" matches everything inside a, not a
//           itself); elsewhere ("a**") the same as '*'
//
// The whole path must match. Matching is byte-wise and case-sensitive, and
// takes time polynomial in the pattern and path (no exponential backtracking).
// Thread-safety: a compiled Glob is immutable; share it freely.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace candor::core {

class Glob {
 public:
  // kInvalidInput for an unclosed '[' or a trailing '\'.
  static Result<Glob> Compile(std::string_view pattern);

  bool Matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Segment {
    std::string text;        // a one-segment pattern, when not any_depth
    bool any_depth = false;  // "**": zero or more whole segments
  };

  Glob() = default;

  std::string pattern_;
  std::vector<Segment> segments_;
};

// One-off match; a malformed pattern matches nothing.
bool GlobMatches(std::string_view pattern, std::string_view path);

}  // namespace candor::core
