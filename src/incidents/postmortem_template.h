#pragma once
// `candor postmortem new INCIDENT`: a blameless postmortem in Markdown,
// prefilled from the incident (summary facts, impact times, the timeline as
// recorded, roles) with the questions of a blameless review as sections and
// an action items table. The first line marks which incident it is about, so
// `postmortem ingest` needs no flag. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/incident_records.h"

namespace candor::incidents {

std::string RenderPostmortemTemplate(const store::IncidentRecord& incident,
                                     const std::vector<store::RoleAssignment>& roles,
                                     const std::vector<store::TimelineEntry>& timeline);

// The incident id in a postmortem's "<!-- candor:incident N -->" marker, if any.
std::optional<int64_t> IncidentMarker(std::string_view markdown);

}  // namespace candor::incidents
