#include "match/comparable.h"

#define XXH_STATIC_LINKING_ONLY  // the state on the stack: no allocation per finding
#include <xxhash.h>

#include <string_view>

#include "core/text.h"
#include "match/identity.h"

namespace candor::match {
namespace {

uint64_t Hash(std::string_view a, std::string_view b = {}) {
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  XXH3_64bits_update(&state, a.data(), a.size());
  XXH3_64bits_update(&state, "\x1f", 1);
  XXH3_64bits_update(&state, b.data(), b.size());
  return XXH3_64bits_digest(&state);
}

}  // namespace

Comparable ComparableOf(const core::Finding& finding) {
  Comparable out;
  out.group = Hash(finding.tool, WithoutOccurrence(finding.identity));
  out.path_free = Hash(finding.tool, PathFreeKey(finding));
  out.rule = Hash(finding.tool, finding.rule_id);
  out.message = Hash(NormalizedMessage(finding));
  std::string snippet;
  for (char c : finding.snippet) {
    if (!core::IsAsciiSpace(c)) snippet.push_back(c);
  }
  out.snippet = snippet.empty() ? 0 : Hash(snippet);
  out.path = finding.path;
  out.line = finding.region.start_line;
  out.severity = finding.severity;
  return out;
}

}  // namespace candor::match
