// SQLite's schema, as numbered migrations. Never edit a migration that has
// shipped: add the next number. The PostgreSQL backend keeps its own list
// with the same numbers and the same tables.
//
// Storage choices: severity is an integer (0 info .. 4 critical, core::Severity)
// because it is ordered and filtered with >=; category, stage and status are
// their text names so the sqlite3 shell reads them. List-valued finding fields
// are text: cwe "79,89", the others JSON (store/list_codec.h).

#include "store/sqlite/sqlite_driver.h"

namespace candor::store::sqlite {
namespace {

constexpr std::string_view k001Init = R"sql(
CREATE TABLE team (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  slack_or_channel TEXT NOT NULL DEFAULT ''
);

CREATE TABLE service (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  repo       TEXT NOT NULL DEFAULT '',
  team_id    INTEGER REFERENCES team(id),
  tier       TEXT NOT NULL DEFAULT '',
  data_class TEXT NOT NULL DEFAULT ''
);

CREATE TABLE scan (
  id           INTEGER PRIMARY KEY,
  repo         TEXT NOT NULL,
  "commit"     TEXT NOT NULL,
  branch       TEXT NOT NULL,
  stage        TEXT NOT NULL,
  tool         TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  run_index    INTEGER NOT NULL,
  UNIQUE (repo, "commit", tool, input_digest, run_index)
);

-- A rule as a tool described it: findings share one row per distinct
-- description instead of each repeating the (often long) help text.
CREATE TABLE rule (
  id       INTEGER PRIMARY KEY,
  tool     TEXT NOT NULL,
  rule_id  TEXT NOT NULL,
  name     TEXT NOT NULL,
  help     TEXT NOT NULL,
  help_uri TEXT NOT NULL
);
CREATE INDEX rule_by_id ON rule (tool, rule_id);

CREATE TABLE finding (
  id                     INTEGER PRIMARY KEY,
  repo                   TEXT NOT NULL,
  identity               TEXT NOT NULL,
  tool                   TEXT NOT NULL,
  tool_version           TEXT NOT NULL,
  rule_id                TEXT NOT NULL,
  rule_ref               INTEGER NOT NULL REFERENCES rule(id),
  category               TEXT NOT NULL,
  severity               INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
  tool_severity          TEXT NOT NULL,
  cwe                    TEXT NOT NULL,
  advisories             TEXT NOT NULL,
  package                TEXT NOT NULL,
  installed_version      TEXT NOT NULL,
  fixed_version          TEXT NOT NULL,
  ecosystem              TEXT NOT NULL,
  path                   TEXT NOT NULL,
  start_line             INTEGER NOT NULL,
  start_column           INTEGER NOT NULL,
  end_line               INTEGER NOT NULL,
  end_column             INTEGER NOT NULL,
  snippet                TEXT NOT NULL,
  message                TEXT NOT NULL,
  fingerprints           TEXT NOT NULL,
  partial_fingerprints   TEXT NOT NULL,
  suppressions           TEXT NOT NULL,
  related_location_count INTEGER NOT NULL,
  code_flow_count        INTEGER NOT NULL,
  service_id             INTEGER REFERENCES service(id),
  team_id                INTEGER REFERENCES team(id),
  first_seen_scan        INTEGER NOT NULL REFERENCES scan(id),
  last_seen_scan         INTEGER NOT NULL REFERENCES scan(id),
  status                 TEXT NOT NULL,
  stage_first_seen       TEXT NOT NULL,
  fixed_at               TEXT,
  UNIQUE (repo, tool, identity)
);

-- Which findings each scan saw: the basis of fixed/reopened. The primary key
-- serves "findings of scan N"; nothing looks scans up by finding yet.
CREATE TABLE scan_finding (
  scan_id    INTEGER NOT NULL REFERENCES scan(id),
  finding_id INTEGER NOT NULL REFERENCES finding(id),
  PRIMARY KEY (scan_id, finding_id)
) WITHOUT ROWID;
)sql";

// Ownership and decisions: team rosters, the service catalog's people, the
// owning team and decision on a finding, and the decision log. The log is
// append-only; the triggers refuse an UPDATE or DELETE through SQL, and the
// hash chain (decisions/decision_log.h) detects an edit made around them.
constexpr std::string_view k002Ownership = R"sql(
CREATE TABLE team_member (
  team_id INTEGER NOT NULL REFERENCES team(id),
  member  TEXT NOT NULL,
  PRIMARY KEY (team_id, member)
) WITHOUT ROWID;
CREATE INDEX team_member_by_member ON team_member (member);

CREATE TABLE team_parent (
  team_id   INTEGER NOT NULL REFERENCES team(id),
  parent_id INTEGER NOT NULL REFERENCES team(id),
  PRIMARY KEY (team_id, parent_id)
) WITHOUT ROWID;

ALTER TABLE service ADD COLUMN champion TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN security_partner TEXT NOT NULL DEFAULT '';
ALTER TABLE finding ADD COLUMN decision_id TEXT;
CREATE INDEX finding_by_team ON finding (team_id);

CREATE TABLE decision_log (
  seq            INTEGER PRIMARY KEY,
  action         TEXT NOT NULL,
  decision_id    TEXT NOT NULL,
  kind           TEXT NOT NULL,
  scope_identity TEXT NOT NULL,
  scope_rule     TEXT NOT NULL,
  scope_path     TEXT NOT NULL,
  scope_threat   TEXT NOT NULL,
  scope_tool     TEXT NOT NULL,
  severity       INTEGER,
  rationale      TEXT NOT NULL,
  trade_off      TEXT NOT NULL,
  team           TEXT NOT NULL,
  approver       TEXT NOT NULL,
  approver_role  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT,
  ticket         TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);
CREATE INDEX decision_log_by_id ON decision_log (decision_id);
CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log
BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_log_no_delete BEFORE DELETE ON decision_log
BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
)sql";

// Incidents (incidents/). Times are ISO 8601 text as in 001, '' when unknown. Services are referenced by name
// until the service table is filled; people only as role holders and action item owners. The timeline is
// append-only: triggers refuse updates and deletes, a correction is a new entry that `corrects` the old one.
constexpr std::string_view k003Incidents = R"sql(
CREATE TABLE incident (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  severity     INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  opened_at    TEXT NOT NULL,
  detected_at  TEXT NOT NULL DEFAULT '',
  contained_at TEXT NOT NULL DEFAULT '',
  resolved_at  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE incident_service (
  incident_id  INTEGER NOT NULL REFERENCES incident(id),
  service_name TEXT NOT NULL,
  PRIMARY KEY (incident_id, service_name)
) WITHOUT ROWID;
CREATE INDEX incident_service_by_name ON incident_service (service_name);

-- Contributing categories ("category:injection", "cwe:89", "rule:..."), for repeats.
CREATE TABLE incident_tag (
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  tag         TEXT NOT NULL,
  PRIMARY KEY (incident_id, tag)
) WITHOUT ROWID;

CREATE TABLE incident_link (
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  kind        TEXT NOT NULL CHECK (kind IN ('finding', 'decision')),
  ref         TEXT NOT NULL,
  PRIMARY KEY (incident_id, kind, ref)
) WITHOUT ROWID;

CREATE TABLE incident_role (
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  role        TEXT NOT NULL,
  person      TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, role)
) WITHOUT ROWID;

CREATE TABLE timeline_entry (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  at          TEXT NOT NULL,
  observed    TEXT NOT NULL,
  done        TEXT NOT NULL,
  corrects    INTEGER REFERENCES timeline_entry(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX timeline_entry_by_incident ON timeline_entry (incident_id, at);
CREATE TRIGGER timeline_entry_append_only_update BEFORE UPDATE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;
CREATE TRIGGER timeline_entry_append_only_delete BEFORE DELETE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;

CREATE TABLE postmortem (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  path        TEXT NOT NULL,
  digest      TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  UNIQUE (incident_id, digest)
);

CREATE TABLE action_item (
  id            INTEGER PRIMARY KEY,
  incident_id   INTEGER NOT NULL REFERENCES incident(id),
  postmortem_id INTEGER REFERENCES postmortem(id),
  title         TEXT NOT NULL,
  owner_team    TEXT NOT NULL,
  owner_person  TEXT NOT NULL,
  due           TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('systemic', 'patch')),
  status        TEXT NOT NULL CHECK (status IN ('open', 'done')),
  done_at       TEXT NOT NULL DEFAULT '',
  UNIQUE (incident_id, title)
);
CREATE INDEX action_item_by_team ON action_item (owner_team, status, due);
)sql";

// Most findings have no owning team until CODEOWNERS or a service file is
// in place, and a full index gave every insert a second B-tree write: store
// insert fell from ~203k to ~178k findings/s. Only findings with a team are
// indexed now; `team_id = ?` lookups still use it.
constexpr std::string_view k004TeamIndex = R"sql(
DROP INDEX finding_by_team;
CREATE INDEX finding_by_team ON finding (team_id) WHERE team_id IS NOT NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1, "001_init", k001Init},
    {2, "002_ownership", k002Ownership},
    {3, "003_incidents", k003Incidents},
    {4, "004_team_index", k004TeamIndex},
};

}  // namespace

std::span<const Migration> Migrations() {
  return kMigrations;
}

}  // namespace candor::store::sqlite
