#include "diff/diff_path.h"

#include <array>

namespace candor::diff {
namespace {

// Prefix pairs git writes: default, diff.mnemonicPrefix (index, work tree,
// commit, object) and --no-index's mnemonic ones.
constexpr std::array<std::pair<char, char>, 6> kPrefixPairs = {
    {{'a', 'b'}, {'i', 'w'}, {'c', 'w'}, {'c', 'i'}, {'o', 'w'}, {'1', '2'}}};

bool HasPrefix(std::string_view name, char letter) {
  return name.size() > 2 && name[0] == letter && name[1] == '/';
}

bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}

// Decodes the quoted name at line[pos] == '"'; `end` receives the offset just
// past the closing quote.
PathResult<std::string> ReadQuoted(std::string_view line, size_t pos, size_t* end) {
  std::string name;
  size_t i = pos + 1;
  while (i < line.size()) {
    char c = line[i];
    if (c == '"') {
      *end = i + 1;
      if (name.empty()) return std::unexpected(PathError{pos, "empty quoted file name"});
      return name;
    }
    if (c != '\\') {
      name.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= line.size()) break;
    char e = line[i + 1];
    switch (e) {
      case 'a': name.push_back('\a'); break;
      case 'b': name.push_back('\b'); break;
      case 't': name.push_back('\t'); break;
      case 'n': name.push_back('\n'); break;
      case 'v': name.push_back('\v'); break;
      case 'f': name.push_back('\f'); break;
      case 'r': name.push_back('\r'); break;
      case '"':
      case '\\': name.push_back(e); break;
      default:
        // Three octal digits: one byte, as git writes each byte of a
        // non-ASCII (UTF-8) name.
        if (i + 3 < line.size() && IsOctal(e) && e <= '3' && IsOctal(line[i + 2]) && IsOctal(line[i + 3])) {
          name.push_back(static_cast<char>((e - '0') * 64 + (line[i + 2] - '0') * 8 + (line[i + 3] - '0')));
          i += 4;
          continue;
        }
        return std::unexpected(PathError{i, "invalid escape in quoted file name"});
    }
    i += 2;
  }
  return std::unexpected(PathError{pos, "quoted file name has no closing quote"});
}

// Whether the quote at rest[i] is preceded by an odd number of backslashes.
bool IsEscaped(std::string_view rest, size_t i) {
  size_t slashes = 0;
  while (i > slashes && rest[i - 1 - slashes] == '\\') ++slashes;
  return slashes % 2 == 1;
}

std::string_view AfterFirstComponent(std::string_view name) {
  size_t slash = name.find('/');
  return slash == std::string_view::npos ? std::string_view{} : name.substr(slash + 1);
}

}  // namespace

PathResult<std::string> ReadName(std::string_view line, size_t pos, NameEnd end) {
  if (pos < line.size() && line[pos] == '"') {
    size_t after = 0;
    return ReadQuoted(line, pos, &after);
  }
  std::string_view name = line.substr(std::min(pos, line.size()));
  if (end == NameEnd::kTab) name = name.substr(0, name.find('\t'));
  if (name.empty()) return std::unexpected(PathError{pos, "missing file name"});
  return std::string(name);
}

PathResult<std::pair<std::string, std::string>> SplitGitHeaderNames(std::string_view rest) {
  if (rest.starts_with('"')) {
    size_t after = 0;
    auto old_name = ReadQuoted(rest, 0, &after);
    if (!old_name) return std::unexpected(old_name.error());
    if (after >= rest.size() || rest[after] != ' ') {
      return std::unexpected(PathError{after, "expected a space between the two file names"});
    }
    auto new_name = ReadName(rest, after + 1, NameEnd::kLine);
    if (!new_name) return std::unexpected(new_name.error());
    return std::pair(std::move(*old_name), std::move(*new_name));
  }
  if (rest.ends_with('"')) {
    // Plain old name, quoted new name: the new one opens at the last
    // unescaped quote that follows a space (one backward scan, no retries).
    for (size_t i = rest.size() - 1; i-- > 1;) {
      if (rest[i] != '"' || IsEscaped(rest, i)) continue;
      if (rest[i - 1] != ' ') break;
      auto new_name = ReadName(rest, i, NameEnd::kLine);
      if (!new_name) return std::unexpected(new_name.error());
      return std::pair(std::string(rest.substr(0, i - 1)), std::move(*new_name));
    }
    return std::unexpected(PathError{rest.size() - 1, "unbalanced quote in file names"});
  }
  // Two plain names: the same name twice (all but renames and copies) puts
  // the separating space in the middle, whatever spaces the name has.
  if (rest.size() % 2 == 1) {
    size_t mid = rest.size() / 2;
    std::string_view left = rest.substr(0, mid);
    std::string_view right = rest.substr(mid + 1);
    std::string_view left_rest = AfterFirstComponent(left);
    if (rest[mid] == ' ' &&
        (left == right || (!left_rest.empty() && left_rest == AfterFirstComponent(right)))) {
      return std::pair(std::string(left), std::string(right));
    }
  }
  size_t space = rest.find(' ');
  if (space == std::string_view::npos || space == 0 || space + 1 == rest.size()) {
    return std::unexpected(PathError{0, "expected two file names"});
  }
  return std::pair(std::string(rest.substr(0, space)), std::string(rest.substr(space + 1)));
}

bool HasGitPrefixes(std::string_view old_name, std::string_view new_name) {
  bool old_null = old_name == kDevNull;
  bool new_null = new_name == kDevNull;
  if (old_null && new_null) return false;
  for (auto [old_letter, new_letter] : kPrefixPairs) {
    if ((old_null || HasPrefix(old_name, old_letter)) && (new_null || HasPrefix(new_name, new_letter))) {
      return true;
    }
  }
  return false;
}

std::string WithoutPrefix(std::string name, bool strip) {
  if (strip && name != kDevNull && name.size() > 2) name.erase(0, 2);
  return name;
}

}  // namespace candor::diff
