#pragma once
// A reader's sink that identifies findings as `candor ingest` does (one
// IdentityAssigner per run, so occurrence indexes agree) and numbers them
// (run within the input, result within the run) before handing each on.
// Whoever reads scans to compare them derives from it. Not thread-safe.

#include <cstdint>

#include "ingest/reader.h"
#include "match/identity.h"
#include "match/source_tree.h"

namespace candor::match {

class IdentifyingSink : public ingest::FindingSink {
 public:
  // Whether each finding needs its whole identity, occurrence index included
  // (it is shown, stored or matched against decisions), or only its group
  // (matching compares groups: Comparable): counting occurrences costs a
  // hash-map update per finding.
  enum class Identities { kWhole, kGroupOnly };

  explicit IdentifyingSink(SourceTree* source, Identities identities = Identities::kWhole)
      : source_(source), identities_wanted_(identities) {}

  core::Status BeginRun(const core::RunInfo& run) final {
    run_ = runs_++;
    result_ = 0;
    identities_ = IdentityAssigner(source_);
    return OnRun(run);
  }
  core::Status Add(core::Finding&& finding) final {
    texts_.Refill(finding);
    if (identities_wanted_ == Identities::kWhole) {
      finding.identity = identities_.Assign(finding, texts_);
    } else {
      identities_.AssignGroupInto(finding, texts_, finding.identity);  // in the buffer of the finding before
    }
    return OnFinding(finding, run_, result_++);
  }

 protected:
  // The texts of the finding OnFinding is given (for ComparableOf).
  const FindingTexts& texts() const { return texts_; }

  virtual core::Status OnRun(const core::RunInfo&) { return {}; }
  // `finding` stays the reader's: copy what is needed, so its buffers are refilled.
  virtual core::Status OnFinding(const core::Finding& finding, uint32_t run, uint32_t result) = 0;

 private:
  SourceTree* source_;
  Identities identities_wanted_;
  IdentityAssigner identities_;
  FindingTexts texts_;
  uint32_t runs_ = 0, run_ = 0, result_ = 0;
};

}  // namespace candor::match
