#pragma once
// A risk decision: a team's explicit, documented answer to a finding (or a
// class of findings, or a threat), with who approved it and until when it
// holds. Decisions are what replaces "security signed off on a ticket": the
// deciding team owns them, the policy's risk appetite bounds them, and the
// store keeps them in an append-only, hash-chained log (docs/decisions.md).
// Plain values; thread-safe to share read-only.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/severity.h"

namespace candor::core {

enum class DecisionKind { kAcceptRisk, kFalsePositive, kMitigatedByControl, kFixScheduled };
std::string_view ToString(DecisionKind kind);  // "accept_risk", "false_positive", ...
std::optional<DecisionKind> ParseDecisionKind(std::string_view name);
// accept_risk and fix_scheduled hold only until a date; the others may too.
bool RequiresExpiry(DecisionKind kind);

// What a decision covers. Exactly one form is set: one finding's stable
// identity (the `identity` of `candor findings --format json`); or a rule
// (glob on rule ids) within paths (glob on repo-relative paths); or a threat
// id of a threat model ("rule@element").
struct DecisionScope {
  std::string identity;
  std::string rule;  // with path: "python.lang.security.*", "B608", "*"
  std::string path;  // glob; "**" when only a rule is named
  std::string threat;
  std::string tool;  // optional: narrows identity and rule scopes to one tool
  bool operator==(const DecisionScope&) const = default;
};

struct Decision {
  std::string id;  // "RD-12": unique in the store and in a decisions file
  DecisionScope scope;
  DecisionKind kind = DecisionKind::kAcceptRisk;
  std::string rationale;      // why; required
  std::string trade_off;      // what the team gives up or risks by deciding so
  std::string team;           // the deciding team, which owns the covered code
  std::string approver;       // a person's name or handle: accountability belongs here
  std::string approver_role;  // a role of the policy's risk appetite: "team", "champion", ...
  // The most severe finding the decision is meant to cover; its authority is
  // checked against this. Unset: the severity of what it covers, when known.
  std::optional<Severity> severity;
  TimePoint created{};
  std::optional<TimePoint> expires;
  std::string ticket;                            // link to the tracking ticket, may be empty
  std::string origin;                            // "FILE:LINE:COL" it was read from, or "store"
  bool operator==(const Decision& other) const;  // every field but origin
};

// Whether `decision` still holds at `now` (not expired).
bool HoldsAt(const Decision& decision, TimePoint now);

}  // namespace candor::core
