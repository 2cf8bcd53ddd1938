#pragma once
// A finding's identity: the key that recognises the same finding across
// scans and commits. It never contains a line number, so code moving up or
// down keeps it. Layers, the first that applies wins (DESIGN.md, Matching):
//   "fp:"  the tool's own stable fingerprints (SARIF `fingerprints`, gitleaks Fingerprint)
//   "pfp:" SARIF `partialFingerprints` (e.g. primaryLocationLineHash), with rule and path
//   "src:" when the source tree is given: rule, path and the code around the
//          finding (source_tree.h)
//   "h:"   a hash of rule, path, the message with numbers masked, the
//          whitespace-free snippet and the dependency (package, advisories)
// Identical findings within one run (same key) are told apart by an
// occurrence index in order of appearance, as GitHub does.
// Not thread-safe: one assigner per run.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/finding.h"
#include "match/source_tree.h"

namespace candor::match {

// A finding's message with numbers masked (MaskNumbers) and its snippet
// without whitespace: the texts that both its identity ("h:" layer) and its
// Comparable hash. Made once per finding and given to both: the two run for
// every result of every scan read, and making the texts twice cost about 4%
// of `candor match`'s time.
struct FindingTexts {
  std::string masked_message;
  std::string bare_snippet;

  // Remade for `finding`, in the buffers of the previous one.
  void Refill(const core::Finding& finding);
  static FindingTexts Of(const core::Finding& finding);
};

class IdentityAssigner {
 public:
  // With a source tree, findings without tool fingerprints are identified by
  // the code around them ("src:" layer, between "pfp:" and "h:").
  explicit IdentityAssigner(SourceTree* source = nullptr) : source_(source) {}

  // The identity for the next finding of the run. The texts, when only the
  // "h:" layer needs them, are made in the assigner's own buffers; a caller
  // that made them already (for a Comparable) passes them.
  std::string Assign(const core::Finding& finding);
  std::string Assign(const core::Finding& finding, const FindingTexts& texts);
  // The same without the occurrence index, and without counting: for those
  // who only compare groups (WithoutOccurrence of Assign's identity).
  std::string AssignGroup(const core::Finding& finding, const FindingTexts& texts) const;
  // The same into `out` (not one of `finding`'s texts), reusing its buffer.
  void AssignGroupInto(const core::Finding& finding, const FindingTexts& texts, std::string& out) const;

 private:
  std::string Counted(std::string base);

  SourceTree* source_;
  FindingTexts texts_;  // for Assign(finding): refilled, not made, per finding
  // By a 64-bit hash of the identity without its index: no string kept per finding.
  std::unordered_map<uint64_t, int> occurrences_;
};

// An identity without its occurrence index ("h:ab12#2" -> "h:ab12"): the
// findings of one group are the same code repeated, told apart by position.
std::string_view WithoutOccurrence(std::string_view identity);

// The message as matching compares it: the finding's own path and file name
// replaced by placeholders (tools quote them, and a rename changes them) and
// numbers masked.
std::string NormalizedMessage(const core::Finding& finding);
// Its key as matching keeps it: FieldHash().Add(NormalizedMessage(finding)).Key(),
// from `texts` (the finding's) when the message does not quote its file (most).
uint64_t NormalizedMessageKey(const core::Finding& finding, const FindingTexts& texts);

// Masks runs of digits ("line 42 of 7" -> "line # of #"): messages that quote
// line numbers or counts keep their identity when those change.
std::string MaskNumbers(std::string_view text);
// The same into `out`, replacing what it held.
void MaskNumbersInto(std::string_view text, std::string& out);

}  // namespace candor::match
