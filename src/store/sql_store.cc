#include "store/sql_store.h"

#include <limits>

#include "core/glob.h"
#include "store/list_codec.h"

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;

// ---- scans ----

constexpr std::string_view kFindScan =
    "SELECT id FROM scan WHERE repo = ? AND \"commit\" = ? AND tool = ? AND input_digest = ? AND run_index = "
    "?";

constexpr std::string_view kInsertScan =
    "INSERT INTO scan (repo, \"commit\", tool, input_digest, run_index, branch, stage, tool_version, "
    "started_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (repo, \"commit\", tool, input_digest, run_index) DO NOTHING";

constexpr std::string_view kScanFacts = "SELECT repo, stage FROM scan WHERE id = ?";

constexpr std::string_view kListScansColumns =
    "SELECT id, repo, \"commit\", tool, input_digest, run_index, branch, stage, tool_version, started_at,"
    " (SELECT count(*) FROM scan_finding WHERE scan_finding.scan_id = scan.id) FROM scan";

void BindScanKey(SqlStatement& statement, const ScanKey& key) {
  statement.BindText(1, key.repo);
  statement.BindText(2, key.commit);
  statement.BindText(3, key.tool);
  statement.BindText(4, key.input_digest);
  statement.BindInt64(5, key.run_index);
}

// ---- findings ----

// Columns of a finding row, in the order both the insert's parameters
// (1-based: kRepo..kStageFirstSeen less kId and kStatus) and the query's
// result columns (0-based) use.
enum FindingColumn {
  kId,
  kRepo,
  kIdentity,
  kTool,
  kToolVersion,
  kRuleId,
  kRuleName,
  kRuleHelp,
  kHelpUri,
  kCategory,
  kSeverity,
  kToolSeverity,
  kCwe,
  kAdvisories,
  kPackage,
  kInstalledVersion,
  kFixedVersion,
  kEcosystem,
  kPath,
  kStartLine,
  kStartColumn,
  kEndLine,
  kEndColumn,
  kSnippet,
  kMessage,
  kFingerprints,
  kPartialFingerprints,
  kSuppressions,
  kRelatedLocationCount,
  kCodeFlowCount,
  kFirstSeenScan,
  kLastSeenScan,
  kStageFirstSeen,
  kStatus,
  kFixedAt,
  kTeam,
  kFirstSeenAt,
  kDecisionId,
};

// The result columns of kSelectFindings, in FindingColumn order; rule
// columns come from the joined rule row.
constexpr std::string_view kSelectFindings =
    "SELECT finding.id, finding.repo, finding.identity, finding.tool, finding.tool_version, finding.rule_id,"
    " rule.name, rule.help, rule.help_uri, finding.category, finding.severity, finding.tool_severity,"
    " finding.cwe, finding.advisories, finding.package, finding.installed_version, finding.fixed_version,"
    " finding.ecosystem, finding.path, finding.start_line, finding.start_column, finding.end_line,"
    " finding.end_column, finding.snippet, finding.message, finding.fingerprints,"
    " finding.partial_fingerprints, finding.suppressions, finding.related_location_count,"
    " finding.code_flow_count, finding.first_seen_scan, finding.last_seen_scan, finding.stage_first_seen,"
    " finding.status, finding.fixed_at, team.name,"
    " (SELECT started_at FROM scan WHERE scan.id = finding.first_seen_scan), finding.decision_id"
    " FROM finding JOIN rule ON rule.id = finding.rule_ref LEFT JOIN team ON team.id = finding.team_id";

// Parameters of the insert and update follow FindingColumn too, except that
// the three rule columns are one parameter, the rule row's id.
constexpr int Param(FindingColumn column) {
  if (column <= kRuleName) return column;
  if (column <= kHelpUri) return kRuleName;
  return column - (kHelpUri - kRuleName);
}

// First sight: insert (nothing when the key exists after all). (One
// INSERT ... ON CONFLICT DO UPDATE ... RETURNING would do both, but in SQLite
// DO UPDATE and RETURNING each cost about as much as the insert itself.)
constexpr std::string_view kInsertFinding =
    "INSERT INTO finding (repo, identity, tool, tool_version, rule_id, rule_ref, category, severity,"
    " tool_severity, cwe, advisories, package, installed_version, fixed_version, ecosystem, path,"
    " start_line, start_column, end_line, end_column, snippet, message, fingerprints, partial_fingerprints,"
    " suppressions, related_location_count, code_flow_count, first_seen_scan, last_seen_scan,"
    " stage_first_seen, team_id, status)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "'open')"
    " ON CONFLICT (repo, tool, identity) DO NOTHING";
static_assert(Param(kStageFirstSeen) == 30, "kInsertFinding has 30 parameters and the team");
constexpr int kInsertTeamParameter = 31;

constexpr std::string_view kFindRule =
    "SELECT id FROM rule WHERE tool = ? AND rule_id = ? AND name = ? AND help = ? AND help_uri = ?";
constexpr std::string_view kInsertRule =
    "INSERT INTO rule (tool, rule_id, name, help, help_uri) VALUES (?, ?, ?, ?, ?)";

constexpr std::string_view kFindFinding =
    "SELECT id FROM finding WHERE repo = ? AND tool = ? AND identity = ?";
constexpr std::string_view kKnownFindings = "SELECT identity, id FROM finding WHERE repo = ? AND tool = ?";

// Later sight: what the latest sighting says, in kToolVersion..kCodeFlowCount
// order (parameters 1..24), then last_seen_scan (25) and the id (26); a fixed
// finding reopens. first_seen_scan and stage_first_seen never change.
constexpr int kSightingParameters = Param(kCodeFlowCount) - Param(kToolVersion) + 1;
constexpr std::string_view kUpdateFinding =
    "UPDATE finding SET"
    " tool_version = ?, rule_id = ?, rule_ref = ?, category = ?, severity = ?,"
    " tool_severity = ?, cwe = ?, advisories = ?, package = ?, installed_version = ?, fixed_version = ?,"
    " ecosystem = ?, path = ?, start_line = ?, start_column = ?, end_line = ?, end_column = ?, snippet = ?,"
    " message = ?, fingerprints = ?, partial_fingerprints = ?, suppressions = ?, related_location_count = ?,"
    " code_flow_count = ?,"
    " team_id = ?, last_seen_scan = ?,"
    " status = CASE WHEN status = 'fixed' THEN 'open' ELSE status END,"
    " fixed_at = CASE WHEN status = 'fixed' THEN NULL ELSE fixed_at END"
    " WHERE id = ?";

// Sightings are written many rows to a statement: one statement per finding
// cost a sixth of an ingest. This many rows go in a full batch.
constexpr size_t kSightingBatch = 128;

std::string InsertSightingsSql(size_t rows) {
  std::string sql = "INSERT INTO scan_finding (scan_id, finding_id) VALUES (?, ?)";
  for (size_t i = 1; i < rows; ++i) sql += ", (?, ?)";
  return sql + " ON CONFLICT DO NOTHING";
}

// A finding's list fields as their column text. Bound without copying, so
// they must outlive the statement run.
struct EncodedLists {
  explicit EncodedLists(const core::Finding& finding)
      : cwes(EncodeCwes(finding.cwes)),
        advisories(EncodeStrings(finding.advisories)),
        fingerprints(EncodeFingerprints(finding.fingerprints)),
        partial_fingerprints(EncodeFingerprints(finding.partial_fingerprints)),
        suppressions(EncodeSuppressions(finding.suppressions)) {}
  std::string cwes, advisories, fingerprints, partial_fingerprints, suppressions;
};

// Binds what a sighting says (columns kToolVersion..kCodeFlowCount) to the
// parameters that start at `first`.
void BindSighting(SqlStatement& statement, int first, const core::Finding& f, int64_t rule_ref,
                  const EncodedLists& lists) {
  auto at = [first](FindingColumn column) { return first + (Param(column) - Param(kToolVersion)); };
  statement.BindText(at(kToolVersion), f.tool_version);
  statement.BindText(at(kRuleId), f.rule_id);
  statement.BindInt64(at(kRuleName), rule_ref);
  statement.BindText(at(kCategory), core::ToString(f.category));
  statement.BindInt64(at(kSeverity), static_cast<int64_t>(f.severity));
  statement.BindText(at(kToolSeverity), f.tool_severity);
  statement.BindText(at(kCwe), lists.cwes);
  statement.BindText(at(kAdvisories), lists.advisories);
  statement.BindText(at(kPackage), f.dependency.package);
  statement.BindText(at(kInstalledVersion), f.dependency.installed_version);
  statement.BindText(at(kFixedVersion), f.dependency.fixed_version);
  statement.BindText(at(kEcosystem), f.dependency.ecosystem);
  statement.BindText(at(kPath), f.path);
  statement.BindInt64(at(kStartLine), f.region.start_line);
  statement.BindInt64(at(kStartColumn), f.region.start_column);
  statement.BindInt64(at(kEndLine), f.region.end_line);
  statement.BindInt64(at(kEndColumn), f.region.end_column);
  statement.BindText(at(kSnippet), f.snippet);
  statement.BindText(at(kMessage), f.message);
  statement.BindText(at(kFingerprints), lists.fingerprints);
  statement.BindText(at(kPartialFingerprints), lists.partial_fingerprints);
  statement.BindText(at(kSuppressions), lists.suppressions);
  statement.BindInt64(at(kRelatedLocationCount), f.related_location_count);
  statement.BindInt64(at(kCodeFlowCount), f.code_flow_count);
}

std::unexpected<core::Error> BadColumn(const SqlConnection& connection, int64_t id, std::string_view column,
                                       std::string_view value) {
  return Fail(ErrorCode::kStore,
              "finding " + std::to_string(id) + " has an unknown " + std::string(column) + " '" +
                  std::string(value) + "'",
              connection.Location());
}

std::string Text(SqlStatement& row, int column) {
  return std::string(row.ColumnText(column));
}
int Int(SqlStatement& row, int column) {
  return static_cast<int>(row.ColumnInt64(column));
}

core::Result<StoredFinding> ReadFinding(const SqlConnection& connection, SqlStatement& row) {
  StoredFinding stored;
  stored.id = row.ColumnInt64(kId);
  stored.repo = Text(row, kRepo);
  stored.first_seen_scan = row.ColumnInt64(kFirstSeenScan);
  stored.last_seen_scan = row.ColumnInt64(kLastSeenScan);

  if (!row.ColumnIsNull(kFixedAt)) stored.fixed_at = Text(row, kFixedAt);
  stored.first_seen_at = Text(row, kFirstSeenAt);
  stored.decision_id = Text(row, kDecisionId);
  auto status = ParseFindingStatus(row.ColumnText(kStatus));
  if (!status) return BadColumn(connection, stored.id, "status", row.ColumnText(kStatus));
  stored.status = *status;
  auto stage = core::ParseStage(row.ColumnText(kStageFirstSeen));
  if (!stage) return BadColumn(connection, stored.id, "stage", row.ColumnText(kStageFirstSeen));
  stored.stage_first_seen = *stage;

  core::Finding& f = stored.finding;
  f.identity = Text(row, kIdentity);
  f.tool = Text(row, kTool);
  f.tool_version = Text(row, kToolVersion);
  f.rule_id = Text(row, kRuleId);
  f.rule_name = Text(row, kRuleName);
  f.rule_help = Text(row, kRuleHelp);
  f.help_uri = Text(row, kHelpUri);
  auto category = core::ParseCategory(row.ColumnText(kCategory));
  if (!category) return BadColumn(connection, stored.id, "category", row.ColumnText(kCategory));
  f.category = *category;
  int64_t severity = row.ColumnInt64(kSeverity);
  if (severity < 0 || severity > static_cast<int64_t>(core::Severity::kCritical)) {
    return BadColumn(connection, stored.id, "severity", std::to_string(severity));
  }
  f.severity = static_cast<core::Severity>(severity);
  f.tool_severity = Text(row, kToolSeverity);
  f.dependency.package = Text(row, kPackage);
  f.dependency.installed_version = Text(row, kInstalledVersion);
  f.dependency.fixed_version = Text(row, kFixedVersion);
  f.dependency.ecosystem = Text(row, kEcosystem);
  f.path = Text(row, kPath);
  f.region = {Int(row, kStartLine), Int(row, kStartColumn), Int(row, kEndLine), Int(row, kEndColumn)};
  f.snippet = Text(row, kSnippet);
  f.message = Text(row, kMessage);
  f.related_location_count = Int(row, kRelatedLocationCount);
  f.code_flow_count = Int(row, kCodeFlowCount);
  f.team = Text(row, kTeam);

  auto cwes = DecodeCwes(row.ColumnText(kCwe));
  auto advisories = DecodeStrings(row.ColumnText(kAdvisories));
  auto fingerprints = DecodeFingerprints(row.ColumnText(kFingerprints));
  auto partial = DecodeFingerprints(row.ColumnText(kPartialFingerprints));
  auto suppressions = DecodeSuppressions(row.ColumnText(kSuppressions));
  for (core::Error* error :
       {cwes ? nullptr : &cwes.error(), advisories ? nullptr : &advisories.error(),
        fingerprints ? nullptr : &fingerprints.error(), partial ? nullptr : &partial.error(),
        suppressions ? nullptr : &suppressions.error()}) {
    if (error != nullptr) {
      return Fail(ErrorCode::kStore, "finding " + std::to_string(stored.id) + ": " + error->message,
                  connection.Location());
    }
  }
  f.cwes = std::move(*cwes);
  f.advisories = std::move(*advisories);
  f.fingerprints = std::move(*fingerprints);
  f.partial_fingerprints = std::move(*partial);
  f.suppressions = std::move(*suppressions);
  return stored;
}

}  // namespace

core::Result<std::unique_ptr<Store>> SqlStore::Open(std::unique_ptr<SqlConnection> connection,
                                                    std::span<const Migration> migrations) {
  if (auto status = Migrate(*connection, migrations); !status)
    return std::unexpected(std::move(status.error()));
  return std::unique_ptr<Store>(new SqlStore(std::move(connection)));
}

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection) : connection_(std::move(connection)) {}

SqlStore::~SqlStore() {
  Rollback();
}

core::Status SqlStore::Begin() {
  if (in_transaction_) return Fail(ErrorCode::kInternal, "Begin: a transaction is already open");
  if (auto status = connection_->Begin(); !status) return status;
  in_transaction_ = true;
  known_ids_.reset();
  return {};
}

core::Status SqlStore::Commit() {
  if (!in_transaction_) return Fail(ErrorCode::kInternal, "Commit: no transaction is open");
  if (auto flushed = FlushSightings(); !flushed) return flushed;
  if (auto status = connection_->Commit(); !status) return status;
  in_transaction_ = false;
  known_ids_.reset();
  return {};
}

void SqlStore::Rollback() {
  if (!in_transaction_) return;
  (void)connection_->Rollback();  // nothing to do on failure: the connection ends the transaction either way
  in_transaction_ = false;
  scan_facts_.clear();
  team_ids_.clear();
  known_ids_.reset();
  pending_sightings_.clear();
  rule_refs_.clear();  // rows this transaction added are gone
}

core::Result<std::optional<int64_t>> SqlStore::FindScan(const ScanKey& key) {
  auto statement = PrepareScoped(*connection_, kFindScan);
  if (!statement) return Forward(statement);
  BindScanKey(**statement, key);
  auto row = (*statement)->Step();
  if (!row) return Forward(row);
  if (!*row) return std::nullopt;
  return (*statement)->ColumnInt64(0);
}

core::Result<int64_t> SqlStore::AddScan(const ScanRecord& scan) {
  int64_t id = 0;
  {
    auto statement = PrepareScoped(*connection_, kInsertScan);
    if (!statement) return Forward(statement);
    SqlStatement& insert = **statement;
    BindScanKey(insert, scan.key);
    insert.BindText(6, scan.branch);
    insert.BindText(7, core::ToString(scan.stage));
    insert.BindText(8, scan.tool_version);
    insert.BindText(9, scan.started_at);
    auto inserted = insert.StepInsert();
    if (!inserted) return Forward(inserted);
    id = inserted->value_or(0);
  }
  if (id == 0) {  // already recorded: the conflict inserted nothing
    auto existing = FindScan(scan.key);
    if (!existing) return Forward(existing);
    if (!*existing) return Fail(ErrorCode::kInternal, "AddScan: scan conflicts but cannot be found");
    return **existing;
  }
  scan_facts_[id] = ScanFacts{scan.key.repo, scan.stage};
  return id;
}

core::Result<ScopedStatement> SqlStore::Cached(SqlStatement*& slot, std::string_view sql) {
  if (slot == nullptr) {
    auto statement = connection_->Prepare(sql);
    if (!statement) return Forward(statement);
    slot = *statement;
  }
  return ScopedStatement(slot);
}

core::Result<const SqlStore::ScanFacts*> SqlStore::Facts(int64_t scan_id) {
  if (auto it = scan_facts_.find(scan_id); it != scan_facts_.end()) return &it->second;
  auto statement = PrepareScoped(*connection_, kScanFacts);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, scan_id);
  auto row = (*statement)->Step();
  if (!row) return Forward(row);
  if (!*row) return Fail(ErrorCode::kNotFound, "no scan with id " + std::to_string(scan_id));
  auto stage = core::ParseStage((*statement)->ColumnText(1));
  if (!stage) {
    return Fail(ErrorCode::kStore, "scan " + std::to_string(scan_id) + " has an unknown stage",
                connection_->Location());
  }
  auto [it, inserted] =
      scan_facts_.emplace(scan_id, ScanFacts{std::string((*statement)->ColumnText(0)), *stage});
  return &it->second;
}

core::Result<std::optional<int64_t>> SqlStore::FindFinding(const std::string& repo,
                                                           const core::Finding& finding) {
  if (!known_ids_ || known_ids_->repo != repo || known_ids_->tool != finding.tool) {
    known_ids_.reset();
    auto statement = PrepareScoped(*connection_, kKnownFindings);
    if (!statement) return Forward(statement);
    (*statement)->BindText(1, repo);
    (*statement)->BindText(2, finding.tool);
    KnownIds known{repo, finding.tool, {}};
    while (true) {
      auto row = (*statement)->Step();
      if (!row) return Forward(row);
      if (!*row) break;
      known.ids.emplace((*statement)->ColumnText(0), (*statement)->ColumnInt64(1));
    }
    known_ids_ = std::move(known);
  }
  auto it = known_ids_->ids.find(finding.identity);
  if (it == known_ids_->ids.end()) return std::nullopt;
  return it->second;
}

core::Result<int64_t> SqlStore::RuleRef(const core::Finding& finding) {
  // Keyed by tool and rule id only (short, cheap to hash); the few
  // descriptions of one rule are told apart by comparing their text.
  rule_key_.assign(finding.tool);
  rule_key_.push_back('\0');
  rule_key_.append(finding.rule_id);
  std::vector<KnownRule>& known = rule_refs_[rule_key_];
  for (const KnownRule& rule : known) {
    if (rule.name == finding.rule_name && rule.help == finding.rule_help &&
        rule.help_uri == finding.help_uri) {
      return rule.id;
    }
  }

  auto bind = [&finding](SqlStatement& statement) {
    statement.BindText(1, finding.tool);
    statement.BindText(2, finding.rule_id);
    statement.BindText(3, finding.rule_name);
    statement.BindText(4, finding.rule_help);
    statement.BindText(5, finding.help_uri);
  };
  int64_t id = 0;
  auto find = Cached(find_rule_, kFindRule);
  if (!find) return Forward(find);
  bind(**find);
  auto row = (*find)->Step();
  if (!row) return Forward(row);
  if (*row) {
    id = (*find)->ColumnInt64(0);
  } else {
    auto insert = Cached(insert_rule_, kInsertRule);
    if (!insert) return Forward(insert);
    bind(**insert);
    auto inserted = (*insert)->StepInsert();
    if (!inserted) return Forward(inserted);
    if (!*inserted) return Fail(ErrorCode::kInternal, "rule row not inserted", connection_->Location());
    id = **inserted;
  }
  known.push_back({finding.rule_name, finding.rule_help, finding.help_uri, id});
  return id;
}

core::Result<std::optional<int64_t>> SqlStore::LookUpFinding(const std::string& repo,
                                                             const core::Finding& finding) {
  auto statement = Cached(find_finding_, kFindFinding);
  if (!statement) return Forward(statement);
  (*statement)->BindText(1, repo);
  (*statement)->BindText(2, finding.tool);
  (*statement)->BindText(3, finding.identity);
  auto row = (*statement)->Step();
  if (!row) return Forward(row);
  if (!*row) return std::nullopt;
  return (*statement)->ColumnInt64(0);
}

core::Status SqlStore::AddFinding(int64_t scan_id, const core::Finding& finding) {
  if (finding.identity.empty()) {
    return Fail(ErrorCode::kInternal,
                "AddFinding: finding of rule '" + finding.rule_id + "' has no identity");
  }
  auto facts = Facts(scan_id);
  if (!facts) return Forward(facts);
  const std::string& repo = (*facts)->repo;
  const EncodedLists lists(finding);
  auto rule_ref = RuleRef(finding);
  if (!rule_ref) return Forward(rule_ref);
  std::optional<int64_t> team_id;
  if (!finding.team.empty()) {
    auto team = TeamRef(finding.team);
    if (!team) return Forward(team);
    team_id = *team;
  }
  auto bind_team = [&](SqlStatement& statement, int index) {
    if (team_id) {
      statement.BindInt64(index, *team_id);
    } else {
      statement.BindNull(index);
    }
  };

  // Look first, then update or insert: a later sighting costs a lookup and an
  // update, a first one a lookup that misses and an insert.
  auto existing = FindFinding(repo, finding);
  if (!existing) return Forward(existing);
  std::optional<int64_t> finding_id = *existing;
  bool seen_before = finding_id.has_value();
  if (!seen_before) {
    auto statement = Cached(insert_finding_, kInsertFinding);
    if (!statement) return Forward(statement);
    SqlStatement& insert = **statement;
    insert.BindText(kRepo, repo);
    insert.BindText(kIdentity, finding.identity);
    insert.BindText(kTool, finding.tool);
    BindSighting(insert, Param(kToolVersion), finding, *rule_ref, lists);
    insert.BindInt64(Param(kFirstSeenScan), scan_id);
    insert.BindInt64(Param(kLastSeenScan), scan_id);
    insert.BindText(Param(kStageFirstSeen), core::ToString((*facts)->stage));
    bind_team(insert, kInsertTeamParameter);
    auto inserted = insert.StepInsert();
    if (!inserted) return Forward(inserted);
    // Not added to known_ids_: a second sighting within this transaction is
    // rare and the insert's conflict finds it; keeping every new identity in
    // the map cost a tenth of a large first ingest.
    finding_id = *inserted;
  }
  if (!finding_id) {
    // The insert met the key after all: another writer (possible on a server
    // database) inserted it since the lookup. Record a later sighting instead.
    auto again = LookUpFinding(repo, finding);
    if (!again) return Forward(again);
    if (!*again) return Fail(ErrorCode::kInternal, "AddFinding: finding conflicts but cannot be found");
    finding_id = *again;
    seen_before = true;
  }
  if (seen_before) {
    auto statement = Cached(update_finding_, kUpdateFinding);
    if (!statement) return Forward(statement);
    SqlStatement& update = **statement;
    BindSighting(update, 1, finding, *rule_ref, lists);
    bind_team(update, kSightingParameters + 1);
    update.BindInt64(kSightingParameters + 2, scan_id);
    update.BindInt64(kSightingParameters + 3, *finding_id);
    if (auto done = update.Step(); !done) return Forward(done);
  }

  pending_sightings_.emplace_back(scan_id, *finding_id);
  // Outside a transaction every write stands alone, so nothing may wait.
  if (pending_sightings_.size() >= kSightingBatch || !in_transaction_) return FlushSightings();
  return {};
}

core::Status SqlStore::FlushSightings() {
  if (pending_sightings_.empty()) return {};
  auto statement = pending_sightings_.size() == kSightingBatch
                       ? Cached(insert_sightings_, InsertSightingsSql(kSightingBatch))
                       : PrepareScoped(*connection_, InsertSightingsSql(pending_sightings_.size()));
  if (!statement) return Forward(statement);
  int index = 0;
  for (const auto& [scan_id, finding_id] : pending_sightings_) {
    (*statement)->BindInt64(++index, scan_id);
    (*statement)->BindInt64(++index, finding_id);
  }
  pending_sightings_.clear();
  if (auto done = (*statement)->Step(); !done) return Forward(done);
  return {};
}

core::Result<std::vector<StoredFinding>> SqlStore::QueryFindings(const FindingFilter& filter) {
  if (auto flushed = FlushSightings(); !flushed) return Forward(flushed);
  std::optional<core::Glob> glob;
  if (!filter.path_glob.empty()) {
    auto compiled = core::Glob::Compile(filter.path_glob);
    if (!compiled) return Forward(compiled);
    glob = std::move(*compiled);
  }

  // The SQL text depends only on which filters are set, so each shape is
  // prepared once; values are always parameters.
  std::string sql(kSelectFindings);
  const char* joiner = " WHERE ";
  auto add_clause = [&](std::string_view clause) {
    sql += joiner;
    sql += clause;
    joiner = " AND ";
  };
  if (!filter.repo.empty()) add_clause("finding.repo = ?");
  if (filter.min_severity) add_clause("finding.severity >= ?");
  if (filter.category) add_clause("finding.category = ?");
  if (!filter.tool.empty()) add_clause("finding.tool = ?");
  if (!filter.team.empty()) add_clause("team.name = ?");
  if (!filter.statuses.empty()) {
    std::string clause = "finding.status IN (?";
    for (size_t i = 1; i < filter.statuses.size(); ++i) clause += ", ?";
    add_clause(clause + ")");
  }
  if (filter.seen_in_scan) {
    add_clause(
        "EXISTS (SELECT 1 FROM scan_finding WHERE scan_finding.scan_id = ? AND"
        " scan_finding.finding_id = finding.id)");
  }
  sql += " ORDER BY finding.severity DESC, finding.path, finding.start_line, finding.id";
  // The path glob is matched here, not in SQL, so the limit can only go to
  // the database when there is no glob.
  const bool sql_limit = filter.limit > 0 && !glob;
  if (sql_limit) sql += " LIMIT ?";

  auto statement = PrepareScoped(*connection_, sql);
  if (!statement) return Forward(statement);
  SqlStatement& query = **statement;
  int index = 0;
  if (!filter.repo.empty()) query.BindText(++index, filter.repo);
  if (filter.min_severity) query.BindInt64(++index, static_cast<int64_t>(*filter.min_severity));
  if (filter.category) query.BindText(++index, core::ToString(*filter.category));
  if (!filter.tool.empty()) query.BindText(++index, filter.tool);
  if (!filter.team.empty()) query.BindText(++index, filter.team);
  for (FindingStatus status : filter.statuses) query.BindText(++index, ToString(status));
  if (filter.seen_in_scan) query.BindInt64(++index, *filter.seen_in_scan);
  if (sql_limit) {
    constexpr auto kMax = static_cast<size_t>(std::numeric_limits<int64_t>::max());
    query.BindInt64(++index, static_cast<int64_t>(std::min(filter.limit, kMax)));
  }

  std::vector<StoredFinding> findings;
  while (filter.limit == 0 || findings.size() < filter.limit) {
    auto row = query.Step();
    if (!row) return Forward(row);
    if (!*row) break;
    if (glob && !glob->Matches(query.ColumnText(kPath))) continue;
    auto stored = ReadFinding(*connection_, query);
    if (!stored) return Forward(stored);
    findings.push_back(std::move(*stored));
  }
  return findings;
}

// The scans of one repo, tool and stage at one commit, and at the commit
// scanned before it (the latest other commit with an earlier scan).
constexpr std::string_view kMarkFixed =
    "WITH this AS (SELECT id FROM scan WHERE repo = ?1 AND tool = ?2 AND stage = ?3 AND \"commit\" = ?4),"
    " previous_commit AS (SELECT \"commit\" FROM scan WHERE repo = ?1 AND tool = ?2 AND stage = ?3"
    "   AND \"commit\" <> ?4 AND id < (SELECT min(id) FROM this) ORDER BY id DESC LIMIT 1),"
    " previous AS (SELECT id FROM scan WHERE repo = ?1 AND tool = ?2 AND stage = ?3"
    "   AND \"commit\" = (SELECT \"commit\" FROM previous_commit))"
    " UPDATE finding SET status = 'fixed', fixed_at = ?5"
    " WHERE status = 'open' AND repo = ?1 AND tool = ?2"
    "   AND id IN (SELECT finding_id FROM scan_finding WHERE scan_id IN (SELECT id FROM previous))"
    "   AND id NOT IN (SELECT finding_id FROM scan_finding WHERE scan_id IN (SELECT id FROM this))";

core::Result<int64_t> SqlStore::MarkFixed(std::string_view repo, std::string_view tool,
                                          std::string_view commit, core::Stage stage,
                                          std::string_view fixed_at) {
  if (auto flushed = FlushSightings(); !flushed) return Forward(flushed);
  auto statement = PrepareScoped(*connection_, kMarkFixed);
  if (!statement) return Forward(statement);
  SqlStatement& update = **statement;
  update.BindText(1, repo);
  update.BindText(2, tool);
  update.BindText(3, core::ToString(stage));
  update.BindText(4, commit);
  update.BindText(5, fixed_at);
  auto changed = update.StepChanges();
  if (!changed) return Forward(changed);
  return *changed;
}

core::Result<std::vector<StoredScan>> SqlStore::ListScans(std::string_view repo) {
  if (auto flushed = FlushSightings(); !flushed) return Forward(flushed);
  std::string sql(kListScansColumns);
  if (!repo.empty()) sql += " WHERE repo = ?";
  sql += " ORDER BY id";
  auto statement = PrepareScoped(*connection_, sql);
  if (!statement) return Forward(statement);
  SqlStatement& query = **statement;
  if (!repo.empty()) query.BindText(1, repo);

  std::vector<StoredScan> scans;
  while (true) {
    auto row = query.Step();
    if (!row) return Forward(row);
    if (!*row) break;
    StoredScan scan;
    scan.id = query.ColumnInt64(0);
    scan.record.key = {Text(query, 1), Text(query, 2), Text(query, 3), Text(query, 4), Int(query, 5)};
    scan.record.branch = Text(query, 6);
    auto stage = core::ParseStage(query.ColumnText(7));
    if (!stage) {
      return Fail(ErrorCode::kStore,
                  "scan " + std::to_string(scan.id) + " has an unknown stage '" + Text(query, 7) + "'",
                  connection_->Location());
    }
    scan.record.stage = *stage;
    scan.record.tool_version = Text(query, 8);
    scan.record.started_at = Text(query, 9);
    scan.finding_count = query.ColumnInt64(10);
    scans.push_back(std::move(scan));
  }
  return scans;
}

}  // namespace candor::store
