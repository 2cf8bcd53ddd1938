#pragma once
// `candor incident repeats`: incidents that recur, i.e. share a service and a
// contributing category, CWE or rule (an incident tag) with an earlier
// incident opened within the window, each listed with its earlier
// occurrences and whether their action items were completed: the evidence
// for "follow through on systemic fixes, not just patches". Pure; thread-safe.

#include <chrono>
#include <string>
#include <vector>

#include "store/incident_records.h"

namespace candor::incidents {

struct FollowThrough {
  int total = 0;
  int done = 0;
  int systemic_total = 0;
  int systemic_done = 0;
};

struct EarlierOccurrence {
  store::IncidentRecord incident;
  std::vector<std::string> shared_services;
  std::vector<std::string> shared_tags;
  FollowThrough actions;
};

struct Repeat {
  store::IncidentRecord incident;
  std::vector<EarlierOccurrence> earlier;  // most recent first
};

// `incidents` in any order; `actions` of every incident. Incidents whose
// opened_at does not parse are skipped.
std::vector<Repeat> FindRepeats(const std::vector<store::IncidentRecord>& incidents,
                                const std::vector<store::ActionItemRecord>& actions,
                                std::chrono::days window);

}  // namespace candor::incidents
