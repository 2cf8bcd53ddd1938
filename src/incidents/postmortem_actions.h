#pragma once
// The action items table of a postmortem: one row per item with its title,
// owning team, owner, due date and kind. Read by the linter (completeness) and
// by `postmortem ingest` (recorded in the store). Columns are found by their
// header words, so their order is free. Plain values.

#include <optional>
#include <string>
#include <vector>

#include "incidents/markdown_outline.h"
#include "store/incident_records.h"

namespace candor::incidents {

struct PostmortemAction {
  std::string title;
  std::string team;
  std::string owner;
  std::string due;   // as written; valid when due_date is set
  std::string kind;  // as written
  std::optional<store::ActionKind> parsed_kind;
  bool due_valid = false;  // due is a real YYYY-MM-DD date
  SourcePosition at;       // the row
  SourcePosition title_at, team_at, due_at, kind_at;
};

struct ActionTable {
  bool found = false;  // the Action items section holds a table with a title column
  SourcePosition at;
  std::vector<PostmortemAction> items;
};

// The first table of the outline's action items section.
ActionTable ReadActionTable(const Outline& outline);

// Whether `text` is a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

}  // namespace candor::incidents
