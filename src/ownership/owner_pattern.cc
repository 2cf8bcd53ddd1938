#include "ownership/owner_pattern.h"

#include <algorithm>
#include <cstdint>

namespace candor::ownership {
namespace {

// Matching runs a bit-parallel automaton over the pattern's segments, so a
// pattern full of `**` costs segments x path depth, never exponential time.
constexpr size_t kMaxSegments = 63;

}  // namespace

OwnerPattern::IndexKey OwnerPattern::ChooseIndexKey(const std::vector<Segment>& segments) {
  auto literal = [](const Segment& segment) {
    return !segment.any_depth &&
           std::none_of(segment.wild.begin(), segment.wild.end(), [](bool w) { return w; });
  };
  if (literal(segments.front())) return {IndexKey::Kind::kFirstSegment, segments.front().glob};
  for (const Segment& segment : segments) {
    if (literal(segment)) return {IndexKey::Kind::kSegment, segment.glob};
  }
  // "*.c": a matching segment ends in ".c", so its extension is "c".
  for (const Segment& segment : segments) {
    if (segment.any_depth) continue;
    size_t dot = segment.glob.rfind('.');
    if (dot == std::string::npos || segment.wild[dot]) continue;
    bool literal_tail = true;
    for (size_t i = dot + 1; i < segment.glob.size(); ++i) literal_tail = literal_tail && !segment.wild[i];
    if (literal_tail) return {IndexKey::Kind::kExtension, segment.glob.substr(dot + 1)};
  }
  return {};
}

std::expected<OwnerPattern, OwnerPattern::Refusal> OwnerPattern::Compile(std::string_view text) {
  OwnerPattern pattern;
  pattern.text_ = std::string(text);
  if (!text.empty() && text[0] == '!') {
    return std::unexpected(Refusal{0, "negated patterns ('!') are not supported in CODEOWNERS"});
  }
  bool leading_slash = !text.empty() && text[0] == '/';
  bool trailing_slash = false;
  Segment current;
  auto finish_segment = [&] {
    if (current.glob.empty()) return;  // "a//b" and the leading '/' add nothing
    current.any_depth = current.glob == "**" && current.wild[0] && current.wild[1];
    pattern.segments_.push_back(std::move(current));
    current = Segment{};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size()) return std::unexpected(Refusal{i, "pattern ends in an escaping backslash"});
      c = text[++i];
      if (c == '/') return std::unexpected(Refusal{i - 1, "an escaped '/' cannot be part of a path"});
      current.glob.push_back(c);
      current.wild.push_back(false);
      continue;
    }
    if (c == '[' || c == ']') {
      return std::unexpected(Refusal{i, "character ranges ('[...]') are not supported in CODEOWNERS"});
    }
    if (c == '/') {
      trailing_slash = i + 1 == text.size();
      finish_segment();
      continue;
    }
    current.glob.push_back(c);
    current.wild.push_back(c == '*' || c == '?');
  }
  finish_segment();
  if (pattern.segments_.empty()) return std::unexpected(Refusal{0, "pattern names no path"});

  // A slash before the last character anchors the pattern to the root.
  bool anchored = leading_slash || pattern.segments_.size() > 1;
  pattern.directory_only_ = trailing_slash;
  // "dir/**" is "everything under dir": the same as "dir/".
  if (pattern.segments_.size() > 1 && pattern.segments_.back().any_depth) {
    pattern.segments_.pop_back();
    pattern.directory_only_ = true;
  }
  const Segment& last = pattern.segments_.back();
  // GitHub: "docs/*" owns the files directly in docs, not those nested deeper.
  if (!pattern.directory_only_ && last.glob == "*" && last.wild[0]) pattern.owns_children_ = false;
  if (!anchored) pattern.segments_.insert(pattern.segments_.begin(), Segment{"**", {true, true}, true});
  // Consecutive `**` are one.
  std::vector<Segment> collapsed;
  for (auto& segment : pattern.segments_) {
    if (segment.any_depth && !collapsed.empty() && collapsed.back().any_depth) continue;
    collapsed.push_back(std::move(segment));
  }
  pattern.segments_ = std::move(collapsed);
  if (pattern.segments_.size() > kMaxSegments) {
    return std::unexpected(Refusal{0, "pattern has more than 63 path segments"});
  }
  pattern.index_key_ = ChooseIndexKey(pattern.segments_);
  return pattern;
}

bool OwnerPattern::MatchSegment(const Segment& segment, std::string_view name) {
  // Classic wildcard matching with one backtrack point: the last '*' seen.
  const std::string& glob = segment.glob;
  size_t g = 0, n = 0;
  size_t star = std::string::npos, star_n = 0;
  while (n < name.size()) {
    if (g < glob.size() && segment.wild[g] && glob[g] == '*') {
      star = g++;
      star_n = n;
    } else if (g < glob.size() && (segment.wild[g] ? true : glob[g] == name[n])) {
      ++g;
      ++n;
    } else if (star != std::string::npos) {
      g = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (g < glob.size() && segment.wild[g] && glob[g] == '*') ++g;
  return g == glob.size();
}

bool OwnerPattern::Matches(const std::vector<std::string_view>& path) const {
  const size_t count = segments_.size();
  const uint64_t done = uint64_t{1} << count;
  // Bit i set: the first i pattern segments match the path consumed so far.
  auto close = [&](uint64_t states) {
    for (size_t i = 0; i < count; ++i) {
      if ((states >> i & 1) && segments_[i].any_depth) states |= uint64_t{1} << (i + 1);
    }
    return states;
  };
  uint64_t states = close(1);
  for (size_t p = 0; p < path.size(); ++p) {
    // The whole pattern matched a parent directory of the path.
    if ((states & done) && p > 0 && owns_children_) return true;
    uint64_t next = 0;
    for (size_t i = 0; i < count; ++i) {
      if (!(states >> i & 1)) continue;
      if (segments_[i].any_depth) {
        next |= uint64_t{1} << i;
      } else if (MatchSegment(segments_[i], path[p])) {
        next |= uint64_t{1} << (i + 1);
      }
    }
    states = close(next);
    if (states == 0) return false;
  }
  return (states & done) && !directory_only_ && !path.empty();
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  if (path.starts_with("./")) path.remove_prefix(2);
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

}  // namespace candor::ownership
