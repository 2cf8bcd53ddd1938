#pragma once
// The store: where scans and findings are recorded. Callers see only this
// interface and plain structs; SQL and driver types stay inside store/.
// A Store is used from one thread at a time; open one per thread.
// Every method reports failure as a Result; nothing throws.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/error.h"
#include "core/finding.h"
#include "store/incident_records.h"

namespace candor::store {

// What identifies a scan so that ingesting the same input twice changes nothing.
struct ScanKey {
  std::string repo;
  std::string commit;
  std::string tool;
  std::string input_digest;  // hex digest of the input file's bytes
  int run_index = 0;         // which run of that input
};

struct ScanRecord {
  ScanKey key;
  std::string branch;
  core::Stage stage = core::Stage::kMain;
  std::string tool_version;
  std::string started_at;  // ISO 8601 UTC, "2026-11-22T14:48:00Z"
};

struct StoredScan {
  int64_t id = 0;
  ScanRecord record;
  int64_t finding_count = 0;
};

enum class FindingStatus { kOpen, kFixed, kAccepted, kFalsePositive, kMitigated };
std::string_view ToString(FindingStatus status);  // "open", "fixed", "false_positive", ...
std::optional<FindingStatus> ParseFindingStatus(std::string_view name);

// A finding as the store knows it: the normalised finding of its latest
// sighting plus its lifecycle across scans.
struct StoredFinding {
  int64_t id = 0;
  std::string repo;
  core::Finding finding;
  FindingStatus status = FindingStatus::kOpen;
  int64_t first_seen_scan = 0;
  int64_t last_seen_scan = 0;
  core::Stage stage_first_seen = core::Stage::kMain;
  std::string fixed_at;       // ISO 8601 when status is fixed, else empty
  std::string first_seen_at;  // started_at of the first scan that saw it (ISO 8601)
  std::string decision_id;    // the decision that set an accepted/false_positive/mitigated status
  // Computed, not stored (pipeline::AssignDueDates): the SLA due date of an
  // open finding ("2026-12-01", "" when none) and whether it has passed.
  std::string due_date;
  bool overdue = false;
  int overdue_days = 0;
};

// A team and the people and teams its roster names. Members are how a
// CODEOWNERS owner that is a person (@handle, email) maps to a team; a team
// never ranks or reports on its members.
struct TeamRecord {
  std::string name;                  // "payments"
  std::string channel;               // where the team talks, "#payments"; may be empty
  std::vector<std::string> members;  // "@alice", "alice@example.com"
  std::vector<std::string> parents;  // teams this one belongs to
};

// A service of the catalog, as its .candor/service.yaml says.
struct ServiceRecord {
  std::string name;
  std::string repo;
  std::string team;
  std::string tier;              // "tier-1"
  std::string data_class;        // "restricted", "confidential", "internal", "public"
  std::string champion;          // the team's security champion (a person)
  std::string security_partner;  // the security team's partner for it (a person)
};

// One entry of the append-only decision log: a decision recorded, or a
// revocation of one (the decision's id, who revoked it in approver, why in
// rationale, when in created). Each entry carries the hash of the one
// before it (decisions/decision_log.h computes and verifies them).
enum class DecisionAction { kRecord, kRevoke };
struct DecisionRecord {
  int64_t seq = 0;  // position in the log, from 1; set by AppendDecisionRecord
  DecisionAction action = DecisionAction::kRecord;
  core::Decision decision;
  std::string recorded_at;  // ISO 8601
  std::string prev_hash;    // "" for the first entry
  std::string hash;
};

// Filters of `candor findings`; an empty/unset field does not filter.
struct FindingFilter {
  std::string repo;
  std::optional<core::Severity> min_severity;
  std::optional<core::Category> category;
  std::string tool;
  std::string path_glob;                // shell-style glob on the repo-relative path ('*', '?', '**')
  std::optional<int64_t> seen_in_scan;  // only findings this scan saw (a baseline)
  std::vector<FindingStatus> statuses;  // any of these; empty: any status
  std::string team;                     // owning team
  size_t limit = 0;                     // 0: no limit
};

class Store {
 public:
  virtual ~Store() = default;

  // All writes of one command go in one transaction: Begin, writes, Commit.
  // Destroying a Store with an open transaction rolls it back.
  virtual core::Status Begin() = 0;
  virtual core::Status Commit() = 0;
  virtual void Rollback() = 0;

  // The id of an already recorded scan with this key, if any.
  virtual core::Result<std::optional<int64_t>> FindScan(const ScanKey& key) = 0;
  // Records a scan and returns its id. Idempotent: a scan whose key is
  // already recorded is left as it is and its existing id returned.
  virtual core::Result<int64_t> AddScan(const ScanRecord& scan) = 0;
  // Records that `finding` (identity already assigned) was seen in `scan_id`:
  // creates the finding on first sight (keyed by the scan's repo, the tool and
  // the identity), otherwise updates its latest sighting and last_seen_scan
  // and reopens it if it was fixed. Adding the same finding to the same scan
  // twice changes nothing more. Errors: kNotFound for an unknown scan id,
  // kInternal for a finding without identity, kStore when the database fails.
  virtual core::Status AddFinding(int64_t scan_id, const core::Finding& finding) = 0;

  // The lifecycle step after recording a commit's scans of one tool at one
  // stage (DESIGN.md: a main-branch scan): findings that the previous commit's
  // scans of that repo, tool and stage saw and this commit's scans did not are
  // marked fixed at `fixed_at` (ISO 8601). Findings seen again are reopened by
  // AddFinding. Returns how many became fixed; 0 when there is no previous commit.
  virtual core::Result<int64_t> MarkFixed(std::string_view repo, std::string_view tool,
                                          std::string_view commit, core::Stage stage,
                                          std::string_view fixed_at) = 0;

  // Findings matching `filter`, most severe first, then by path and line.
  // kInvalidInput for a malformed path_glob (e.g. an unclosed '[').
  virtual core::Result<std::vector<StoredFinding>> QueryFindings(const FindingFilter& filter) = 0;
  // Scans of `repo` (of every repo when empty), oldest first, with the number
  // of findings each saw.
  virtual core::Result<std::vector<StoredScan>> ListScans(std::string_view repo) = 0;

  // ---- Teams, services and risk decisions (ownership/, decisions/) ----

  // Makes the roster of each named team what `teams` says (members and
  // parents replaced; teams not named stay as they are).
  virtual core::Status PutTeams(const std::vector<TeamRecord>& teams) = 0;
  virtual core::Result<std::vector<TeamRecord>> ListTeams() = 0;
  // Adds the service, or updates the one of that name.
  virtual core::Status PutService(const ServiceRecord& service) = 0;
  virtual core::Result<std::vector<ServiceRecord>> ListServices() = 0;

  // Appends `record` to the decision log and returns its seq. The log is
  // append-only: nothing here updates or deletes an entry.
  virtual core::Result<int64_t> AppendDecisionRecord(const DecisionRecord& record) = 0;
  // The whole log, in order.
  virtual core::Result<std::vector<DecisionRecord>> ListDecisionRecords() = 0;
  // Sets the status of finding `id` and the decision behind it ("" for
  // none). kNotFound for an unknown id.
  virtual core::Status SetFindingStatus(int64_t id, FindingStatus status, std::string_view decision_id) = 0;

  // Incidents, postmortems and action items (incidents/).
  // Writes follow the one-transaction rule above. Times are ISO 8601 UTC.

  // Records a new incident with its services, tags and links; returns its id.
  virtual core::Result<int64_t> AddIncident(const IncidentRecord& incident) = 0;
  // Replaces the incident's fields, services, tags and links with `incident`'s.
  // kNotFound for an unknown id.
  virtual core::Status UpdateIncident(const IncidentRecord& incident) = 0;
  // The incident with this id, or nullopt.
  virtual core::Result<std::optional<IncidentRecord>> GetIncident(int64_t id) = 0;
  // Every incident, oldest first.
  virtual core::Result<std::vector<IncidentRecord>> ListIncidents() = 0;
  // Gives `role` of incident `incident_id` to `person` (replacing who held it).
  // kNotFound for an unknown incident.
  virtual core::Status AssignRole(int64_t incident_id, const RoleAssignment& assignment) = 0;
  virtual core::Result<std::vector<RoleAssignment>> Roles(int64_t incident_id) = 0;
  // Appends to the incident's timeline; returns the entry's id. Entries are
  // never changed: kNotFound for an unknown incident or a `corrects` that is
  // not an entry of the same incident.
  virtual core::Result<int64_t> AddTimelineEntry(const TimelineEntry& entry) = 0;
  // The incident's timeline, by time of event, then in the order recorded.
  virtual core::Result<std::vector<TimelineEntry>> Timeline(int64_t incident_id) = 0;
  // Records a postmortem of an incident; idempotent on (incident, digest):
  // returns the existing id when the same text was ingested before.
  virtual core::Result<int64_t> AddPostmortem(const PostmortemRecord& postmortem) = 0;
  // Records an action item; an item with the same incident and title is
  // updated (team, owner, due, kind; never its status). Returns its id.
  virtual core::Result<int64_t> UpsertActionItem(const ActionItemRecord& item) = 0;
  // Action items matching `filter`, by due date then id.
  virtual core::Result<std::vector<ActionItemRecord>> ListActionItems(const ActionFilter& filter) = 0;
  // Marks an action item done at `done_at`; kNotFound for an unknown id.
  // Marking a done item done again changes nothing.
  virtual core::Status MarkActionDone(int64_t id, std::string_view done_at) = 0;
};

// Opens (creating and migrating when needed) the store a URL names:
// "sqlite:PATH", a plain PATH (SQLite), or "sqlite::memory:".
// PostgreSQL URLs ("postgresql://...") are refused until that backend lands.
core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

// The default store location, relative to the working directory.
inline constexpr std::string_view kDefaultStoreUrl = "sqlite:.candor/candor.db";

// RAII guard: rolls back unless Commit() succeeded.
class Transaction {
 public:
  static core::Result<Transaction> Begin(Store& store);
  Transaction(Transaction&& other) noexcept : store_(other.store_) { other.store_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (store_ != nullptr) store_->Rollback();
  }
  core::Status Commit();

 private:
  explicit Transaction(Store& store) : store_(&store) {}
  Store* store_;
};

}  // namespace candor::store
