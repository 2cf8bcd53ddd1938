#pragma once
// What the store keeps about incidents (DESIGN.md, blameless learning): the
// incident, its roles, its append-only timeline, its postmortems and their
// action items. People appear only as role holders and action item owners,
// never as causes. Plain values; thread-safe to copy.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace candor::store {

// SEV1 (worst) .. SEV4.
inline constexpr int kMostSevere = 1;
inline constexpr int kLeastSevere = 4;

struct IncidentRecord {
  int64_t id = 0;
  std::string title;
  int severity = 3;
  // Services are referred to by name until the service table is filled.
  std::vector<std::string> services;
  // Contributing categories for repeat detection: "category:injection", "cwe:89", "rule:semgrep.sqli".
  std::vector<std::string> tags;
  std::vector<std::string> findings;   // linked finding identities or ids, as given
  std::vector<std::string> decisions;  // linked decision ids, as given
  // ISO 8601 UTC; empty when not (yet) known.
  std::string opened_at;
  std::string detected_at;
  std::string contained_at;
  std::string resolved_at;
};

enum class IncidentRole { kCommander, kCommunications, kScribe, kOperations, kSecurityPartner };
// "commander", "communications", "scribe", "operations", "security-partner".
std::string_view ToString(IncidentRole role);
std::optional<IncidentRole> ParseIncidentRole(std::string_view name);

struct RoleAssignment {
  IncidentRole role = IncidentRole::kCommander;
  std::string person;
  std::string assigned_at;
};

// Append-only: a correction is a new entry whose `corrects` names the old one.
struct TimelineEntry {
  int64_t id = 0;
  int64_t incident_id = 0;
  std::string at;        // when it happened, ISO 8601 UTC
  std::string observed;  // what was seen
  std::string done;      // what was done
  std::optional<int64_t> corrects;
  std::string recorded_at;
};

struct PostmortemRecord {
  int64_t id = 0;
  int64_t incident_id = 0;
  std::string path;
  std::string digest;  // of the Markdown ingested
  std::string ingested_at;
};

enum class ActionKind { kSystemic, kPatch };
std::string_view ToString(ActionKind kind);  // "systemic", "patch"
std::optional<ActionKind> ParseActionKind(std::string_view name);

enum class ActionStatus { kOpen, kDone };
std::string_view ToString(ActionStatus status);  // "open", "done"

struct ActionItemRecord {
  int64_t id = 0;
  int64_t incident_id = 0;
  int64_t postmortem_id = 0;
  std::string title;
  std::string owner_team;
  std::string owner_person;  // may be empty: the team owns it
  std::string due;           // YYYY-MM-DD
  ActionKind kind = ActionKind::kPatch;
  ActionStatus status = ActionStatus::kOpen;
  std::string done_at;
};

struct ActionFilter {
  std::string team;                    // empty: every team
  std::string overdue_on;              // YYYY-MM-DD: only open items due before it; empty: no filter
  std::optional<int64_t> incident_id;  // only this incident's items
};

}  // namespace candor::store
