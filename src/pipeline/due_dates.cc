#include "pipeline/due_dates.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "decisions/decision_log.h"

namespace candor::pipeline {

std::optional<DueDate> DueDateOf(const store::StoredFinding& finding, const policy::Policy& policy,
                                 std::string_view tier, const core::Decision* scheduled) {
  if (finding.status != store::FindingStatus::kOpen) return std::nullopt;
  auto first_seen = core::ParseIso8601(finding.first_seen_at);
  if (!first_seen) return std::nullopt;
  auto days = policy::SlaFor(policy, finding.finding.severity, tier);
  if (!days) return std::nullopt;
  DueDate due{*first_seen + std::chrono::days(*days), *days, {}};
  if (scheduled != nullptr && scheduled->kind == core::DecisionKind::kFixScheduled && scheduled->expires &&
      *scheduled->expires > due.due) {
    const int extension = policy.fix_scheduled_max_days.value_or(policy::kDefaultFixScheduledMaxDays);
    due.due = std::min(*scheduled->expires, due.due + std::chrono::days(extension));
    due.moved_by = scheduled->id;
  }
  return due;
}

core::Status AssignDueDates(std::vector<store::StoredFinding>& findings, store::Store& store,
                            const policy::Policy& policy, core::TimePoint now) {
  auto services = store.ListServices();
  if (!services) return std::unexpected(std::move(services.error()));
  std::map<std::string, std::string, std::less<>> tier_of_repo;
  for (const auto& service : *services) {
    if (!service.repo.empty()) tier_of_repo.emplace(service.repo, service.tier);
  }
  auto log = store.ListDecisionRecords();
  if (!log) return std::unexpected(std::move(log.error()));
  const std::vector<core::Decision> in_force = decisions::Unrevoked(*log);
  for (store::StoredFinding& stored : findings) {
    const core::Decision* scheduled = nullptr;
    if (!stored.decision_id.empty()) {
      for (const core::Decision& decision : in_force) {
        if (decision.id == stored.decision_id) scheduled = &decision;
      }
    }
    auto tier = tier_of_repo.find(stored.repo);
    auto due =
        DueDateOf(stored, policy, tier == tier_of_repo.end() ? std::string_view() : tier->second, scheduled);
    if (!due) continue;
    stored.due_date = core::FormatDate(due->due);
    stored.overdue = due->due <= now;
    stored.overdue_days = stored.overdue ? core::DaysBetween(due->due, now) : 0;
  }
  return {};
}

}  // namespace candor::pipeline
