#pragma once
// What matching looks at in a finding, computed once: hashes of the parts
// that decide "the same finding" plus where it is. Small, so a 100,000-result
// log compares without holding its findings. Plain values, but for the path,
// which a PathTable holds once for all the results in one file.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/finding.h"
#include "core/severity.h"
#include "core/text.h"
#include "match/identity.h"

namespace candor::match {

struct Comparable {
  uint64_t group = 0;      // tool + identity without its occurrence index
  uint64_t path_free = 0;  // tool, rule and what it says, without the path: follows a renamed file
  uint64_t rule = 0;       // tool + rule id
  uint64_t message = 0;    // NormalizedMessage
  uint64_t snippet = 0;    // whitespace-free snippet; 0 when there is none
  std::string_view path;   // held by the PathTable given to ComparableOf
  uint64_t path_key = 0;   // PathKey(path): compared and looked up instead of the text
  int line = 0;            // start line, 0 when not given
  core::Severity severity = core::Severity::kInfo;
};

// A path's hash. Equal paths have equal keys; that different paths have
// different ones is as certain as the other 64-bit keys here.
uint64_t PathKey(std::string_view path);

// Each path once, for the Comparables of a scan: a scan has a few thousand
// files and may have a hundred thousand results. Its views stay valid as long
// as the table does, moved or not. Not thread-safe.
class PathTable {
 public:
  struct Interned {
    std::string_view path;
    uint64_t key = 0;  // PathKey(path), computed once per path
  };
  Interned Intern(std::string_view path);

 private:
  std::unordered_map<std::string, uint64_t, core::StringHash, std::equal_to<>> paths_;
  Interned last_;  // node-based map: its views stay valid as it grows
};

// `finding.identity` must be assigned (IdentityAssigner); `paths` must
// outlive the result.
Comparable ComparableOf(const core::Finding& finding, PathTable& paths);
// The same with the finding's texts already made (identity.h).
Comparable ComparableOf(const core::Finding& finding, PathTable& paths, const FindingTexts& texts);

}  // namespace candor::match
