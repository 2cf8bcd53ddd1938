#include "match/comparable.h"

#include "match/field_hash.h"
#include "match/identity.h"

namespace candor::match {

uint64_t PathKey(std::string_view path) {
  return FieldHash().Add(path).Key();
}

PathTable::Interned PathTable::Intern(std::string_view path) {
  // A scan's results come grouped by file: most are the path interned last.
  if (last_.path.data() != nullptr && last_.path == path) return last_;
  auto it = paths_.find(path);
  if (it == paths_.end()) it = paths_.emplace(std::string(path), PathKey(path)).first;
  last_ = {it->first, it->second};
  return last_;
}

Comparable ComparableOf(const core::Finding& finding, PathTable& paths) {
  return ComparableOf(finding, paths, FindingTexts::Of(finding));
}

Comparable ComparableOf(const core::Finding& finding, PathTable& paths, const FindingTexts& texts) {
  // Each part is computed once, and the message's and snippet's keys go into
  // the path-free key as keys, not as text hashed again: this runs for every
  // result of both logs. (Comparables live in memory only: no stored value
  // depends on how they are made.)
  const uint64_t message = NormalizedMessageKey(finding, texts);
  const uint64_t snippet = texts.bare_snippet.empty() ? 0 : FieldHash().Add(texts.bare_snippet).Key();
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
    path_free.AddKey(message).AddKey(snippet).Add(finding.dependency.package);
    for (const auto& advisory : finding.advisories) path_free.Add(advisory);
  }
  out.path_free = path_free.Key();
  out.rule = FieldHash().Add(finding.tool).Add(finding.rule_id).Key();
  out.message = message;
  out.snippet = snippet;
  const PathTable::Interned path = paths.Intern(finding.path);
  out.path = path.path;
  out.path_key = path.key;
  out.line = finding.region.start_line;
  out.severity = finding.severity;
  return out;
}

}  // namespace candor::match
