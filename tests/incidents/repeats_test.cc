#include "incidents/repeats.h"

#include <gtest/gtest.h>

namespace candor::incidents {
namespace {

store::IncidentRecord Incident(int64_t id, std::string opened, std::vector<std::string> services,
                               std::vector<std::string> tags) {
  store::IncidentRecord incident;
  incident.id = id;
  incident.title = "incident " + std::to_string(id);
  incident.opened_at = std::move(opened);
  incident.services = std::move(services);
  incident.tags = std::move(tags);
  return incident;
}

store::ActionItemRecord Action(int64_t incident, store::ActionKind kind, store::ActionStatus status) {
  store::ActionItemRecord item;
  item.incident_id = incident;
  item.kind = kind;
  item.status = status;
  return item;
}

TEST(RepeatsTest, SameServiceAndTagWithinTheWindowIsARepeat) {
  std::vector<store::IncidentRecord> incidents = {
      Incident(3, "2026-03-01T00:00:00Z", {"payments"}, {"cwe:89"}),
      Incident(1, "2026-01-01T00:00:00Z", {"payments", "ledger"}, {"cwe:89", "category:injection"}),
      Incident(2, "2026-02-01T00:00:00Z", {"search"}, {"cwe:89"}),    // other service
      Incident(4, "2026-03-02T00:00:00Z", {"payments"}, {"cwe:79"}),  // other category
      Incident(5, "2025-01-01T00:00:00Z", {"payments"}, {"cwe:89"}),  // outside the window of 3
  };
  std::vector<store::ActionItemRecord> actions = {
      Action(1, store::ActionKind::kSystemic, store::ActionStatus::kOpen),
      Action(1, store::ActionKind::kPatch, store::ActionStatus::kDone),
  };
  auto repeats = FindRepeats(incidents, actions, std::chrono::days(90));
  ASSERT_EQ(repeats.size(), 1u);
  EXPECT_EQ(repeats[0].incident.id, 3);
  ASSERT_EQ(repeats[0].earlier.size(), 1u);
  const auto& earlier = repeats[0].earlier[0];
  EXPECT_EQ(earlier.incident.id, 1);
  EXPECT_EQ(earlier.shared_services, (std::vector<std::string>{"payments"}));
  EXPECT_EQ(earlier.shared_tags, (std::vector<std::string>{"cwe:89"}));
  EXPECT_EQ(earlier.actions.total, 2);
  EXPECT_EQ(earlier.actions.done, 1);
  EXPECT_EQ(earlier.actions.systemic_total, 1);
  EXPECT_EQ(earlier.actions.systemic_done, 0);
}

TEST(RepeatsTest, LongerWindowFindsOlderOccurrencesMostRecentFirst) {
  std::vector<store::IncidentRecord> incidents = {
      Incident(1, "2025-01-01T00:00:00Z", {"payments"}, {"cwe:89"}),
      Incident(2, "2025-06-01T00:00:00Z", {"payments"}, {"cwe:89"}),
      Incident(3, "2026-01-01T00:00:00Z", {"payments"}, {"cwe:89"}),
  };
  auto repeats = FindRepeats(incidents, {}, std::chrono::days(400));
  ASSERT_EQ(repeats.size(), 2u);
  ASSERT_EQ(repeats[1].earlier.size(), 2u);
  EXPECT_EQ(repeats[1].earlier[0].incident.id, 2);
  EXPECT_EQ(repeats[1].earlier[1].incident.id, 1);
  EXPECT_EQ(repeats[1].earlier[0].actions.total, 0);
}

}  // namespace
}  // namespace candor::incidents
