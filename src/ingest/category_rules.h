#pragma once
// Which kind of finding (sast, sca, secrets, ...) a scanner's result is, from
// the tool's name, the rule's tags and what the result refers to. One small
// table of known tools plus a few tag words; see docs/severity.md ("Category").
// Pure functions, thread-safe. Shared by the SARIF and the native readers.

#include <cstdint>
#include <string_view>

#include "core/finding.h"

namespace candor::ingest {

// What kind of tool a driver name names.
enum class ToolKind { kUnknown, kSast, kSca, kIac, kSecrets, kDast, kLinter, kMulti };

// First row of the known-tool table whose key occurs in `tool_name`
// (case-insensitively), or kUnknown.
ToolKind ToolKindFor(std::string_view tool_name);

// Bits for the words in a rule's tags (properties.tags) that decide a category.
enum TagBits : uint32_t {
  kTagSecret = 1u << 0,    // "secret", "secrets", "gitleaks", "credentials"
  kTagIac = 1u << 1,       // "iac", "terraform", "kubernetes", "dockerfile", "misconfiguration", ...
  kTagSecurity = 1u << 2,  // "security", "vulnerability"
};
uint32_t TagBitsFor(std::string_view tag);

struct CategoryHints {
  ToolKind tool = ToolKind::kUnknown;  // ToolKindFor(driver name), once per run
  uint32_t tags = 0;                   // OR of TagBitsFor over the rule's and result's tags
  bool has_advisory = false;           // a CVE-/GHSA- id was found
  bool has_cwe = false;
  bool image_context = false;  // the run scanned a container image (OS packages, imageName)
};

core::Category CategoryFor(const CategoryHints& hints);

}  // namespace candor::ingest
