// SqlStore's teams, services, decision log and finding statuses: what
// ownership/ and decisions/ keep in the store. Written once over the SQL
// driver, like the rest of SqlStore.

#include <algorithm>

#include "core/clock.h"
#include "store/sql_store.h"

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::string_view kFindTeam = "SELECT id FROM team WHERE name = ?";
constexpr std::string_view kInsertTeam = "INSERT INTO team (name) VALUES (?) ON CONFLICT (name) DO NOTHING";
constexpr std::string_view kSetTeamChannel = "UPDATE team SET slack_or_channel = ? WHERE id = ?";
constexpr std::string_view kClearMembers = "DELETE FROM team_member WHERE team_id = ?";
constexpr std::string_view kAddMember =
    "INSERT INTO team_member (team_id, member) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kClearParents = "DELETE FROM team_parent WHERE team_id = ?";
constexpr std::string_view kAddParent =
    "INSERT INTO team_parent (team_id, parent_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kListTeams = "SELECT id, name, slack_or_channel FROM team ORDER BY name";
constexpr std::string_view kTeamMembers = "SELECT member FROM team_member WHERE team_id = ? ORDER BY member";
constexpr std::string_view kTeamParents =
    "SELECT team.name FROM team_parent JOIN team ON team.id = team_parent.parent_id"
    " WHERE team_parent.team_id = ? ORDER BY team.name";

constexpr std::string_view kPutService =
    "INSERT INTO service (name, repo, team_id, tier, data_class, champion, security_partner)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET repo = excluded.repo, team_id = excluded.team_id, tier = "
    "excluded.tier,"
    " data_class = excluded.data_class, champion = excluded.champion,"
    " security_partner = excluded.security_partner";
constexpr std::string_view kListServices =
    "SELECT service.name, service.repo, coalesce(team.name, ''), service.tier, service.data_class,"
    " service.champion, service.security_partner FROM service LEFT JOIN team ON team.id = service.team_id"
    " ORDER BY service.name";

constexpr std::string_view kAppendDecision =
    "INSERT INTO decision_log (action, decision_id, kind, scope_identity, scope_rule, scope_path, "
    "scope_threat,"
    " scope_tool, severity, rationale, trade_off, team, approver, approver_role, created_at, expires_at, "
    "ticket,"
    " recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kListDecisions =
    "SELECT seq, action, decision_id, kind, scope_identity, scope_rule, scope_path, scope_threat, scope_tool,"
    " severity, rationale, trade_off, team, approver, approver_role, created_at, expires_at, ticket,"
    " recorded_at, prev_hash, hash FROM decision_log ORDER BY seq";

constexpr std::string_view kSetFindingStatus = "UPDATE finding SET status = ?, decision_id = ? WHERE id = ?";

std::string Text(SqlStatement& row, int column) {
  return std::string(row.ColumnText(column));
}

core::Result<std::vector<std::string>> Names(SqlConnection& connection, std::string_view sql,
                                             int64_t team_id) {
  auto statement = PrepareScoped(connection, sql);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, team_id);
  std::vector<std::string> names;
  while (true) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) return names;
    names.push_back(Text(**statement, 0));
  }
}

core::Status Run(SqlConnection& connection, std::string_view sql, int64_t first,
                 std::optional<int64_t> second) {
  auto statement = PrepareScoped(connection, sql);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, first);
  if (second) (*statement)->BindInt64(2, *second);
  auto done = (*statement)->Step();
  if (!done) return Forward(done);
  return {};
}

std::string_view ActionName(DecisionAction action) {
  return action == DecisionAction::kRevoke ? "revoke" : "record";
}

core::Result<DecisionRecord> ReadDecision(const SqlConnection& connection, SqlStatement& row) {
  DecisionRecord record;
  record.seq = row.ColumnInt64(0);
  auto bad = [&](std::string_view what, std::string_view value) {
    return Fail(ErrorCode::kStore,
                "decision log entry " + std::to_string(record.seq) + " has an unreadable " +
                    std::string(what) + " '" + std::string(value) + "'",
                connection.Location());
  };
  std::string_view action = row.ColumnText(1);
  if (action != "record" && action != "revoke") return bad("action", action);
  record.action = action == "revoke" ? DecisionAction::kRevoke : DecisionAction::kRecord;
  core::Decision& d = record.decision;
  d.id = Text(row, 2);
  auto kind = core::ParseDecisionKind(row.ColumnText(3));
  if (!kind) return bad("kind", row.ColumnText(3));
  d.kind = *kind;
  d.scope = {Text(row, 4), Text(row, 5), Text(row, 6), Text(row, 7), Text(row, 8)};
  if (!row.ColumnIsNull(9)) {
    int64_t severity = row.ColumnInt64(9);
    if (severity < 0 || severity > static_cast<int64_t>(core::Severity::kCritical)) {
      return bad("severity", std::to_string(severity));
    }
    d.severity = static_cast<core::Severity>(severity);
  }
  d.rationale = Text(row, 10);
  d.trade_off = Text(row, 11);
  d.team = Text(row, 12);
  d.approver = Text(row, 13);
  d.approver_role = Text(row, 14);
  auto created = core::ParseIso8601(row.ColumnText(15));
  if (!created) return bad("created_at", row.ColumnText(15));
  d.created = *created;
  if (!row.ColumnIsNull(16)) {
    auto expires = core::ParseIso8601(row.ColumnText(16));
    if (!expires) return bad("expires_at", row.ColumnText(16));
    d.expires = *expires;
  }
  d.ticket = Text(row, 17);
  d.origin = "store";
  record.recorded_at = Text(row, 18);
  record.prev_hash = Text(row, 19);
  record.hash = Text(row, 20);
  return record;
}

}  // namespace

core::Result<int64_t> SqlStore::TeamRef(const std::string& name) {
  if (auto known = team_ids_.find(name); known != team_ids_.end()) return known->second;
  auto insert = PrepareScoped(*connection_, kInsertTeam);
  if (!insert) return Forward(insert);
  (*insert)->BindText(1, name);
  if (auto done = (*insert)->Step(); !done) return Forward(done);
  auto find = PrepareScoped(*connection_, kFindTeam);
  if (!find) return Forward(find);
  (*find)->BindText(1, name);
  auto row = (*find)->Step();
  if (!row) return Forward(row);
  if (!*row) return Fail(ErrorCode::kInternal, "team row '" + name + "' not found after insert");
  int64_t id = (*find)->ColumnInt64(0);
  team_ids_.emplace(name, id);
  return id;
}

core::Status SqlStore::PutTeams(const std::vector<TeamRecord>& teams) {
  for (const TeamRecord& team : teams) {
    auto id = TeamRef(team.name);
    if (!id) return Forward(id);
    auto channel = PrepareScoped(*connection_, kSetTeamChannel);
    if (!channel) return Forward(channel);
    (*channel)->BindText(1, team.channel);
    (*channel)->BindInt64(2, *id);
    if (auto done = (*channel)->Step(); !done) return Forward(done);
    if (auto cleared = Run(*connection_, kClearMembers, *id, std::nullopt); !cleared) return cleared;
    if (auto cleared = Run(*connection_, kClearParents, *id, std::nullopt); !cleared) return cleared;
    for (const std::string& member : team.members) {
      auto add = PrepareScoped(*connection_, kAddMember);
      if (!add) return Forward(add);
      (*add)->BindInt64(1, *id);
      (*add)->BindText(2, member);
      if (auto done = (*add)->Step(); !done) return Forward(done);
    }
    for (const std::string& parent : team.parents) {
      auto parent_id = TeamRef(parent);
      if (!parent_id) return Forward(parent_id);
      if (auto added = Run(*connection_, kAddParent, *id, *parent_id); !added) return added;
    }
  }
  return {};
}

core::Result<std::vector<TeamRecord>> SqlStore::ListTeams() {
  std::vector<std::pair<int64_t, TeamRecord>> rows;
  {
    auto statement = PrepareScoped(*connection_, kListTeams);
    if (!statement) return Forward(statement);
    while (true) {
      auto row = (*statement)->Step();
      if (!row) return Forward(row);
      if (!*row) break;
      TeamRecord team;
      team.name = Text(**statement, 1);
      team.channel = Text(**statement, 2);
      rows.emplace_back((*statement)->ColumnInt64(0), std::move(team));
    }
  }
  std::vector<TeamRecord> teams;
  for (auto& [id, team] : rows) {
    auto members = Names(*connection_, kTeamMembers, id);
    if (!members) return Forward(members);
    auto parents = Names(*connection_, kTeamParents, id);
    if (!parents) return Forward(parents);
    team.members = std::move(*members);
    team.parents = std::move(*parents);
    teams.push_back(std::move(team));
  }
  return teams;
}

core::Status SqlStore::PutService(const ServiceRecord& service) {
  std::optional<int64_t> team_id;
  if (!service.team.empty()) {
    auto id = TeamRef(service.team);
    if (!id) return Forward(id);
    team_id = *id;
  }
  auto statement = PrepareScoped(*connection_, kPutService);
  if (!statement) return Forward(statement);
  SqlStatement& put = **statement;
  put.BindText(1, service.name);
  put.BindText(2, service.repo);
  if (team_id) {
    put.BindInt64(3, *team_id);
  } else {
    put.BindNull(3);
  }
  put.BindText(4, service.tier);
  put.BindText(5, service.data_class);
  put.BindText(6, service.champion);
  put.BindText(7, service.security_partner);
  if (auto done = put.Step(); !done) return Forward(done);
  return {};
}

core::Result<std::vector<ServiceRecord>> SqlStore::ListServices() {
  auto statement = PrepareScoped(*connection_, kListServices);
  if (!statement) return Forward(statement);
  std::vector<ServiceRecord> services;
  while (true) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) return services;
    SqlStatement& r = **statement;
    services.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6)});
  }
}

core::Result<int64_t> SqlStore::AppendDecisionRecord(const DecisionRecord& record) {
  const core::Decision& d = record.decision;
  const std::string created = core::FormatIso8601(d.created);
  const std::string expires = d.expires ? core::FormatIso8601(*d.expires) : std::string();
  auto statement = PrepareScoped(*connection_, kAppendDecision);
  if (!statement) return Forward(statement);
  SqlStatement& append = **statement;
  append.BindText(1, ActionName(record.action));
  append.BindText(2, d.id);
  append.BindText(3, core::ToString(d.kind));
  append.BindText(4, d.scope.identity);
  append.BindText(5, d.scope.rule);
  append.BindText(6, d.scope.path);
  append.BindText(7, d.scope.threat);
  append.BindText(8, d.scope.tool);
  if (d.severity) {
    append.BindInt64(9, static_cast<int64_t>(*d.severity));
  } else {
    append.BindNull(9);
  }
  append.BindText(10, d.rationale);
  append.BindText(11, d.trade_off);
  append.BindText(12, d.team);
  append.BindText(13, d.approver);
  append.BindText(14, d.approver_role);
  append.BindText(15, created);
  if (d.expires) {
    append.BindText(16, expires);
  } else {
    append.BindNull(16);
  }
  append.BindText(17, d.ticket);
  append.BindText(18, record.recorded_at);
  append.BindText(19, record.prev_hash);
  append.BindText(20, record.hash);
  auto seq = append.StepInsert();
  if (!seq) return Forward(seq);
  if (!*seq) return Fail(ErrorCode::kInternal, "decision log entry not inserted", connection_->Location());
  return **seq;
}

core::Result<std::vector<DecisionRecord>> SqlStore::ListDecisionRecords() {
  auto statement = PrepareScoped(*connection_, kListDecisions);
  if (!statement) return Forward(statement);
  std::vector<DecisionRecord> records;
  while (true) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) return records;
    auto record = ReadDecision(*connection_, **statement);
    if (!record) return Forward(record);
    records.push_back(std::move(*record));
  }
}

core::Status SqlStore::SetFindingStatus(int64_t id, FindingStatus status, std::string_view decision_id) {
  if (auto flushed = FlushSightings(); !flushed) return flushed;
  auto statement = PrepareScoped(*connection_, kSetFindingStatus);
  if (!statement) return Forward(statement);
  (*statement)->BindText(1, ToString(status));
  if (decision_id.empty()) {
    (*statement)->BindNull(2);
  } else {
    (*statement)->BindText(2, decision_id);
  }
  (*statement)->BindInt64(3, id);
  auto changed = (*statement)->StepChanges();
  if (!changed) return Forward(changed);
  if (*changed == 0) return Fail(ErrorCode::kNotFound, "no finding with id " + std::to_string(id));
  return {};
}

}  // namespace candor::store
