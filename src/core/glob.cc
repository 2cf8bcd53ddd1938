#include "core/glob.h"

#include <optional>

#include "core/text.h"

namespace candor::core {
namespace {

constexpr size_t kNone = std::string_view::npos;

// Reads the set that starts at pattern[open] == '[' and returns the position
// after its closing ']', or kNone when it never closes. `matched` tells
// whether `c` is in the set.
size_t ReadClass(std::string_view pattern, size_t open, unsigned char c, bool& matched) {
  size_t i = open + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool in_set = false;
  bool first = true;
  while (i < pattern.size()) {
    if (pattern[i] == ']' && !first) {
      matched = in_set != negate;
      return i + 1;
    }
    first = false;
    if (pattern[i] == '\\' && ++i == pattern.size()) return kNone;
    auto low = static_cast<unsigned char>(pattern[i++]);
    auto high = low;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      if (pattern[i] == '\\' && ++i == pattern.size()) return kNone;
      high = static_cast<unsigned char>(pattern[i++]);
    }
    if (low <= c && c <= high) in_set = true;
  }
  return kNone;
}

// Matches one segment of text (no '/') against a one-segment pattern. Stars
// backtrack to the latest star only, which is enough for '*' and keeps the
// cost at O(pattern * text).
bool MatchSegment(std::string_view pattern, std::string_view text) {
  size_t p = 0;
  size_t t = 0;
  size_t star_p = kNone;
  size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char c = pattern[p];
      if (c == '*') {
        while (p < pattern.size() && pattern[p] == '*') ++p;
        star_p = p;
        star_t = t;
        continue;
      }
      size_t next = p + 1;
      bool matched = false;
      if (c == '?') {
        matched = true;
      } else if (c == '[') {
        next = ReadClass(pattern, p, static_cast<unsigned char>(text[t]), matched);
        if (next == kNone) return false;  // Compile refuses these
      } else if (c == '\\' && p + 1 < pattern.size()) {
        matched = pattern[p + 1] == text[t];
        next = p + 2;
      } else {
        matched = c == text[t];
      }
      if (matched) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star_p == kNone) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::string> Validate(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 == pattern.size() || pattern[i + 1] == '/') return "a '\\' escapes nothing";
      ++i;
    } else if (pattern[i] == '[') {
      bool unused = false;
      size_t end = ReadClass(pattern, i, 0, unused);
      if (end == kNone || pattern.substr(i, end - i).find('/') != std::string_view::npos) {
        return "'[' is never closed";
      }
      i = end - 1;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Glob> Glob::Compile(std::string_view pattern) {
  if (auto problem = Validate(pattern)) {
    return Fail(ErrorCode::kInvalidInput, "bad glob '" + std::string(pattern) + "': " + *problem);
  }
  Glob glob;
  glob.pattern_ = std::string(pattern);
  for (std::string_view part : Split(pattern, '/')) {
    bool any_depth = part == "**";
    // Consecutive "**" segments mean the same as one.
    if (any_depth && !glob.segments_.empty() && glob.segments_.back().any_depth) continue;
    glob.segments_.push_back({any_depth ? std::string() : std::string(part), any_depth});
  }
  // "a/**" is everything inside a: one segment, then any depth.
  if (glob.segments_.size() > 1 && glob.segments_.back().any_depth) {
    glob.segments_.insert(glob.segments_.end() - 1, Segment{"*", false});
  }
  return glob;
}

bool Glob::Matches(std::string_view path) const {
  std::vector<std::string_view> parts = Split(path, '/');
  // The segment-level twin of MatchSegment: "**" is the star, and a plain
  // segment pattern matches exactly one path segment.
  size_t s = 0;
  size_t t = 0;
  size_t star_s = kNone;
  size_t star_t = 0;
  while (t < parts.size()) {
    if (s < segments_.size()) {
      if (segments_[s].any_depth) {
        star_s = ++s;
        star_t = t;
        continue;
      }
      if (MatchSegment(segments_[s].text, parts[t])) {
        ++s;
        ++t;
        continue;
      }
    }
    if (star_s == kNone) return false;
    s = star_s;
    t = ++star_t;
  }
  while (s < segments_.size() && segments_[s].any_depth) ++s;
  return s == segments_.size();
}

bool GlobMatches(std::string_view pattern, std::string_view path) {
  auto glob = Glob::Compile(pattern);
  return glob && glob->Matches(path);
}

}  // namespace candor::core
