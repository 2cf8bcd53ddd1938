#pragma once
// The Store, written once over the SQL driver interface: every backend runs
// this code and differs only in its driver and its migrations.
// Thread-safety: one thread at a time, like every Store.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/migration.h"
#include "store/sql_driver.h"
#include "store/store.h"

namespace candor::store {

class SqlStore final : public Store {
 public:
  // Migrates the database `connection` is open on to the last of
  // `migrations`, then serves it. Errors as Migrate's.
  static core::Result<std::unique_ptr<Store>> Open(std::unique_ptr<SqlConnection> connection,
                                                   std::span<const Migration> migrations);

  ~SqlStore() override;
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  core::Status Begin() override;
  core::Status Commit() override;
  void Rollback() override;

  core::Result<std::optional<int64_t>> FindScan(const ScanKey& key) override;
  core::Result<int64_t> AddScan(const ScanRecord& scan) override;
  core::Status AddFinding(int64_t scan_id, const core::Finding& finding) override;

  core::Result<std::vector<StoredFinding>> QueryFindings(const FindingFilter& filter) override;
  core::Result<std::vector<StoredScan>> ListScans(std::string_view repo) override;
  core::Result<int64_t> MarkFixed(std::string_view repo, std::string_view tool, std::string_view commit,
                                  core::Stage stage, std::string_view fixed_at) override;

  // Defined in ownership_records.cc.
  core::Status PutTeams(const std::vector<TeamRecord>& teams) override;
  core::Result<std::vector<TeamRecord>> ListTeams() override;
  core::Status PutService(const ServiceRecord& service) override;
  core::Result<std::vector<ServiceRecord>> ListServices() override;
  core::Result<int64_t> AppendDecisionRecord(const DecisionRecord& record) override;
  core::Result<std::vector<DecisionRecord>> ListDecisionRecords() override;
  core::Status SetFindingStatus(int64_t id, FindingStatus status, std::string_view decision_id) override;

 private:
  // What AddFinding needs to know about a scan, kept per scan id so a run of
  // findings for one scan reads the scan row once.
  struct ScanFacts {
    std::string repo;
    core::Stage stage;
  };

  explicit SqlStore(std::unique_ptr<SqlConnection> connection);
  core::Result<const ScanFacts*> Facts(int64_t scan_id);
  // The statement for `sql`, prepared on first use and kept in `slot`: the
  // per-finding statements skip the connection's lookup by SQL text.
  // The id of the finding with this repo, tool and identity, if recorded:
  // FindFinding answers from known_ids_, LookUpFinding asks the database.
  core::Result<std::optional<int64_t>> FindFinding(const std::string& repo, const core::Finding& finding);
  core::Result<std::optional<int64_t>> LookUpFinding(const std::string& repo, const core::Finding& finding);
  core::Result<ScopedStatement> Cached(SqlStatement*& slot, std::string_view sql);
  core::Status FlushSightings();
  // The id of the rule row describing `finding`'s rule as it does, added
  // when new.
  core::Result<int64_t> RuleRef(const core::Finding& finding);
  // The id of the team row named `name`, added when new (ownership_records.cc).
  core::Result<int64_t> TeamRef(const std::string& name);

  std::unique_ptr<SqlConnection> connection_;
  bool in_transaction_ = false;
  // Emptied on Rollback: a rolled-back scan's id can be given to the next scan.
  std::unordered_map<int64_t, ScanFacts> scan_facts_;
  // Identity -> id of every finding of one (repo, tool), read in one query at
  // the first finding of that pair, so recording a finding costs no index
  // lookup: a scan's findings all share repo and tool. Forgotten when a
  // transaction ends, since other writers may add findings between.
  struct KnownIds {
    std::string repo;
    std::string tool;
    std::unordered_map<std::string, int64_t> ids;
  };
  std::optional<KnownIds> known_ids_;
  SqlStatement* insert_finding_ = nullptr;  // these four are owned by connection_
  SqlStatement* find_finding_ = nullptr;
  SqlStatement* update_finding_ = nullptr;
  SqlStatement* insert_sightings_ = nullptr;
  SqlStatement* find_rule_ = nullptr;
  SqlStatement* insert_rule_ = nullptr;
  // Rule rows by tool and rule id (joined with a NUL), then by description;
  // committed rule rows never change, so the map outlives transactions.
  struct KnownRule {
    std::string name;
    std::string help;
    std::string help_uri;
    int64_t id = 0;
  };
  std::unordered_map<std::string, std::vector<KnownRule>> rule_refs_;
  std::string rule_key_;  // reused so a lookup allocates nothing
  // Team ids by name; forgotten on Rollback, which may undo an added team.
  std::unordered_map<std::string, int64_t> team_ids_;
  // (scan, finding) rows of scan_finding not yet written: written in batches
  // by FlushSightings, before a commit and before any read.
  std::vector<std::pair<int64_t, int64_t>> pending_sightings_;

 public:
  // Incidents, postmortems and action items (incidents/): incident_records.cc.
  core::Result<int64_t> AddIncident(const IncidentRecord& incident) override;
  core::Status UpdateIncident(const IncidentRecord& incident) override;
  core::Result<std::optional<IncidentRecord>> GetIncident(int64_t id) override;
  core::Result<std::vector<IncidentRecord>> ListIncidents() override;
  core::Status AssignRole(int64_t incident_id, const RoleAssignment& assignment) override;
  core::Result<std::vector<RoleAssignment>> Roles(int64_t incident_id) override;
  core::Result<int64_t> AddTimelineEntry(const TimelineEntry& entry) override;
  core::Result<std::vector<TimelineEntry>> Timeline(int64_t incident_id) override;
  core::Result<int64_t> AddPostmortem(const PostmortemRecord& postmortem) override;
  core::Result<int64_t> UpsertActionItem(const ActionItemRecord& item) override;
  core::Result<std::vector<ActionItemRecord>> ListActionItems(const ActionFilter& filter) override;
  core::Status MarkActionDone(int64_t id, std::string_view done_at) override;

 private:
  core::Status WriteIncidentLists(const IncidentRecord& incident);
  core::Status ReadIncidentLists(IncidentRecord& incident);
  core::Result<bool> IncidentExists(int64_t id);
};

}  // namespace candor::store
