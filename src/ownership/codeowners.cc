#include "ownership/codeowners.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/text.h"

namespace candor::ownership {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

struct Token {
  std::string_view text;
  size_t column = 0;  // 0-based byte offset in the line
};

// Splits at unescaped blanks: `docs/my\ file` is one token.
std::vector<Token> Tokenize(std::string_view line) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsBlank(line[i])) ++i;
    if (i == line.size()) break;
    size_t start = i;
    while (i < line.size() && !IsBlank(line[i])) i += (line[i] == '\\' && i + 1 < line.size()) ? 2 : 1;
    tokens.push_back({line.substr(start, i - start), start});
  }
  return tokens;
}

// A GitLab section header: `[Name]`, `^[Name]`, `[Name][2]`, then default owners.
struct Header {
  std::string name;
  bool optional = false;
  size_t owners_at = 0;  // where the default owners start in the line
};

std::optional<Header> ParseHeader(std::string_view line) {
  Header header;
  size_t i = 0;
  if (i < line.size() && line[i] == '^') {
    header.optional = true;
    ++i;
  }
  if (i >= line.size() || line[i] != '[') return std::nullopt;
  size_t close = line.find(']', i);
  if (close == std::string_view::npos || close == i + 1) return std::nullopt;
  header.name = std::string(line.substr(i + 1, close - i - 1));
  i = close + 1;
  if (i < line.size() && line[i] == '[') {  // required approvals: digits only
    size_t end = line.find(']', i);
    if (end == std::string_view::npos || end == i + 1) return std::nullopt;
    for (size_t d = i + 1; d < end; ++d) {
      if (!std::isdigit(static_cast<unsigned char>(line[d]))) return std::nullopt;
    }
    i = end + 1;
  }
  if (i < line.size() && !IsBlank(line[i])) return std::nullopt;
  header.owners_at = i;
  return header;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

}  // namespace

std::string_view ToString(Dialect dialect) {
  switch (dialect) {
    case Dialect::kAuto: return "auto";
    case Dialect::kGitHub: return "github";
    case Dialect::kGitLab: return "gitlab";
  }
  return "auto";
}

bool IsValidOwner(std::string_view owner, Dialect dialect) {
  if (owner.starts_with("@@")) {  // GitLab roles: @@developer, @@maintainers, @@owner
    if (dialect != Dialect::kGitLab || owner.size() == 2) return false;
    return std::all_of(owner.begin() + 2, owner.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  }
  if (owner.starts_with('@')) {
    owner.remove_prefix(1);
    size_t slashes = 0;
    size_t segment = 0;
    for (char c : owner) {
      if (c == '/') {
        if (segment == 0) return false;
        ++slashes;
        segment = 0;
      } else if (IsNameChar(c)) {
        ++segment;
      } else {
        return false;
      }
    }
    // GitHub teams are exactly @org/team; GitLab groups nest.
    return segment > 0 && (dialect == Dialect::kGitLab || slashes <= 1);
  }
  size_t at = owner.find('@');
  if (at == 0 || at == std::string_view::npos || owner.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view local = owner.substr(0, at), domain = owner.substr(at + 1);
  for (char c : local) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == '\\' || c == '#') return false;
  }
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

// Builds a Codeowners line by line; a class so it can fill the private members.
class CodeownersParser {
 public:
  CodeownersParser(std::string_view name, const ParseOptions& options) : name_(name), options_(options) {}

  core::Result<Codeowners> Run(std::string_view text) {
    if (text.size() > options_.max_bytes) {
      return core::Fail(core::ErrorCode::kLimitExceeded,
                        fmt::format("CODEOWNERS file is larger than {} bytes", options_.max_bytes),
                        std::string(name_));
    }
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (line.ends_with('\r')) line.remove_suffix(1);
      lines.push_back(line);
      start = end + 1;
    }
    result_.dialect_ = options_.dialect;
    if (result_.dialect_ == Dialect::kAuto) {
      result_.dialect_ = Dialect::kGitHub;
      for (std::string_view line : lines) {
        size_t indent = 0;
        while (indent < line.size() && IsBlank(line[indent])) ++indent;
        if (ParseHeader(line.substr(indent))) result_.dialect_ = Dialect::kGitLab;
      }
    }
    result_.sections_.emplace_back();  // rules before any header
    for (size_t i = 0; i < lines.size(); ++i) {
      if (auto status = ParseLine(lines[i], static_cast<int>(i + 1)); !status)
        return std::unexpected(status.error());
    }
    return std::move(result_);
  }

 private:
  core::Status ParseLine(std::string_view line, int number) {
    std::vector<Token> tokens = Tokenize(line);
    if (tokens.empty() || tokens[0].text.starts_with('#')) return {};
    if (result_.dialect_ == Dialect::kGitLab) {
      if (auto header = ParseHeader(line.substr(tokens[0].column))) {
        return StartSection(*header, line, tokens[0].column, number);
      }
    }
    // GitHub's docs list "escaping a pattern starting with `#` using `\`" among the gitignore rules
    // that do not work in CODEOWNERS; GitLab documents `\#file` as a pattern. Refused in GitHub
    // files, as '!' and '[ ]' are, rather than matching paths GitHub would not.
    if (result_.dialect_ == Dialect::kGitHub && tokens[0].text.starts_with("\\#")) {
      return Invalid("escaping a leading '#' ('\\#') does not work in GitHub CODEOWNERS", number,
                     tokens[0].column);
    }
    auto pattern = OwnerPattern::Compile(tokens[0].text);
    if (!pattern) return Invalid(pattern.error().message, number, tokens[0].column + pattern.error().column);
    std::vector<std::string> owners;
    if (auto status = ReadOwners(tokens, 1, number, owners); !status) return status;
    if (owners.empty()) owners = defaults_;  // GitLab: the header's default owners
    if (result_.rules_.size() >= options_.max_rules) {
      return core::Fail(core::ErrorCode::kLimitExceeded,
                        fmt::format("CODEOWNERS file has more than {} rules", options_.max_rules),
                        Where(number, 1));
    }
    size_t index = result_.rules_.size();
    Codeowners::Section& section = result_.sections_[current_];
    using Kind = OwnerPattern::IndexKey::Kind;
    const OwnerPattern::IndexKey& key = pattern->index_key();
    switch (key.kind) {
      case Kind::kFirstSegment: section.by_first_segment[key.text].push_back(index); break;
      case Kind::kSegment: section.by_segment[key.text].push_back(index); break;
      case Kind::kExtension: section.by_extension[key.text].push_back(index); break;
      case Kind::kNone: section.general.push_back(index); break;
    }
    result_.rules_.push_back({std::move(*pattern), std::move(owners), number});
    return {};
  }

  core::Status StartSection(const Header& header, std::string_view line, size_t indent, int number) {
    std::vector<Token> tokens = Tokenize(line);
    // Tokens inside the header (a name with spaces) are not owners.
    size_t first_owner = 0;
    while (first_owner < tokens.size() && tokens[first_owner].column < indent + header.owners_at)
      ++first_owner;
    defaults_.clear();
    if (auto status = ReadOwners(tokens, first_owner, number, defaults_); !status) return status;
    // Sections with the same name (in any case) are one section.
    std::string key = core::ToLower(header.name);
    auto found = std::find_if(result_.sections_.begin() + 1, result_.sections_.end(),
                              [&](const Codeowners::Section& s) { return core::ToLower(s.name) == key; });
    if (found == result_.sections_.end()) {
      result_.sections_.push_back({header.name, header.optional, {}, {}});
      current_ = result_.sections_.size() - 1;
    } else {
      current_ = static_cast<size_t>(found - result_.sections_.begin());
    }
    return {};
  }

  core::Status ReadOwners(const std::vector<Token>& tokens, size_t from, int number,
                          std::vector<std::string>& owners) {
    for (size_t t = from; t < tokens.size(); ++t) {
      if (tokens[t].text.starts_with('#')) break;  // a comment after the owners
      if (!IsValidOwner(tokens[t].text, result_.dialect_)) {
        return Invalid(
            fmt::format("'{}' is not an owner (@user, @org/team or an e-mail address)", tokens[t].text),
            number, tokens[t].column);
      }
      owners.emplace_back(tokens[t].text);
    }
    return {};
  }

  std::string Where(int line, size_t column) const { return fmt::format("{}:{}:{}", name_, line, column); }

  core::Status Invalid(std::string message, int line, size_t column0) const {
    return core::Fail(core::ErrorCode::kInvalidInput, std::move(message), Where(line, column0 + 1));
  }

  std::string_view name_;
  const ParseOptions& options_;
  Codeowners result_;
  size_t current_ = 0;
  std::vector<std::string> defaults_;
};

core::Result<Codeowners> Codeowners::Parse(std::string_view text, std::string_view name,
                                           const ParseOptions& options) {
  return CodeownersParser(name, options).Run(text);
}

const Codeowners::Rule* Codeowners::LastMatch(const Section& section,
                                              const std::vector<std::string_view>& segments) const {
  // The candidate lists (each ascending, pairwise disjoint: a rule sits in one
  // bucket) are merged newest first and the merge stops at the first match.
  // Sorting their concatenation instead cost most of the time on a 3,000-rule
  // file, since the newest candidates usually decide.
  struct Cursor {
    const std::vector<size_t>* list;
    size_t left;  // list[left - 1] is the next candidate
  };
  std::vector<Cursor> cursors;
  cursors.reserve(2 * segments.size() + 2);
  auto add = [&](const std::vector<size_t>& list) {
    if (!list.empty()) cursors.push_back({&list, list.size()});
  };
  auto add_from = [&](const std::unordered_map<std::string, std::vector<size_t>>& index,
                      std::string_view key) {
    if (index.empty()) return;
    auto found = index.find(std::string(key));
    if (found != index.end()) add(found->second);
  };
  add(section.general);
  if (!segments.empty()) add_from(section.by_first_segment, segments[0]);
  for (size_t i = 0; i < segments.size(); ++i) {
    std::string_view segment = segments[i];
    bool seen = false;  // a name repeated in the path adds its rules once
    for (size_t j = 0; j < i && !seen; ++j) seen = segments[j] == segment;
    if (seen) continue;
    add_from(section.by_segment, segment);
    size_t dot = segment.rfind('.');
    if (dot == std::string_view::npos) continue;
    std::string_view extension = segment.substr(dot + 1);
    for (size_t j = 0; j < i && !seen; ++j) {
      size_t other = segments[j].rfind('.');
      seen = other != std::string_view::npos && segments[j].substr(other + 1) == extension;
    }
    if (!seen) add_from(section.by_extension, extension);
  }
  // Newest rule first: the first that matches is the last in the file.
  while (!cursors.empty()) {
    size_t newest = 0;
    for (size_t c = 1; c < cursors.size(); ++c) {
      if ((*cursors[c].list)[cursors[c].left - 1] > (*cursors[newest].list)[cursors[newest].left - 1])
        newest = c;
    }
    Cursor& cursor = cursors[newest];
    const Rule& rule = rules_[(*cursor.list)[--cursor.left]];
    if (rule.pattern.Matches(segments)) return &rule;
    if (cursor.left == 0) {
      cursor = cursors.back();
      cursors.pop_back();
    }
  }
  return nullptr;
}

Ownership Codeowners::OwnersOf(std::string_view path) const {
  std::vector<std::string_view> segments = SplitPath(path);
  Ownership ownership;
  for (const Section& section : sections_) {
    const Rule* rule = LastMatch(section, segments);
    if (!rule) continue;
    ownership.matches.push_back({section.name, section.optional, rule->line, rule->owners});
    ownership.line = std::max(ownership.line, rule->line);
    for (const std::string& owner : rule->owners) {
      if (std::find(ownership.owners.begin(), ownership.owners.end(), owner) == ownership.owners.end()) {
        ownership.owners.push_back(owner);
      }
    }
  }
  return ownership;
}

}  // namespace candor::ownership
