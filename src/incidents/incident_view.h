#pragma once
// Text and JSON views of incidents, action items and repeats for the
// `candor incident` and `candor actions` commands. Pure; thread-safe.

#include <string>
#include <vector>

#include "incidents/repeats.h"
#include "store/incident_records.h"

namespace candor::incidents {

enum class ViewFormat { kText, kJson };

struct IncidentDetail {
  store::IncidentRecord incident;
  std::vector<store::RoleAssignment> roles;
  std::vector<store::TimelineEntry> timeline;
  std::vector<store::ActionItemRecord> actions;
};

std::string RenderIncidentList(const std::vector<store::IncidentRecord>& incidents, ViewFormat format);
std::string RenderIncidentDetail(const IncidentDetail& detail, ViewFormat format);
std::string RenderActionItems(const std::vector<store::ActionItemRecord>& items, ViewFormat format);
std::string RenderRepeats(const std::vector<Repeat>& repeats, ViewFormat format);

}  // namespace candor::incidents
