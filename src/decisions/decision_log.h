#pragma once
// The decision register: risk decisions recorded in the store's append-only,
// hash-chained log. Each entry's hash covers its own fields and the hash of
// the entry before, so an edit, a deletion or a reordering anywhere breaks
// the chain from that entry on, and `candor decide verify` names the first
// broken entry. (Cutting entries off the end leaves a valid, shorter chain:
// verify prints the head hash so it can be compared with one published
// earlier, `--expect-head`.)
// Functions over a Store; one thread at a time per store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decision.h"
#include "core/error.h"
#include "decisions/risk_appetite.h"
#include "store/store.h"

namespace candor::decisions {

// The hash an entry must carry: SHA-256 over the previous hash and every
// field of the entry but seq and hash, each written with its length.
std::string ChainHash(const store::DecisionRecord& record);

// A decision as the log's entries leave it.
struct RegisteredDecision {
  core::Decision decision;
  std::string recorded_at;
  std::optional<store::DecisionRecord> revocation;  // set once revoked
};

// Replays the log: every recorded decision in order of recording, with its
// revocation if any.
std::vector<RegisteredDecision> Replay(const std::vector<store::DecisionRecord>& log);
// The decisions in force (recorded, not revoked; expiry is the caller's
// question, see coverage.h).
std::vector<core::Decision> Unrevoked(const std::vector<store::DecisionRecord>& log);

enum class RecordOutcome { kRecorded, kAlreadyRecorded };

// Records `decision` at clock.Now(). Refused (kInvalidInput, nothing
// written): a decision ValidateDecision refuses; an expiry that is not in the
// future; an approver role without the authority for the decision's severity
// (its `severity`, else the most severe open finding of the store it covers,
// else medium) in `service`, with the escalation path; an id already
// recorded with different content. The same decision recorded again changes
// nothing (kAlreadyRecorded), so a decisions file can be applied on every
// merge. The caller owns the transaction.
core::Result<RecordOutcome> RecordDecision(store::Store& store, const core::Decision& decision,
                                           const RiskAppetite& appetite, const ServiceContext& service,
                                           const core::Clock& clock);

// RecordDecision for many decisions (a decisions file): the store's findings
// that judge authority are read once, not once per decision.
class DecisionRecorder {
 public:
  DecisionRecorder(store::Store& store, const RiskAppetite& appetite, const ServiceContext& service,
                   const core::Clock& clock)
      : store_(store), appetite_(appetite), service_(service), clock_(clock) {}

  core::Result<RecordOutcome> Record(const core::Decision& decision);

 private:
  core::Result<core::Severity> SeverityOf(const core::Decision& decision);

  store::Store& store_;
  const RiskAppetite& appetite_;
  const ServiceContext& service_;
  const core::Clock& clock_;
  std::optional<std::vector<store::StoredFinding>> findings_;  // read on first need
};

// Appends a revocation of decision `id` by `by`, with `reason`. kNotFound for
// an id never recorded; kInvalidInput for one already revoked or an empty
// reason.
core::Status RevokeDecision(store::Store& store, const std::string& id, const std::string& by,
                            const std::string& reason, const core::Clock& clock);

struct Verification {
  size_t entries = 0;
  std::string head_hash;              // hash of the last entry ("" for an empty log)
  std::optional<int64_t> broken_seq;  // the first entry that does not verify
  std::string problem;                // why, for people
};

// Recomputes the chain over `log` (in seq order).
Verification VerifyLog(const std::vector<store::DecisionRecord>& log);

}  // namespace candor::decisions
