#include "match/comparable.h"

#include "match/field_hash.h"
#include "match/identity.h"

namespace candor::match {

uint64_t PathKey(std::string_view path) {
  return FieldHash().Add(path).Key();
}

Comparable ComparableOf(const core::Finding& finding) {
  // Each part is computed once: this runs for every result of both logs.
  const std::string message = NormalizedMessage(finding);
  const bool has_snippet = !IsAllWhitespace(finding.snippet);
  Comparable out;
  out.group = FieldHash().Add(finding.tool).Add(WithoutOccurrence(finding.identity)).Key();
  // What the finding says regardless of where: its identity's ingredients without the path.
  FieldHash path_free;
  path_free.Add(finding.tool).Add(finding.rule_id);
  if (!finding.fingerprints.empty()) {
    path_free.AddSorted(finding.fingerprints);
  } else if (!finding.partial_fingerprints.empty()) {
    path_free.AddSorted(finding.partial_fingerprints);
  } else {
    path_free.Add(message).AddWithoutWhitespace(finding.snippet).Add(finding.dependency.package);
    for (const auto& advisory : finding.advisories) path_free.Add(advisory);
  }
  out.path_free = path_free.Key();
  out.rule = FieldHash().Add(finding.tool).Add(finding.rule_id).Key();
  out.message = FieldHash().Add(message).Key();
  out.snippet = has_snippet ? FieldHash().AddWithoutWhitespace(finding.snippet).Key() : 0;
  out.path = finding.path;
  out.path_key = PathKey(finding.path);
  out.line = finding.region.start_line;
  out.severity = finding.severity;
  return out;
}

}  // namespace candor::match
