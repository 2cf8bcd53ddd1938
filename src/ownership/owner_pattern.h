#pragma once
// One CODEOWNERS path pattern, compiled once and matched against many paths.
// GitHub documents gitignore-style globs with exceptions; this is that subset:
//   - a leading `/` anchors to the repository root; a pattern with a `/`
//     anywhere but the end is anchored too; one without matches at any depth;
//   - a trailing `/` (or `/**`) matches a directory and everything under it;
//   - `*` and `?` stay inside one path segment, `**` spans segments;
//   - a pattern also owns everything under a directory it matches, except a
//     final `*` segment (`docs/*` owns docs/a.md, not docs/sub/b.md);
//   - `\x` is a literal x (`\#`, `\ `, `\*`); matching is case-sensitive.
// Unsupported (GitHub marks the line invalid): `!` negation and `[ ]` ranges.
// Thread-safety: immutable after Compile, safe to share between threads.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace candor::ownership {

class OwnerPattern {
 public:
  // Why a pattern was refused, at the 0-based byte `column` of its text;
  // the parser turns it into a FILE:LINE:COL error.
  struct Refusal {
    size_t column = 0;
    std::string message;
  };

  // Compiles `text` as written in the file (backslash escapes included).
  static std::expected<OwnerPattern, Refusal> Compile(std::string_view text);

  // True when the pattern owns `segments` (a repository-relative file path
  // split at '/', no empty segments).
  bool Matches(const std::vector<std::string_view>& segments) const;

  // A cheap necessary condition for a match, to index rules by: every path
  // the pattern owns has `text` as its first segment (kFirstSegment), as one
  // of its segments (kSegment), or as the extension (from the last '.') of
  // one of its segments (kExtension). kNone: no such condition.
  struct IndexKey {
    enum class Kind { kNone, kFirstSegment, kSegment, kExtension };
    Kind kind = Kind::kNone;
    std::string text;
  };
  const IndexKey& index_key() const { return index_key_; }
  const std::string& text() const { return text_; }

 private:
  struct Segment {
    std::string glob;        // unescaped; wildcards marked by `wild`
    std::vector<bool> wild;  // wild[i]: glob[i] is an unescaped '*' or '?'
    bool any_depth = false;  // the segment is `**`
  };
  static IndexKey ChooseIndexKey(const std::vector<Segment>& segments);
  static bool MatchSegment(const Segment& segment, std::string_view name);

  std::string text_;
  std::vector<Segment> segments_;
  IndexKey index_key_;
  bool directory_only_ = false;  // trailing '/': must match a proper parent directory
  bool owns_children_ = true;    // false for a final `*` segment
};

// Splits a repository-relative path into segments, dropping a leading "./"
// or "/" and empty segments.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace candor::ownership
