#pragma once
// Due dates: when an open finding should be fixed, from the day it was first
// seen and the policy's SLA for its severity in its service's tier. A
// fix_scheduled decision in force moves the due date to its expiry, but no
// further than the policy's fix_scheduled_max_days past the SLA date.
// Plain functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decision.h"
#include "policy/policy.h"
#include "store/store.h"

namespace candor::pipeline {

struct DueDate {
  core::TimePoint due{};
  int sla_days = 0;
  std::string moved_by;  // the fix_scheduled decision that moved it, or ""
};

// nullopt for a finding that is not open, has no first-seen time, or whose
// severity has no deadline. `scheduled` is the fix_scheduled decision the
// finding's decision_id names, when there is one.
std::optional<DueDate> DueDateOf(const store::StoredFinding& finding, const policy::Policy& policy,
                                 std::string_view tier, const core::Decision* scheduled);

// Fills each open finding's due_date (and overdue_days at `now`), using the
// store's service catalog for tiers (by repo) and decision log for scheduled
// fixes. Errors: the store's.
core::Status AssignDueDates(std::vector<store::StoredFinding>& findings, store::Store& store,
                            const policy::Policy& policy, core::TimePoint now);

}  // namespace candor::pipeline
