#include "ingest/category_rules.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace candor::ingest {
namespace {

bool ContainsIgnoreCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (core::EqualsIgnoreCase(text.substr(i, word.size()), word)) return true;
  }
  return false;
}

// Order matters: the first key found in the driver name wins ("snyk code"
// before "snyk"). Keys are lower case.
constexpr std::array<std::pair<std::string_view, ToolKind>, 61> kTools{{
    // secrets
    {"gitleaks", ToolKind::kSecrets},
    {"trufflehog", ToolKind::kSecrets},
    {"detect-secrets", ToolKind::kSecrets},
    {"ggshield", ToolKind::kSecrets},
    {"secretlint", ToolKind::kSecrets},
    // dynamic testing
    {"zap", ToolKind::kDast},
    {"burp", ToolKind::kDast},
    {"nuclei", ToolKind::kDast},
    {"mayhem", ToolKind::kDast},
    {"nikto", ToolKind::kDast},
    // infrastructure as code
    {"checkov", ToolKind::kIac},
    {"kics", ToolKind::kIac},
    {"tfsec", ToolKind::kIac},
    {"terrascan", ToolKind::kIac},
    {"hadolint", ToolKind::kIac},
    {"kube-score", ToolKind::kIac},
    {"kubesec", ToolKind::kIac},
    {"cfn-lint", ToolKind::kIac},
    {"cfn_nag", ToolKind::kIac},
    // dependencies (software composition analysis)
    {"snyk code", ToolKind::kSast},
    {"snykcode", ToolKind::kSast},
    {"snyk", ToolKind::kSca},
    {"grype", ToolKind::kSca},
    {"dependency-check", ToolKind::kSca},
    {"dependency check", ToolKind::kSca},
    {"npm audit", ToolKind::kSca},
    {"npm-audit", ToolKind::kSca},
    {"osv-scanner", ToolKind::kSca},
    {"pip-audit", ToolKind::kSca},
    {"govulncheck", ToolKind::kSca},
    {"retire", ToolKind::kSca},
    // several kinds in one tool: decided by tags and advisories
    {"trivy", ToolKind::kMulti},
    // code analysers
    {"codeql", ToolKind::kSast},
    {"lgtm", ToolKind::kSast},
    {"semmle", ToolKind::kSast},
    {"semgrep", ToolKind::kSast},
    {"cppcheck", ToolKind::kSast},
    {"flawfinder", ToolKind::kSast},
    {"bandit", ToolKind::kSast},
    {"spotbugs", ToolKind::kSast},
    {"findsecbugs", ToolKind::kSast},
    {"gosec", ToolKind::kSast},
    {"brakeman", ToolKind::kSast},
    {"devskim", ToolKind::kSast},
    {"fortify", ToolKind::kSast},
    {"njsscan", ToolKind::kSast},
    {"nodejsscan", ToolKind::kSast},
    {"mobsf", ToolKind::kSast},
    {"shiftleft", ToolKind::kSast},
    {"prefast", ToolKind::kSast},
    {"clang-tidy", ToolKind::kLinter},
    {"clang", ToolKind::kSast},
    {"gnu c", ToolKind::kSast},
    {"gcc", ToolKind::kSast},
    // linters: "other" unless a rule says it is about security
    {"pylint", ToolKind::kLinter},
    {"tslint", ToolKind::kLinter},
    {"eslint", ToolKind::kLinter},
    {"flake8", ToolKind::kLinter},
    {"rubocop", ToolKind::kLinter},
    {"stylecop", ToolKind::kLinter},
    {"android", ToolKind::kLinter},
}};

struct TagWord {
  std::string_view word;
  uint32_t bit;
  bool whole = false;  // must be the whole tag, not a part of it ("iac" is in "privacy")
};
constexpr std::array<TagWord, 17> kTagWords{{
    {"secret", kTagSecret},
    {"gitleaks", kTagSecret},
    {"credential", kTagSecret},
    {"iac", kTagIac, true},
    {"terraform", kTagIac},
    {"kubernetes", kTagIac},
    {"dockerfile", kTagIac},
    {"cloudformation", kTagIac},
    {"helm", kTagIac, true},
    {"misconfiguration", kTagIac},
    {"security", kTagSecurity},
    {"vulnerability", kTagSecurity},
    {"cwe", kTagSecurity},
    {"owasp", kTagSecurity},
    {"injection", kTagSecurity},
    {"xss", kTagSecurity},
    {"crypto", kTagSecurity},
}};

}  // namespace

ToolKind ToolKindFor(std::string_view tool_name) {
  for (const auto& [key, kind] : kTools) {
    if (ContainsIgnoreCase(tool_name, key)) return kind;
  }
  return ToolKind::kUnknown;
}

uint32_t TagBitsFor(std::string_view tag) {
  uint32_t bits = 0;
  for (const TagWord& word : kTagWords) {
    if ((bits & word.bit) != 0) continue;
    if (word.whole ? core::EqualsIgnoreCase(tag, word.word) : ContainsIgnoreCase(tag, word.word)) {
      bits |= word.bit;
    }
  }
  return bits;
}

core::Category CategoryFor(const CategoryHints& hints) {
  using core::Category;
  const ToolKind kind = hints.tool;
  if (kind == ToolKind::kSecrets || (hints.tags & kTagSecret) != 0) return Category::kSecrets;
  if (kind == ToolKind::kDast) return Category::kDast;
  if (kind == ToolKind::kIac || (hints.tags & kTagIac) != 0) return Category::kIac;
  if (kind == ToolKind::kSca || hints.has_advisory) {
    return hints.image_context ? Category::kContainer : Category::kSca;
  }
  if (kind == ToolKind::kSast) return Category::kSast;
  // Linters, tools not in the table, and a multi-purpose tool's other results:
  // code analysis when the rule says it is about security, otherwise "other".
  if ((hints.tags & kTagSecurity) != 0 || hints.has_cwe) return Category::kSast;
  return Category::kOther;
}

}  // namespace candor::ingest
