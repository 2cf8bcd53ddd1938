// The storage contract for incidents, postmortems and action items: every
// backend passes it (rows in Backends(), store_fixtures.cc).

#include <gtest/gtest.h>

#include <memory>

#include "store/migration.h"
#include "store/open_store.h"
#include "store/store.h"
#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

using core::ErrorCode;

class IncidentContractTest : public ::testing::TestWithParam<BackendCase> {
 protected:
  void SetUp() override {
    url_ = GetParam().url(dir_.path());
    auto store = OpenStore(url_);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  int64_t Open(std::string title, std::vector<std::string> services = {"payments"},
               std::vector<std::string> tags = {"cwe:89"}) {
    IncidentRecord incident;
    incident.title = std::move(title);
    incident.severity = 2;
    incident.services = std::move(services);
    incident.tags = std::move(tags);
    incident.opened_at = "2026-11-01T10:00:00Z";
    auto id = store_->AddIncident(incident);
    EXPECT_TRUE(id) << id.error().ToString();
    return id.value_or(0);
  }

  ActionItemRecord Item(int64_t incident, std::string title, std::string team, std::string due,
                        ActionKind kind = ActionKind::kSystemic) {
    ActionItemRecord item;
    item.incident_id = incident;
    item.title = std::move(title);
    item.owner_team = std::move(team);
    item.due = std::move(due);
    item.kind = kind;
    return item;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(IncidentContractTest, IncidentRoundTripsWithServicesTagsAndLinks) {
  IncidentRecord incident;
  incident.title = "Checkout errors: \"quoted\" and ünïcode";
  incident.severity = 1;
  incident.services = {"payments", "checkout"};
  incident.tags = {"category:injection", "cwe:89"};
  incident.findings = {"abc123"};
  incident.decisions = {"D-7"};
  incident.opened_at = "2026-11-01T10:00:00Z";
  incident.detected_at = "2026-11-01T09:58:00Z";
  auto id = store_->AddIncident(incident);
  ASSERT_TRUE(id) << id.error().ToString();
  auto stored = store_->GetIncident(*id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->title, incident.title);
  EXPECT_EQ((*stored)->severity, 1);
  EXPECT_EQ((*stored)->services, (std::vector<std::string>{"checkout", "payments"}));
  EXPECT_EQ((*stored)->tags, incident.tags);
  EXPECT_EQ((*stored)->findings, incident.findings);
  EXPECT_EQ((*stored)->decisions, incident.decisions);
  EXPECT_EQ((*stored)->detected_at, incident.detected_at);
  EXPECT_EQ((*stored)->resolved_at, "");
}

TEST_P(IncidentContractTest, UpdateReplacesFieldsAndListsAndRefusesUnknownIds) {
  int64_t id = Open("first title");
  IncidentRecord changed = **store_->GetIncident(id);
  changed.title = "second title";
  changed.resolved_at = "2026-11-01T12:00:00Z";
  changed.services = {"ledger"};
  ASSERT_TRUE(store_->UpdateIncident(changed));
  auto stored = **store_->GetIncident(id);
  EXPECT_EQ(stored.title, "second title");
  EXPECT_EQ(stored.resolved_at, "2026-11-01T12:00:00Z");
  EXPECT_EQ(stored.services, (std::vector<std::string>{"ledger"}));
  changed.id = 999;
  auto missing = store_->UpdateIncident(changed);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(*store_->GetIncident(999));
}

TEST_P(IncidentContractTest, ListsIncidentsOldestFirst) {
  int64_t a = Open("a");
  int64_t b = Open("b");
  auto all = store_->ListIncidents();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, a);
  EXPECT_EQ((*all)[1].id, b);
}

TEST_P(IncidentContractTest, RolesAreReplacedPerRole) {
  int64_t id = Open("roles");
  ASSERT_TRUE(store_->AssignRole(id, {IncidentRole::kCommander, "Alice", "2026-11-01T10:01:00Z"}));
  ASSERT_TRUE(store_->AssignRole(id, {IncidentRole::kScribe, "Bob", "2026-11-01T10:02:00Z"}));
  ASSERT_TRUE(store_->AssignRole(id, {IncidentRole::kCommander, "Priya", "2026-11-01T11:00:00Z"}));
  auto roles = store_->Roles(id);
  ASSERT_TRUE(roles);
  ASSERT_EQ(roles->size(), 2u);
  EXPECT_EQ((*roles)[0].person, "Bob");
  EXPECT_EQ((*roles)[1].person, "Priya");
  EXPECT_EQ((*roles)[1].role, IncidentRole::kCommander);
  EXPECT_EQ(store_->AssignRole(77, {IncidentRole::kScribe, "X", "t"}).error().code, ErrorCode::kNotFound);
}

TEST_P(IncidentContractTest, TimelineIsAppendOnlyWithCorrections) {
  int64_t id = Open("timeline");
  int64_t other = Open("other");
  TimelineEntry entry{0, id, "2026-11-01T10:05:00Z", "error rate 12%", "paged DB team", std::nullopt, "r"};
  auto first = store_->AddTimelineEntry(entry);
  ASSERT_TRUE(first);
  TimelineEntry correction{0, id, "2026-11-01T10:04:00Z", "error rate was 14%", "", *first, "r"};
  auto second = store_->AddTimelineEntry(correction);
  ASSERT_TRUE(second);
  auto timeline = store_->Timeline(id);
  ASSERT_TRUE(timeline);
  ASSERT_EQ(timeline->size(), 2u);
  EXPECT_EQ((*timeline)[0].id, *second);  // by time of event
  EXPECT_EQ((*timeline)[0].corrects, *first);
  EXPECT_FALSE((*timeline)[1].corrects);
  // A correction must refer to an entry of the same incident.
  TimelineEntry stray{0, other, "2026-11-01T10:06:00Z", "x", "", *first, "r"};
  auto refused = store_->AddTimelineEntry(stray);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
}

TEST_P(IncidentContractTest, PostmortemIsIdempotentByDigest) {
  int64_t id = Open("pm");
  PostmortemRecord postmortem{0, id, "pm.md", "d1", "2026-11-02T00:00:00Z"};
  auto first = store_->AddPostmortem(postmortem);
  auto again = store_->AddPostmortem(postmortem);
  ASSERT_TRUE(first && again);
  EXPECT_EQ(*first, *again);
  postmortem.digest = "d2";
  EXPECT_NE(*store_->AddPostmortem(postmortem), *first);
}

TEST_P(IncidentContractTest, ActionItemsUpsertByTitleAndKeepTheirStatus) {
  int64_t id = Open("actions");
  auto a = store_->UpsertActionItem(Item(id, "Add lock check", "platform", "2026-12-01"));
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(store_->MarkActionDone(*a, "2026-11-20T00:00:00Z"));
  auto again = store_->UpsertActionItem(Item(id, "Add lock check", "database", "2026-12-05"));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *a);
  auto items = store_->ListActionItems({});
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].owner_team, "database");
  EXPECT_EQ((*items)[0].status, ActionStatus::kDone);
  EXPECT_EQ((*items)[0].done_at, "2026-11-20T00:00:00Z");
}

TEST_P(IncidentContractTest, ActionItemsFilterByTeamOverdueAndIncident) {
  int64_t one = Open("one");
  int64_t two = Open("two");
  auto late = *store_->UpsertActionItem(Item(one, "late", "platform", "2026-11-01"));
  auto done_late = *store_->UpsertActionItem(Item(one, "done late", "platform", "2026-10-01"));
  auto future = *store_->UpsertActionItem(Item(two, "future", "database", "2027-01-01", ActionKind::kPatch));
  ASSERT_TRUE(store_->MarkActionDone(done_late, "2026-10-02T00:00:00Z"));
  auto ids = [&](const ActionFilter& filter) {
    std::vector<int64_t> out;
    auto items = store_->ListActionItems(filter);
    EXPECT_TRUE(items) << items.error().ToString();
    for (const auto& item : items.value_or(std::vector<ActionItemRecord>{})) out.push_back(item.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{done_late, late, future}));  // by due date
  EXPECT_EQ(ids({.team = "platform"}), (std::vector<int64_t>{done_late, late}));
  EXPECT_EQ(ids({.overdue_on = "2026-11-22"}), (std::vector<int64_t>{late}));
  EXPECT_EQ(ids({.incident_id = two}), (std::vector<int64_t>{future}));
  EXPECT_EQ(store_->MarkActionDone(4242, "t").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->UpsertActionItem(Item(4242, "x", "t", "2026-01-01")).error().code, ErrorCode::kNotFound);
}

TEST_P(IncidentContractTest, RolledBackIncidentLeavesNothing) {
  ASSERT_TRUE(store_->Begin());
  Open("rolled back");
  store_->Rollback();
  EXPECT_TRUE(store_->ListIncidents()->empty());
}

// The database itself refuses to change history, whatever code runs against it.
TEST_P(IncidentContractTest, DatabaseRefusesToChangeTimelineEntries) {
  if (!GetParam().persistent)
    GTEST_SKIP() << GetParam().name << " cannot be reached from a second connection";
  int64_t id = Open("append only");
  ASSERT_TRUE(store_->AddTimelineEntry({0, id, "2026-11-01T10:05:00Z", "seen", "", std::nullopt, "r"}));
  auto raw = OpenConnection(url_);
  ASSERT_TRUE(raw) << raw.error().ToString();
  auto update = (*raw)->Exec("UPDATE timeline_entry SET observed = 'rewritten'");
  ASSERT_FALSE(update);
  EXPECT_NE(update.error().message.find("append-only"), std::string::npos) << update.error().message;
  auto remove = (*raw)->Exec("DELETE FROM timeline_entry");
  ASSERT_FALSE(remove);
  EXPECT_NE(remove.error().message.find("append-only"), std::string::npos) << remove.error().message;
  auto timeline = store_->Timeline(id);
  ASSERT_TRUE(timeline && timeline->size() == 1u);
  EXPECT_EQ((*timeline)[0].observed, "seen");
}

// Incidents are migration 3 while 2 is written on another branch: a list with
// a gap applies and records what it has.
TEST_P(IncidentContractTest, MigrateAppliesAListWithAGapInVersions) {
  auto connection = OpenConnection(GetParam().url(dir_.path() / "gap"));
  ASSERT_TRUE(connection) << connection.error().ToString();
  const Migration with_gap[] = {{1, "001_a", "CREATE TABLE a (x INTEGER)"},
                                {3, "003_c", "CREATE TABLE c (x INTEGER)"}};
  ASSERT_TRUE(Migrate(**connection, with_gap));
  auto statement = PrepareScoped(**connection, "SELECT count(*), max(version) FROM schema_version");
  ASSERT_TRUE(statement);
  ASSERT_TRUE(*(*statement)->Step());
  EXPECT_EQ((*statement)->ColumnInt64(0), 2);
  EXPECT_EQ((*statement)->ColumnInt64(1), 3);
}

std::string BackendName(const ::testing::TestParamInfo<BackendCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentContractTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace candor::store::testing
