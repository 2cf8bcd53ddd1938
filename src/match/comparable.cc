#include "match/comparable.h"

#define XXH_STATIC_LINKING_ONLY  // the state on the stack: no allocation per finding
#include <xxhash.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "match/identity.h"

namespace candor::match {
namespace {

// Streams fields into one 64-bit hash; a separator keeps ("ab","c") and ("a","bc") apart.
class Hasher {
 public:
  Hasher() { XXH3_64bits_reset(&state_); }
  Hasher& Add(std::string_view field) {
    XXH3_64bits_update(&state_, field.data(), field.size());
    XXH3_64bits_update(&state_, "\x1f", 1);
    return *this;
  }
  uint64_t Digest() const { return XXH3_64bits_digest(&state_); }

 private:
  XXH3_state_t state_;
};

void AddSorted(Hasher& hasher, const std::vector<core::Fingerprint>& prints) {
  std::vector<const core::Fingerprint*> sorted;
  for (const auto& print : prints) sorted.push_back(&print);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* print : sorted) hasher.Add(print->name).Add(print->value);
}

}  // namespace

Comparable ComparableOf(const core::Finding& finding) {
  // Each part is computed once: this runs for every result of both logs.
  const std::string message = NormalizedMessage(finding);
  std::string snippet;
  snippet.reserve(finding.snippet.size());
  for (char c : finding.snippet) {
    if (!core::IsAsciiSpace(c)) snippet.push_back(c);
  }
  Comparable out;
  out.group = Hasher().Add(finding.tool).Add(WithoutOccurrence(finding.identity)).Digest();
  // What the finding says regardless of where: its identity's ingredients without the path.
  Hasher path_free;
  path_free.Add(finding.tool).Add(finding.rule_id);
  if (!finding.fingerprints.empty()) {
    AddSorted(path_free, finding.fingerprints);
  } else if (!finding.partial_fingerprints.empty()) {
    AddSorted(path_free, finding.partial_fingerprints);
  } else {
    path_free.Add(message).Add(snippet).Add(finding.dependency.package);
    for (const auto& advisory : finding.advisories) path_free.Add(advisory);
  }
  out.path_free = path_free.Digest();
  out.rule = Hasher().Add(finding.tool).Add(finding.rule_id).Digest();
  out.message = Hasher().Add(message).Digest();
  out.snippet = snippet.empty() ? 0 : Hasher().Add(snippet).Digest();
  out.path = finding.path;
  out.line = finding.region.start_line;
  out.severity = finding.severity;
  return out;
}

}  // namespace candor::match
