#pragma once
// Identifiers found in free text of SARIF logs: CWE numbers in tags and taxa,
// CVE/GHSA advisory ids in rule ids, names and tags, and package coordinates
// in the "Key: value" lines Trivy and Grype write. No regex; pure, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace candor::ingest::sarif {

// Appends every CWE number in `text`: "CWE-79", "cwe-079", "external/cwe/cwe-079",
// "CWE:79". Returns whether one was found.
bool AppendCwes(std::string_view text, std::vector<int>& out);
// A taxon id naming one CWE: "79", "CWE-79"; 0 when it is not one.
int ParseCweId(std::string_view id);

// Appends every "CVE-YYYY-NNNN..." and "GHSA-xxxx-xxxx-xxxx" id in `text`
// (upper-cased CVE, lower-cased GHSA body as GitHub writes them).
bool AppendAdvisories(std::string_view text, std::vector<std::string>& out);

// Sorts and removes duplicates.
void SortUnique(std::vector<int>& values);
void SortUnique(std::vector<std::string>& values);

// Reads "Package: x", "Installed Version: y" / "Version: y",
// "Fixed Version: z" / "Fix Version: z" and "Type: t" lines. Fills `out`
// only when both a package and a version are found exactly once.
bool ParseDependencyLines(std::string_view text, core::Dependency& out);

}  // namespace candor::ingest::sarif
