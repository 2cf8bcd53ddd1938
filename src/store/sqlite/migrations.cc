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

constexpr Migration kMigrations[] = {
    {1, "001_init", k001Init},
};

}  // namespace

std::span<const Migration> Migrations() {
  return kMigrations;
}

}  // namespace candor::store::sqlite
