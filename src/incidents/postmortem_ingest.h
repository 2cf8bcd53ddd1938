#pragma once
// `candor postmortem ingest FILE.md`: reads a postmortem's action items and
// records them (with the postmortem's digest) against its incident. Reading
// and recording are separate so a malformed file is refused before anything
// is written. Thread-safety: as the Store passed in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace candor::incidents {

struct IngestPlan {
  int64_t incident_id = 0;
  std::string path;
  std::string digest;
  std::vector<store::ActionItemRecord> items;
};

// The action items of `markdown`, each with a title, an owning team, a
// YYYY-MM-DD due date and a kind (systemic|patch). The incident is
// `incident` when given, else the file's "<!-- candor:incident N -->" marker.
// Errors: kInvalidInput naming FILE:LINE:COL of the first bad cell (or FILE
// when there is no marker or no action items table); ParseOutline's errors.
core::Result<IngestPlan> PlanIngest(std::string_view markdown, std::string_view path,
                                    std::optional<int64_t> incident);

// Records the plan in one transaction; returns the action items' ids.
// kNotFound for an unknown incident; nothing is written on error.
core::Result<std::vector<int64_t>> RecordIngest(store::Store& store, const IngestPlan& plan,
                                                std::string_view ingested_at);

}  // namespace candor::incidents
