#include "decisions/decision_log.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/sha256.h"
#include "decisions/coverage.h"
#include "decisions/decisions_file.h"

namespace candor::decisions {
namespace {

// "name:length:value\n": unambiguous whatever the values contain.
void Field(std::string& out, std::string_view name, std::string_view value) {
  fmt::format_to(std::back_inserter(out), "{}:{}:{}\n", name, value.size(), value);
}

const RegisteredDecision* FindRegistered(const std::vector<RegisteredDecision>& registered,
                                         const std::string& id) {
  for (const RegisteredDecision& entry : registered) {
    if (entry.decision.id == id) return &entry;
  }
  return nullptr;
}

core::Result<int64_t> Append(store::Store& store, store::DecisionRecord record,
                             const std::vector<store::DecisionRecord>& log) {
  record.prev_hash = log.empty() ? std::string() : log.back().hash;
  record.hash = ChainHash(record);
  return store.AppendDecisionRecord(record);
}

}  // namespace

std::string ChainHash(const store::DecisionRecord& record) {
  const core::Decision& d = record.decision;
  std::string text;
  Field(text, "prev", record.prev_hash);
  Field(text, "action", record.action == store::DecisionAction::kRevoke ? "revoke" : "record");
  Field(text, "id", d.id);
  Field(text, "kind", core::ToString(d.kind));
  Field(text, "scope.identity", d.scope.identity);
  Field(text, "scope.rule", d.scope.rule);
  Field(text, "scope.path", d.scope.path);
  Field(text, "scope.threat", d.scope.threat);
  Field(text, "scope.tool", d.scope.tool);
  Field(text, "severity", d.severity ? core::ToString(*d.severity) : "");
  Field(text, "rationale", d.rationale);
  Field(text, "trade_off", d.trade_off);
  Field(text, "team", d.team);
  Field(text, "approver", d.approver);
  Field(text, "approver_role", d.approver_role);
  Field(text, "created", core::FormatIso8601(d.created));
  Field(text, "expires", d.expires ? core::FormatIso8601(*d.expires) : "");
  Field(text, "ticket", d.ticket);
  Field(text, "recorded_at", record.recorded_at);
  return core::Sha256Hex(text);
}

std::vector<RegisteredDecision> Replay(const std::vector<store::DecisionRecord>& log) {
  std::vector<RegisteredDecision> registered;
  for (const store::DecisionRecord& record : log) {
    if (record.action == store::DecisionAction::kRecord) {
      registered.push_back({record.decision, record.recorded_at, std::nullopt});
      continue;
    }
    for (RegisteredDecision& entry : registered) {
      if (entry.decision.id == record.decision.id && !entry.revocation) entry.revocation = record;
    }
  }
  return registered;
}

std::vector<core::Decision> Unrevoked(const std::vector<store::DecisionRecord>& log) {
  std::vector<core::Decision> decisions;
  for (RegisteredDecision& entry : Replay(log)) {
    if (!entry.revocation) decisions.push_back(std::move(entry.decision));
  }
  return decisions;
}

core::Result<RecordOutcome> RecordDecision(store::Store& store, const core::Decision& decision,
                                           const RiskAppetite& appetite, const ServiceContext& service,
                                           const core::Clock& clock) {
  return DecisionRecorder(store, appetite, service, clock).Record(decision);
}

// The severity a decision's authority is judged by.
core::Result<core::Severity> DecisionRecorder::SeverityOf(const core::Decision& decision) {
  if (decision.severity) return *decision.severity;
  if (!findings_) {
    store::FindingFilter filter;
    filter.statuses = {store::FindingStatus::kOpen, store::FindingStatus::kAccepted,
                       store::FindingStatus::kFalsePositive, store::FindingStatus::kMitigated};
    auto findings = store_.QueryFindings(filter);
    if (!findings) return std::unexpected(std::move(findings.error()));
    findings_ = std::move(*findings);
  }
  core::Severity worst = core::Severity::kMedium;
  bool covers_any = false;
  core::Decision probe = decision;
  probe.expires.reset();
  auto index = DecisionIndex::Create({probe}, DefaultRiskAppetite(), {}, probe.created);
  if (!index) return std::unexpected(std::move(index.error()));
  for (const store::StoredFinding& stored : *findings_) {
    if (!index->Find(stored.finding)) continue;
    worst = covers_any ? std::max(worst, stored.finding.severity) : stored.finding.severity;
    covers_any = true;
  }
  return worst;
}

core::Result<RecordOutcome> DecisionRecorder::Record(const core::Decision& decision) {
  store::Store& store = store_;
  const RiskAppetite& appetite = appetite_;
  const ServiceContext& service = service_;
  const core::Clock& clock = clock_;
  const std::string where = decision.origin;
  if (auto valid = ValidateDecision(decision, where); !valid) return std::unexpected(valid.error());
  auto log = store.ListDecisionRecords();
  if (!log) return std::unexpected(std::move(log.error()));
  const auto registered = Replay(*log);
  if (const RegisteredDecision* earlier = FindRegistered(registered, decision.id)) {
    if (earlier->decision == decision) return RecordOutcome::kAlreadyRecorded;
    return core::Fail(
        core::ErrorCode::kInvalidInput,
        fmt::format("decision {} is already recorded (at {}) with different content; the log is "
                    "append-only: revoke it and record a new id",
                    decision.id, earlier->recorded_at),
        where);
  }
  const core::TimePoint now = clock.Now();
  if (decision.expires && *decision.expires <= now) {
    return core::Fail(
        core::ErrorCode::kInvalidInput,
        fmt::format("decision {} expires {}, which has passed; a new decision needs a future expiry",
                    decision.id, core::FormatDate(*decision.expires)),
        where);
  }
  auto severity = SeverityOf(decision);
  if (!severity) return std::unexpected(std::move(severity.error()));
  if (auto authority = CheckAuthority(appetite, decision.approver_role, *severity, service); !authority) {
    return core::Fail(core::ErrorCode::kInvalidInput,
                      fmt::format("decision {} is refused: {}", decision.id, authority.error().message),
                      where);
  }
  store::DecisionRecord record;
  record.action = store::DecisionAction::kRecord;
  record.decision = decision;
  record.recorded_at = core::FormatIso8601(now);
  auto seq = Append(store, std::move(record), *log);
  if (!seq) return std::unexpected(std::move(seq.error()));
  return RecordOutcome::kRecorded;
}

core::Status RevokeDecision(store::Store& store, const std::string& id, const std::string& by,
                            const std::string& reason, const core::Clock& clock) {
  if (reason.empty() || by.empty()) {
    return core::Fail(core::ErrorCode::kInvalidInput,
                      "a revocation needs who revokes it (--by) and why (--reason)");
  }
  auto log = store.ListDecisionRecords();
  if (!log) return std::unexpected(std::move(log.error()));
  const auto registered = Replay(*log);
  const RegisteredDecision* entry = FindRegistered(registered, id);
  if (entry == nullptr)
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("no decision {} is recorded", id));
  if (entry->revocation) {
    return core::Fail(core::ErrorCode::kInvalidInput, fmt::format("decision {} was already revoked at {}", id,
                                                                  entry->revocation->recorded_at));
  }
  store::DecisionRecord record;
  record.action = store::DecisionAction::kRevoke;
  record.decision = entry->decision;
  record.decision.approver = by;
  record.decision.approver_role.clear();
  record.decision.rationale = reason;
  record.decision.created = clock.Now();
  record.decision.expires.reset();
  record.recorded_at = core::FormatIso8601(clock.Now());
  auto seq = Append(store, std::move(record), *log);
  if (!seq) return std::unexpected(std::move(seq.error()));
  return {};
}

Verification VerifyLog(const std::vector<store::DecisionRecord>& log) {
  Verification result;
  result.entries = log.size();
  std::string previous;
  int64_t expected_seq = 1;
  for (const store::DecisionRecord& record : log) {
    if (record.seq != expected_seq) {
      result.broken_seq = record.seq;
      result.problem = fmt::format("entry {} follows entry {}: entries between were deleted", record.seq,
                                   expected_seq - 1);
      return result;
    }
    if (record.prev_hash != previous) {
      result.broken_seq = record.seq;
      result.problem = fmt::format(
          "entry {} ({} {}) does not carry the hash of the entry before it", record.seq,
          record.action == store::DecisionAction::kRevoke ? "revocation of" : "decision", record.decision.id);
      return result;
    }
    if (ChainHash(record) != record.hash) {
      result.broken_seq = record.seq;
      result.problem = fmt::format(
          "entry {} ({} {}) was changed after it was recorded: its content no longer "
          "matches its hash",
          record.seq, record.action == store::DecisionAction::kRevoke ? "revocation of" : "decision",
          record.decision.id);
      return result;
    }
    previous = record.hash;
    ++expected_seq;
  }
  result.head_hash = previous;
  return result;
}

}  // namespace candor::decisions
