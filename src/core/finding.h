#pragma once
// The normalised finding: what every scanner's result becomes, whatever its
// format. Plain data; readers fill it, the store keeps it, reports render it.
// Candor stores teams, never people: no author, committer or e-mail field
// exists here on purpose, and readers drop such fields from their inputs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"

namespace candor::core {

enum class Category { kSast, kSca, kSecrets, kIac, kContainer, kDast, kOther };
std::string_view ToString(Category category);
std::optional<Category> ParseCategory(std::string_view name);

// Where in delivery a scan ran, so "caught early" can be measured.
enum class Stage { kDesign, kPr, kMain, kRelease, kProduction };
std::string_view ToString(Stage stage);
std::optional<Stage> ParseStage(std::string_view name);

struct Region {
  // 1-based like SARIF; 0 means "not given".
  int start_line = 0;
  int start_column = 0;
  int end_line = 0;
  int end_column = 0;
  bool operator==(const Region&) const = default;
};

// A tool's fingerprint: SARIF `fingerprints` / `partialFingerprints` entries,
// or a native tool's own stable id (e.g. gitleaks' Fingerprint).
struct Fingerprint {
  std::string name;
  std::string value;
  bool operator==(const Fingerprint&) const = default;
};

enum class SuppressionKind { kInSource, kExternal };
std::string_view ToString(SuppressionKind kind);

struct Suppression {
  SuppressionKind kind = SuppressionKind::kExternal;
  std::string status;         // SARIF: "accepted" (default), "underReview", "rejected"
  std::string justification;  // free text, may be empty
  bool operator==(const Suppression&) const = default;
};

// For dependency (SCA and container) findings.
struct Dependency {
  std::string package;
  std::string installed_version;
  std::string fixed_version;  // empty when no fix is known
  std::string ecosystem;      // "npm", "alpine", "pip", ... as the tool names it
  bool operator==(const Dependency&) const = default;
};

struct Finding {
  std::string tool;
  std::string tool_version;
  std::string rule_id;
  std::string rule_name;
  std::string rule_help;  // short fix guidance from the rule, plain text
  std::string help_uri;
  Category category = Category::kOther;
  Severity severity = Severity::kInfo;
  std::string tool_severity;            // the tool's own word or score, kept verbatim
  std::vector<int> cwes;                // CWE numbers, ascending, no duplicates
  std::vector<std::string> advisories;  // "CVE-2021-1234", "GHSA-xxxx-xxxx-xxxx"
  Dependency dependency;
  std::string path;  // repo-relative, '/' separators, no leading "./"; may be empty
  Region region;
  std::string snippet;
  std::string message;
  std::vector<Fingerprint> fingerprints;
  std::vector<Fingerprint> partial_fingerprints;
  std::vector<Suppression> suppressions;
  int related_location_count = 0;
  int code_flow_count = 0;
  // Stable across commits, never contains a line number; set by match::AssignIdentities.
  std::string identity;
  // The team that owns the finding's path (CODEOWNERS, else the service's
  // team); empty when nobody does. Set by ownership::OwnerResolver.
  std::string team;
  bool operator==(const Finding&) const = default;
};

// One tool run inside an input file (a SARIF run, or the whole of a native report).
// Empties every field of `finding` as a fresh Finding has it, but keeps the
// strings' buffers: a reader that fills one Finding per result allocates
// only when a value outgrows what the previous one needed.
void ClearForReuse(Finding& finding);

struct RunInfo {
  std::string tool;
  std::string tool_version;
  int run_index = 0;  // position of the run within its input file
};

}  // namespace candor::core
