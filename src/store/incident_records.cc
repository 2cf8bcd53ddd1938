// SqlStore's incidents, postmortems and action items (store.h's last block),
// kept apart from sql_store.cc so the two grow without colliding.

#include "store/incident_records.h"

#include <array>

#include "store/sql_store.h"

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::array<std::string_view, 5> kRoleNames{"commander", "communications", "scribe", "operations",
                                                     "security-partner"};

constexpr std::string_view kInsertIncident =
    "INSERT INTO incident (title, severity, opened_at, detected_at, contained_at, resolved_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateIncident =
    "UPDATE incident SET title = ?, severity = ?, opened_at = ?, detected_at = ?, contained_at = ?,"
    " resolved_at = ? WHERE id = ?";
constexpr std::string_view kIncidentColumns =
    "SELECT id, title, severity, opened_at, detected_at, contained_at, resolved_at FROM incident";
constexpr std::string_view kIncidentExists = "SELECT 1 FROM incident WHERE id = ?";

constexpr std::string_view kDeleteServices = "DELETE FROM incident_service WHERE incident_id = ?";
constexpr std::string_view kDeleteTags = "DELETE FROM incident_tag WHERE incident_id = ?";
constexpr std::string_view kDeleteLinks = "DELETE FROM incident_link WHERE incident_id = ?";
constexpr std::string_view kInsertService =
    "INSERT INTO incident_service (incident_id, service_name) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kInsertTag =
    "INSERT INTO incident_tag (incident_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kInsertLink =
    "INSERT INTO incident_link (incident_id, kind, ref) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectServices =
    "SELECT service_name FROM incident_service WHERE incident_id = ? ORDER BY service_name";
constexpr std::string_view kSelectTags = "SELECT tag FROM incident_tag WHERE incident_id = ? ORDER BY tag";
constexpr std::string_view kSelectLinks =
    "SELECT kind, ref FROM incident_link WHERE incident_id = ? ORDER BY kind, ref";

constexpr std::string_view kUpsertRole =
    "INSERT INTO incident_role (incident_id, role, person, assigned_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (incident_id, role) DO UPDATE SET person = excluded.person, assigned_at = "
    "excluded.assigned_at";
constexpr std::string_view kSelectRoles =
    "SELECT role, person, assigned_at FROM incident_role WHERE incident_id = ? ORDER BY assigned_at, role";

constexpr std::string_view kEntryOfIncident = "SELECT 1 FROM timeline_entry WHERE id = ? AND incident_id = ?";
constexpr std::string_view kInsertEntry =
    "INSERT INTO timeline_entry (incident_id, at, observed, done, corrects, recorded_at) VALUES (?, ?, ?, ?, "
    "?, ?)";
constexpr std::string_view kSelectEntries =
    "SELECT id, incident_id, at, observed, done, corrects, recorded_at FROM timeline_entry"
    " WHERE incident_id = ? ORDER BY at, id";

constexpr std::string_view kInsertPostmortem =
    "INSERT INTO postmortem (incident_id, path, digest, ingested_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (incident_id, digest) DO NOTHING";
constexpr std::string_view kFindPostmortem = "SELECT id FROM postmortem WHERE incident_id = ? AND digest = ?";

constexpr std::string_view kUpsertAction =
    "INSERT INTO action_item (incident_id, postmortem_id, title, owner_team, owner_person, due, kind, status)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 'open')"
    " ON CONFLICT (incident_id, title) DO UPDATE SET postmortem_id = excluded.postmortem_id,"
    " owner_team = excluded.owner_team, owner_person = excluded.owner_person, due = excluded.due,"
    " kind = excluded.kind";
constexpr std::string_view kFindAction = "SELECT id FROM action_item WHERE incident_id = ? AND title = ?";
constexpr std::string_view kActionColumns =
    "SELECT id, incident_id, coalesce(postmortem_id, 0), title, owner_team, owner_person, due, kind, status,"
    " done_at FROM action_item";
constexpr std::string_view kMarkDone =
    "UPDATE action_item SET status = 'done', done_at = ? WHERE id = ? AND status = 'open'";
constexpr std::string_view kActionExists = "SELECT 1 FROM action_item WHERE id = ?";

core::Status Run(SqlConnection& connection, std::string_view sql, int64_t id) {
  auto statement = PrepareScoped(connection, sql);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, id);
  auto done = (*statement)->StepChanges();
  if (!done) return Forward(done);
  return {};
}

core::Status InsertPairs(SqlConnection& connection, std::string_view sql, int64_t id,
                         const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    auto statement = PrepareScoped(connection, sql);
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, id);
    (*statement)->BindText(2, value);
    if (auto done = (*statement)->StepChanges(); !done) return Forward(done);
  }
  return {};
}

core::Result<bool> Exists(SqlConnection& connection, std::string_view sql, int64_t id) {
  auto statement = PrepareScoped(connection, sql);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, id);
  return (*statement)->Step();
}

std::unexpected<core::Error> NoIncident(int64_t id) {
  return Fail(ErrorCode::kNotFound, "no incident with id " + std::to_string(id));
}

void BindIncidentFields(SqlStatement& statement, const IncidentRecord& incident) {
  statement.BindText(1, incident.title);
  statement.BindInt64(2, incident.severity);
  statement.BindText(3, incident.opened_at);
  statement.BindText(4, incident.detected_at);
  statement.BindText(5, incident.contained_at);
  statement.BindText(6, incident.resolved_at);
}

IncidentRecord ReadIncidentRow(SqlStatement& row) {
  IncidentRecord incident;
  incident.id = row.ColumnInt64(0);
  incident.title = row.ColumnText(1);
  incident.severity = static_cast<int>(row.ColumnInt64(2));
  incident.opened_at = row.ColumnText(3);
  incident.detected_at = row.ColumnText(4);
  incident.contained_at = row.ColumnText(5);
  incident.resolved_at = row.ColumnText(6);
  return incident;
}

ActionItemRecord ReadActionRow(SqlStatement& row) {
  ActionItemRecord item;
  item.id = row.ColumnInt64(0);
  item.incident_id = row.ColumnInt64(1);
  item.postmortem_id = row.ColumnInt64(2);
  item.title = row.ColumnText(3);
  item.owner_team = row.ColumnText(4);
  item.owner_person = row.ColumnText(5);
  item.due = row.ColumnText(6);
  item.kind = ParseActionKind(row.ColumnText(7)).value_or(ActionKind::kPatch);
  item.status = row.ColumnText(8) == "done" ? ActionStatus::kDone : ActionStatus::kOpen;
  item.done_at = row.ColumnText(9);
  return item;
}

}  // namespace

std::string_view ToString(IncidentRole role) {
  return kRoleNames[static_cast<size_t>(role)];
}

std::optional<IncidentRole> ParseIncidentRole(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<IncidentRole>(i);
  }
  return std::nullopt;
}

std::string_view ToString(ActionKind kind) {
  return kind == ActionKind::kSystemic ? "systemic" : "patch";
}

std::optional<ActionKind> ParseActionKind(std::string_view name) {
  if (name == "systemic") return ActionKind::kSystemic;
  if (name == "patch") return ActionKind::kPatch;
  return std::nullopt;
}

std::string_view ToString(ActionStatus status) {
  return status == ActionStatus::kDone ? "done" : "open";
}

core::Result<bool> SqlStore::IncidentExists(int64_t id) {
  return Exists(*connection_, kIncidentExists, id);
}

core::Status SqlStore::WriteIncidentLists(const IncidentRecord& incident) {
  for (std::string_view sql : {kDeleteServices, kDeleteTags, kDeleteLinks}) {
    if (auto done = Run(*connection_, sql, incident.id); !done) return done;
  }
  if (auto done = InsertPairs(*connection_, kInsertService, incident.id, incident.services); !done)
    return done;
  if (auto done = InsertPairs(*connection_, kInsertTag, incident.id, incident.tags); !done) return done;
  for (auto [kind, refs] :
       {std::pair{"finding", &incident.findings}, std::pair{"decision", &incident.decisions}}) {
    for (const std::string& ref : *refs) {
      auto statement = PrepareScoped(*connection_, kInsertLink);
      if (!statement) return Forward(statement);
      (*statement)->BindInt64(1, incident.id);
      (*statement)->BindText(2, kind);
      (*statement)->BindText(3, ref);
      if (auto done = (*statement)->StepChanges(); !done) return Forward(done);
    }
  }
  return {};
}

core::Status SqlStore::ReadIncidentLists(IncidentRecord& incident) {
  for (auto [sql, out] :
       {std::pair{kSelectServices, &incident.services}, std::pair{kSelectTags, &incident.tags}}) {
    auto statement = PrepareScoped(*connection_, sql);
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, incident.id);
    for (;;) {
      auto row = (*statement)->Step();
      if (!row) return Forward(row);
      if (!*row) break;
      out->emplace_back((*statement)->ColumnText(0));
    }
  }
  auto statement = PrepareScoped(*connection_, kSelectLinks);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, incident.id);
  for (;;) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) break;
    auto& list = (*statement)->ColumnText(0) == "finding" ? incident.findings : incident.decisions;
    list.emplace_back((*statement)->ColumnText(1));
  }
  return {};
}

core::Result<int64_t> SqlStore::AddIncident(const IncidentRecord& incident) {
  auto statement = PrepareScoped(*connection_, kInsertIncident);
  if (!statement) return Forward(statement);
  BindIncidentFields(**statement, incident);
  auto id = (*statement)->StepInsert();
  if (!id) return Forward(id);
  if (!*id) return Fail(ErrorCode::kInternal, "AddIncident inserted no row");
  IncidentRecord stored = incident;
  stored.id = **id;
  if (auto done = WriteIncidentLists(stored); !done) return Forward(done);
  return stored.id;
}

core::Status SqlStore::UpdateIncident(const IncidentRecord& incident) {
  auto statement = PrepareScoped(*connection_, kUpdateIncident);
  if (!statement) return Forward(statement);
  BindIncidentFields(**statement, incident);
  (*statement)->BindInt64(7, incident.id);
  auto changed = (*statement)->StepChanges();
  if (!changed) return Forward(changed);
  if (*changed == 0) return NoIncident(incident.id);
  return WriteIncidentLists(incident);
}

core::Result<std::optional<IncidentRecord>> SqlStore::GetIncident(int64_t id) {
  IncidentRecord incident;
  {
    auto statement = PrepareScoped(*connection_, std::string(kIncidentColumns) + " WHERE id = ?");
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, id);
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) return std::optional<IncidentRecord>();
    incident = ReadIncidentRow(**statement);
  }
  if (auto done = ReadIncidentLists(incident); !done) return Forward(done);
  return incident;
}

core::Result<std::vector<IncidentRecord>> SqlStore::ListIncidents() {
  std::vector<IncidentRecord> incidents;
  {
    auto statement = PrepareScoped(*connection_, std::string(kIncidentColumns) + " ORDER BY opened_at, id");
    if (!statement) return Forward(statement);
    for (;;) {
      auto row = (*statement)->Step();
      if (!row) return Forward(row);
      if (!*row) break;
      incidents.push_back(ReadIncidentRow(**statement));
    }
  }
  for (IncidentRecord& incident : incidents) {
    if (auto done = ReadIncidentLists(incident); !done) return Forward(done);
  }
  return incidents;
}

core::Status SqlStore::AssignRole(int64_t incident_id, const RoleAssignment& assignment) {
  auto exists = IncidentExists(incident_id);
  if (!exists) return Forward(exists);
  if (!*exists) return NoIncident(incident_id);
  auto statement = PrepareScoped(*connection_, kUpsertRole);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, incident_id);
  (*statement)->BindText(2, ToString(assignment.role));
  (*statement)->BindText(3, assignment.person);
  (*statement)->BindText(4, assignment.assigned_at);
  if (auto done = (*statement)->StepChanges(); !done) return Forward(done);
  return {};
}

core::Result<std::vector<RoleAssignment>> SqlStore::Roles(int64_t incident_id) {
  auto statement = PrepareScoped(*connection_, kSelectRoles);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, incident_id);
  std::vector<RoleAssignment> roles;
  for (;;) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) break;
    auto role = ParseIncidentRole((*statement)->ColumnText(0));
    if (!role) return Fail(ErrorCode::kStore, "unknown incident role in the store", connection_->Location());
    roles.push_back(
        {*role, std::string((*statement)->ColumnText(1)), std::string((*statement)->ColumnText(2))});
  }
  return roles;
}

core::Result<int64_t> SqlStore::AddTimelineEntry(const TimelineEntry& entry) {
  auto exists = IncidentExists(entry.incident_id);
  if (!exists) return Forward(exists);
  if (!*exists) return NoIncident(entry.incident_id);
  if (entry.corrects) {
    auto statement = PrepareScoped(*connection_, kEntryOfIncident);
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, *entry.corrects);
    (*statement)->BindInt64(2, entry.incident_id);
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) {
      return Fail(ErrorCode::kNotFound, "incident " + std::to_string(entry.incident_id) +
                                            " has no timeline entry " + std::to_string(*entry.corrects));
    }
  }
  auto statement = PrepareScoped(*connection_, kInsertEntry);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, entry.incident_id);
  (*statement)->BindText(2, entry.at);
  (*statement)->BindText(3, entry.observed);
  (*statement)->BindText(4, entry.done);
  if (entry.corrects) {
    (*statement)->BindInt64(5, *entry.corrects);
  } else {
    (*statement)->BindNull(5);
  }
  (*statement)->BindText(6, entry.recorded_at);
  auto id = (*statement)->StepInsert();
  if (!id) return Forward(id);
  return id->value_or(0);
}

core::Result<std::vector<TimelineEntry>> SqlStore::Timeline(int64_t incident_id) {
  auto statement = PrepareScoped(*connection_, kSelectEntries);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, incident_id);
  std::vector<TimelineEntry> entries;
  for (;;) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) break;
    SqlStatement& r = **statement;
    TimelineEntry entry;
    entry.id = r.ColumnInt64(0);
    entry.incident_id = r.ColumnInt64(1);
    entry.at = r.ColumnText(2);
    entry.observed = r.ColumnText(3);
    entry.done = r.ColumnText(4);
    if (!r.ColumnIsNull(5)) entry.corrects = r.ColumnInt64(5);
    entry.recorded_at = r.ColumnText(6);
    entries.push_back(std::move(entry));
  }
  return entries;
}

core::Result<int64_t> SqlStore::AddPostmortem(const PostmortemRecord& postmortem) {
  auto exists = IncidentExists(postmortem.incident_id);
  if (!exists) return Forward(exists);
  if (!*exists) return NoIncident(postmortem.incident_id);
  {
    auto statement = PrepareScoped(*connection_, kInsertPostmortem);
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, postmortem.incident_id);
    (*statement)->BindText(2, postmortem.path);
    (*statement)->BindText(3, postmortem.digest);
    (*statement)->BindText(4, postmortem.ingested_at);
    auto id = (*statement)->StepInsert();
    if (!id) return Forward(id);
    if (*id) return **id;
  }
  auto statement = PrepareScoped(*connection_, kFindPostmortem);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, postmortem.incident_id);
  (*statement)->BindText(2, postmortem.digest);
  auto row = (*statement)->Step();
  if (!row) return Forward(row);
  if (!*row) return Fail(ErrorCode::kInternal, "AddPostmortem: postmortem conflicts but cannot be found");
  return (*statement)->ColumnInt64(0);
}

core::Result<int64_t> SqlStore::UpsertActionItem(const ActionItemRecord& item) {
  auto exists = IncidentExists(item.incident_id);
  if (!exists) return Forward(exists);
  if (!*exists) return NoIncident(item.incident_id);
  {
    auto statement = PrepareScoped(*connection_, kUpsertAction);
    if (!statement) return Forward(statement);
    (*statement)->BindInt64(1, item.incident_id);
    if (item.postmortem_id != 0) {
      (*statement)->BindInt64(2, item.postmortem_id);
    } else {
      (*statement)->BindNull(2);
    }
    (*statement)->BindText(3, item.title);
    (*statement)->BindText(4, item.owner_team);
    (*statement)->BindText(5, item.owner_person);
    (*statement)->BindText(6, item.due);
    (*statement)->BindText(7, ToString(item.kind));
    if (auto done = (*statement)->StepChanges(); !done) return Forward(done);
  }
  auto statement = PrepareScoped(*connection_, kFindAction);
  if (!statement) return Forward(statement);
  (*statement)->BindInt64(1, item.incident_id);
  (*statement)->BindText(2, item.title);
  auto row = (*statement)->Step();
  if (!row) return Forward(row);
  if (!*row) return Fail(ErrorCode::kInternal, "UpsertActionItem: the item cannot be found after writing it");
  return (*statement)->ColumnInt64(0);
}

core::Result<std::vector<ActionItemRecord>> SqlStore::ListActionItems(const ActionFilter& filter) {
  std::string sql(kActionColumns);
  sql += " WHERE 1 = 1";
  if (!filter.team.empty()) sql += " AND owner_team = ?";
  if (!filter.overdue_on.empty()) sql += " AND status = 'open' AND due < ?";
  if (filter.incident_id) sql += " AND incident_id = ?";
  sql += " ORDER BY due, id";
  auto statement = PrepareScoped(*connection_, sql);
  if (!statement) return Forward(statement);
  int index = 1;
  if (!filter.team.empty()) (*statement)->BindText(index++, filter.team);
  if (!filter.overdue_on.empty()) (*statement)->BindText(index++, filter.overdue_on);
  if (filter.incident_id) (*statement)->BindInt64(index++, *filter.incident_id);
  std::vector<ActionItemRecord> items;
  for (;;) {
    auto row = (*statement)->Step();
    if (!row) return Forward(row);
    if (!*row) break;
    items.push_back(ReadActionRow(**statement));
  }
  return items;
}

core::Status SqlStore::MarkActionDone(int64_t id, std::string_view done_at) {
  auto exists = Exists(*connection_, kActionExists, id);
  if (!exists) return Forward(exists);
  if (!*exists) return Fail(ErrorCode::kNotFound, "no action item with id " + std::to_string(id));
  auto statement = PrepareScoped(*connection_, kMarkDone);
  if (!statement) return Forward(statement);
  (*statement)->BindText(1, done_at);
  (*statement)->BindInt64(2, id);
  if (auto done = (*statement)->StepChanges(); !done) return Forward(done);
  return {};
}

}  // namespace candor::store
