#pragma once
// A parsed CODEOWNERS file: which owners a repository path has, and which
// line of the file says so. Two dialects:
//   - GitHub: the last matching pattern in the file wins; a pattern with no
//     owners leaves the paths it matches unowned.
//   - GitLab: the file is split into sections (`[Name]`, `^[Optional]`,
//     `[Name][2]`, default owners after the header). In each section the last
//     match wins; a path's owners are the union over all sections.
// The dialect is GitLab when any line is a section header, unless the caller
// says otherwise. Patterns: see owner_pattern.h.
// Thread-safety: immutable after Parse; OwnersOf is safe from many threads.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "ownership/owner_pattern.h"

namespace candor::ownership {

enum class Dialect { kAuto, kGitHub, kGitLab };

std::string_view ToString(Dialect dialect);

struct ParseOptions {
  Dialect dialect = Dialect::kAuto;  // kAuto: GitLab if a `[Section]` line exists
  size_t max_bytes = size_t{16} << 20;
  size_t max_rules = 200'000;
};

// The rule that decided one section's owners for a path.
struct SectionMatch {
  std::string section;  // empty for rules before the first header (and in GitHub files)
  bool optional = false;
  int line = 0;                     // 1-based line of the matching rule
  std::vector<std::string> owners;  // empty: the rule un-owns the path
};

struct Ownership {
  std::vector<std::string> owners;    // union over sections, in first-seen order, no duplicates
  int line = 0;                       // the matching line (GitLab: the last of them); 0 when none matched
  std::vector<SectionMatch> matches;  // one per section with a matching rule, in file order
  bool owned() const { return !owners.empty(); }
};

class Codeowners {
 public:
  // Parses `text`; `name` is the file name used in error positions.
  // kInvalidInput "name:LINE:COL" for an owner that is not @user, @org/team
  // or an e-mail address, an unsupported pattern ('!', '[ ]') or a malformed
  // section header; kLimitExceeded past the options' bounds.
  static core::Result<Codeowners> Parse(std::string_view text, std::string_view name,
                                        const ParseOptions& options = {});

  Ownership OwnersOf(std::string_view path) const;

  Dialect dialect() const { return dialect_; }
  size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    OwnerPattern pattern;
    std::vector<std::string> owners;
    int line = 0;
  };
  struct Section {
    std::string name;
    bool optional = false;
    // Rule indices, ascending, by OwnerPattern::index_key(): a path is
    // checked only against the rules its segments can satisfy, plus
    // `general`, newest rule first.
    std::unordered_map<std::string, std::vector<size_t>> by_first_segment;
    std::unordered_map<std::string, std::vector<size_t>> by_segment;
    std::unordered_map<std::string, std::vector<size_t>> by_extension;
    std::vector<size_t> general;
  };
  friend class CodeownersParser;
  const Rule* LastMatch(const Section& section, const std::vector<std::string_view>& segments) const;

  Dialect dialect_ = Dialect::kGitHub;
  std::vector<Rule> rules_;
  std::vector<Section> sections_;
};

// True for `@user`, `@org/team` (GitLab: nested groups), GitLab roles
// (`@@developer`) and e-mail addresses.
bool IsValidOwner(std::string_view owner, Dialect dialect);

}  // namespace candor::ownership
