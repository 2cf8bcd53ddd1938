// The storage contract for teams, services, the decision log and finding
// statuses and owners: every backend passes it (rows in Backends(),
// store_fixtures.cc).

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/clock.h"
#include "store/store.h"
#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

using core::ErrorCode;
using core::Severity;

class OwnershipContractTest : public ::testing::TestWithParam<BackendCase> {
 protected:
  void SetUp() override {
    url_ = GetParam().url(dir_.path());
    Reopen();
  }

  void Reopen() {
    store_.reset();
    auto store = OpenStore(url_);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  std::vector<TeamRecord> Teams() {
    auto teams = store_->ListTeams();
    EXPECT_TRUE(teams) << teams.error().ToString();
    return teams.value_or(std::vector<TeamRecord>{});
  }

  const TeamRecord* Team(const std::vector<TeamRecord>& teams, std::string_view name) {
    auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamRecord& t) { return t.name == name; });
    return it == teams.end() ? nullptr : &*it;
  }

  std::vector<ServiceRecord> Services() {
    auto services = store_->ListServices();
    EXPECT_TRUE(services) << services.error().ToString();
    return services.value_or(std::vector<ServiceRecord>{});
  }

  std::vector<DecisionRecord> Log() {
    auto log = store_->ListDecisionRecords();
    EXPECT_TRUE(log) << log.error().ToString();
    return log.value_or(std::vector<DecisionRecord>{});
  }

  int64_t AddScan(const ScanRecord& scan) {
    auto id = store_->AddScan(scan);
    EXPECT_TRUE(id) << id.error().ToString();
    return id.value_or(0);
  }

  void AddFinding(int64_t scan, const core::Finding& finding) {
    auto added = store_->AddFinding(scan, finding);
    EXPECT_TRUE(added) << added.error().ToString();
  }

  std::vector<StoredFinding> Query(const FindingFilter& filter = {}) {
    auto findings = store_->QueryFindings(filter);
    EXPECT_TRUE(findings) << findings.error().ToString();
    return findings.value_or(std::vector<StoredFinding>{});
  }

  std::vector<std::string> Identities(const FindingFilter& filter) {
    std::vector<std::string> identities;
    for (const StoredFinding& stored : Query(filter)) identities.push_back(stored.finding.identity);
    std::sort(identities.begin(), identities.end());
    return identities;
  }

  // The stored finding with this identity; fails the test when there is none.
  StoredFinding Stored(std::string_view identity) {
    for (StoredFinding& stored : Query()) {
      if (stored.finding.identity == identity) return stored;
    }
    ADD_FAILURE() << "no stored finding '" << identity << "'";
    return {};
  }

  static core::Finding Owned(std::string identity, std::string team, Severity severity = Severity::kMedium) {
    core::Finding finding = MakeFinding(std::move(identity), severity);
    finding.team = std::move(team);
    return finding;
  }

  static core::TimePoint At(std::string_view iso) {
    auto time = core::ParseIso8601(iso);
    EXPECT_TRUE(time) << iso;
    return time.value_or(core::TimePoint{});
  }

  // A decision log entry with every field set, severity and expiry included.
  static DecisionRecord FullRecord() {
    DecisionRecord record;
    record.action = DecisionAction::kRecord;
    core::Decision& d = record.decision;
    d.id = "RD-12";
    d.scope = {"id/ünï \"q\"", "python.lang.security.*", "src/**/*.py", "sqli@api", "semgrep"};
    d.kind = core::DecisionKind::kMitigatedByControl;
    d.rationale = "WAF rule 942100 blocks it;\nsee the runbook";
    d.trade_off = "latency +2ms";
    d.team = "payments";
    d.approver = "@alice";
    d.approver_role = "champion";
    d.severity = Severity::kHigh;
    d.created = At("2026-11-01T09:30:15Z");
    d.expires = At("2027-02-01T00:00:00Z");
    d.ticket = "https://tracker.example/SEC-42";
    record.recorded_at = "2026-11-01T09:31:00Z";
    record.prev_hash = "";
    record.hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    return record;
  }

  static void ExpectSameRecord(const DecisionRecord& actual, const DecisionRecord& expected) {
    EXPECT_EQ(actual.action, expected.action);
    const core::Decision& a = actual.decision;
    const core::Decision& e = expected.decision;
    EXPECT_EQ(a.id, e.id);
    EXPECT_EQ(a.scope.identity, e.scope.identity);
    EXPECT_EQ(a.scope.rule, e.scope.rule);
    EXPECT_EQ(a.scope.path, e.scope.path);
    EXPECT_EQ(a.scope.threat, e.scope.threat);
    EXPECT_EQ(a.scope.tool, e.scope.tool);
    EXPECT_EQ(a.kind, e.kind);
    EXPECT_EQ(a.rationale, e.rationale);
    EXPECT_EQ(a.trade_off, e.trade_off);
    EXPECT_EQ(a.team, e.team);
    EXPECT_EQ(a.approver, e.approver);
    EXPECT_EQ(a.approver_role, e.approver_role);
    EXPECT_EQ(a.severity.has_value(), e.severity.has_value());
    if (a.severity && e.severity) {
      EXPECT_EQ(*a.severity, *e.severity);
    }
    EXPECT_EQ(core::FormatIso8601(a.created), core::FormatIso8601(e.created));
    EXPECT_EQ(a.created, e.created);
    EXPECT_EQ(a.expires.has_value(), e.expires.has_value());
    if (a.expires && e.expires) {
      EXPECT_EQ(core::FormatIso8601(*a.expires), core::FormatIso8601(*e.expires));
    }
    EXPECT_EQ(a.ticket, e.ticket);
    EXPECT_TRUE(a == e) << "Decision::operator== disagrees with the field comparison";
    EXPECT_EQ(actual.recorded_at, expected.recorded_at);
    EXPECT_EQ(actual.prev_hash, expected.prev_hash);
    EXPECT_EQ(actual.hash, expected.hash);
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// ---- Teams ----

TEST_P(OwnershipContractTest, ListsTeamsByNameWithTheirRosters) {
  ASSERT_TRUE(store_->PutTeams({
      {"payments", "#payments", {"@bob", "alice@example.com"}, {"platform"}},
      {"checkout", "", {"@carol"}, {"payments", "platform"}},
  }));
  auto teams = Teams();
  std::vector<std::string> names;
  for (const TeamRecord& team : teams) names.push_back(team.name);
  // "platform" was named only as a parent: it is a team too, with no roster.
  EXPECT_EQ(names, (std::vector<std::string>{"checkout", "payments", "platform"}));

  const TeamRecord* payments = Team(teams, "payments");
  ASSERT_NE(payments, nullptr);
  EXPECT_EQ(payments->channel, "#payments");
  std::vector<std::string> members = payments->members;
  std::sort(members.begin(), members.end());
  EXPECT_EQ(members, (std::vector<std::string>{"@bob", "alice@example.com"}));
  EXPECT_EQ(payments->parents, (std::vector<std::string>{"platform"}));

  const TeamRecord* checkout = Team(teams, "checkout");
  ASSERT_NE(checkout, nullptr);
  EXPECT_EQ(checkout->channel, "");
  EXPECT_EQ(checkout->members, (std::vector<std::string>{"@carol"}));
  std::vector<std::string> parents = checkout->parents;
  std::sort(parents.begin(), parents.end());
  EXPECT_EQ(parents, (std::vector<std::string>{"payments", "platform"}));

  const TeamRecord* platform = Team(teams, "platform");
  ASSERT_NE(platform, nullptr);
  EXPECT_TRUE(platform->members.empty());
  EXPECT_TRUE(platform->parents.empty());
}

TEST_P(OwnershipContractTest, PutTeamsReplacesNamedRostersAndLeavesOthers) {
  ASSERT_TRUE(store_->PutTeams({
      {"payments", "#payments", {"@alice", "@bob"}, {"platform"}},
      {"identity", "#identity", {"@dave"}, {"platform"}},
  }));
  ASSERT_TRUE(store_->PutTeams({{"payments", "#pay-new", {"@erin"}, {"finance"}}}));
  auto teams = Teams();

  const TeamRecord* payments = Team(teams, "payments");
  ASSERT_NE(payments, nullptr);
  EXPECT_EQ(payments->channel, "#pay-new");
  EXPECT_EQ(payments->members, (std::vector<std::string>{"@erin"}));  // @alice and @bob are gone
  EXPECT_EQ(payments->parents, (std::vector<std::string>{"finance"}));

  const TeamRecord* identity = Team(teams, "identity");
  ASSERT_NE(identity, nullptr);
  EXPECT_EQ(identity->channel, "#identity");
  EXPECT_EQ(identity->members, (std::vector<std::string>{"@dave"}));
  EXPECT_EQ(identity->parents, (std::vector<std::string>{"platform"}));

  // A roster can be emptied.
  ASSERT_TRUE(store_->PutTeams({{"payments", "#pay-new", {}, {}}}));
  payments = Team(teams = Teams(), "payments");
  ASSERT_NE(payments, nullptr);
  EXPECT_TRUE(payments->members.empty());
  EXPECT_TRUE(payments->parents.empty());
  ASSERT_NE(Team(teams, "identity"), nullptr);
  EXPECT_EQ(Team(teams, "identity")->members, (std::vector<std::string>{"@dave"}));
}

TEST_P(OwnershipContractTest, TeamsSurviveReopening) {
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " does not outlive its store";
  ASSERT_TRUE(store_->PutTeams({{"payments", "#payments", {"@alice"}, {"platform"}}}));
  Reopen();
  auto teams = Teams();
  const TeamRecord* payments = Team(teams, "payments");
  ASSERT_NE(payments, nullptr);
  EXPECT_EQ(payments->members, (std::vector<std::string>{"@alice"}));
  EXPECT_EQ(payments->parents, (std::vector<std::string>{"platform"}));
}

// ---- Services ----

TEST_P(OwnershipContractTest, PutServiceUpsertsByNameAndNamesItsTeam) {
  ServiceRecord ledger{"ledger", "acme/ledger", "payments", "tier-1", "restricted", "@alice", "@sec-sam"};
  ServiceRecord api{"api", "acme/api", "", "tier-3", "internal", "", ""};
  ASSERT_TRUE(store_->PutService(ledger));
  ASSERT_TRUE(store_->PutService(api));

  auto services = Services();
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0].name, "api");
  EXPECT_EQ(services[0].team, "");
  EXPECT_EQ(services[0].tier, "tier-3");
  EXPECT_EQ(services[1].name, "ledger");
  EXPECT_EQ(services[1].repo, "acme/ledger");
  EXPECT_EQ(services[1].team, "payments");
  EXPECT_EQ(services[1].tier, "tier-1");
  EXPECT_EQ(services[1].data_class, "restricted");
  EXPECT_EQ(services[1].champion, "@alice");
  EXPECT_EQ(services[1].security_partner, "@sec-sam");
  // The service's team exists as a team.
  EXPECT_NE(Team(Teams(), "payments"), nullptr);

  // Same name: updated in place, every field, team included.
  ServiceRecord moved{"ledger", "acme/ledger-v2", "finance", "tier-2", "confidential", "@frank", ""};
  ASSERT_TRUE(store_->PutService(moved));
  services = Services();
  ASSERT_EQ(services.size(), 2u);
  const ServiceRecord& stored = services[1];
  EXPECT_EQ(stored.name, "ledger");
  EXPECT_EQ(stored.repo, "acme/ledger-v2");
  EXPECT_EQ(stored.team, "finance");
  EXPECT_EQ(stored.tier, "tier-2");
  EXPECT_EQ(stored.data_class, "confidential");
  EXPECT_EQ(stored.champion, "@frank");
  EXPECT_EQ(stored.security_partner, "");

  // And a service can lose its team.
  moved.team = "";
  ASSERT_TRUE(store_->PutService(moved));
  services = Services();
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[1].team, "");
}

TEST_P(OwnershipContractTest, ServiceTeamIsTheTeamOfThatName) {
  ASSERT_TRUE(store_->PutTeams({{"payments", "#payments", {"@alice"}, {}}}));
  ASSERT_TRUE(store_->PutService({"ledger", "acme/ledger", "payments", "tier-1", "restricted", "", ""}));
  // Naming the team from a service neither duplicates it nor touches its roster.
  auto teams = Teams();
  EXPECT_EQ(
      std::count_if(teams.begin(), teams.end(), [](const TeamRecord& t) { return t.name == "payments"; }), 1);
  const TeamRecord* payments = Team(teams, "payments");
  ASSERT_NE(payments, nullptr);
  EXPECT_EQ(payments->channel, "#payments");
  EXPECT_EQ(payments->members, (std::vector<std::string>{"@alice"}));
}

// ---- Decision log ----

TEST_P(OwnershipContractTest, EveryDecisionRecordFieldRoundTrips) {
  DecisionRecord full = FullRecord();

  // The other shape: a revocation without severity or expiry.
  DecisionRecord revoke;
  revoke.action = DecisionAction::kRevoke;
  revoke.decision.id = "RD-12";
  revoke.decision.kind = core::DecisionKind::kFalsePositive;
  revoke.decision.scope = {"", "B608", "**", "", ""};
  revoke.decision.rationale = "control removed";
  revoke.decision.team = "payments";
  revoke.decision.approver = "@bob";
  revoke.decision.approver_role = "team";
  revoke.decision.created = At("2026-11-20T18:00:00Z");
  revoke.recorded_at = "2026-11-20T18:00:01Z";
  revoke.prev_hash = full.hash;
  revoke.hash = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

  // Info severity is a severity (0), not "unset".
  DecisionRecord info = FullRecord();
  info.decision.id = "RD-13";
  info.decision.kind = core::DecisionKind::kFixScheduled;
  info.decision.severity = Severity::kInfo;
  info.prev_hash = revoke.hash;
  info.hash = "h3";

  auto first = store_->AppendDecisionRecord(full);
  ASSERT_TRUE(first) << first.error().ToString();
  auto second = store_->AppendDecisionRecord(revoke);
  ASSERT_TRUE(second) << second.error().ToString();
  auto third = store_->AppendDecisionRecord(info);
  ASSERT_TRUE(third) << third.error().ToString();
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*second, 2);
  EXPECT_EQ(*third, 3);

  auto log = Log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].seq, 1);
  EXPECT_EQ(log[1].seq, 2);
  EXPECT_EQ(log[2].seq, 3);
  {
    SCOPED_TRACE("full record");
    ExpectSameRecord(log[0], full);
  }
  {
    SCOPED_TRACE("revocation without severity or expiry");
    ExpectSameRecord(log[1], revoke);
    EXPECT_FALSE(log[1].decision.severity.has_value());
    EXPECT_FALSE(log[1].decision.expires.has_value());
  }
  {
    SCOPED_TRACE("info severity");
    ExpectSameRecord(log[2], info);
    ASSERT_TRUE(log[2].decision.severity.has_value());
    EXPECT_EQ(*log[2].decision.severity, Severity::kInfo);
  }
  EXPECT_EQ(log[0].decision.origin, "store");
}

TEST_P(OwnershipContractTest, DecisionLogSurvivesReopeningInOrder) {
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " does not outlive its store";
  DecisionRecord record = FullRecord();
  for (int i = 0; i < 3; ++i) {
    record.decision.id = "RD-" + std::to_string(i);
    record.hash = "hash-" + std::to_string(i);
    ASSERT_TRUE(store_->AppendDecisionRecord(record));
    record.prev_hash = record.hash;
  }
  Reopen();
  auto log = Log();
  ASSERT_EQ(log.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(log[i].seq, i + 1);
    EXPECT_EQ(log[i].decision.id, "RD-" + std::to_string(i));
    EXPECT_EQ(log[i].prev_hash, i == 0 ? "" : "hash-" + std::to_string(i - 1));
  }
  // Appending after reopening continues the sequence.
  auto next = store_->AppendDecisionRecord(record);
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_EQ(*next, 4);
}

// ---- Transactions ----

TEST_P(OwnershipContractTest, NothingRollsInOnRollback) {
  ASSERT_TRUE(store_->Begin());
  ASSERT_TRUE(store_->PutTeams({{"payments", "#payments", {"@alice"}, {"platform"}}}));
  ASSERT_TRUE(store_->PutService({"ledger", "acme/ledger", "finance", "tier-1", "restricted", "", ""}));
  ASSERT_TRUE(store_->AppendDecisionRecord(FullRecord()));
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, Owned("f1", "checkout"));
  store_->Rollback();

  EXPECT_TRUE(Teams().empty());
  EXPECT_TRUE(Services().empty());
  EXPECT_TRUE(Log().empty());
  EXPECT_TRUE(Query().empty());

  // The rolled-back rows are gone for good: naming those teams again
  // creates them afresh, and the log starts again from 1.
  ASSERT_TRUE(store_->PutService({"ledger", "acme/ledger", "finance", "tier-1", "restricted", "", ""}));
  auto services = Services();
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].team, "finance");
  int64_t again = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(again, Owned("f1", "checkout"));
  EXPECT_EQ(Stored("f1").finding.team, "checkout");
  EXPECT_EQ(Identities({.team = "checkout"}), (std::vector<std::string>{"f1"}));
  auto seq = store_->AppendDecisionRecord(FullRecord());
  ASSERT_TRUE(seq) << seq.error().ToString();
  EXPECT_EQ(*seq, 1);
  auto teams = Teams();
  EXPECT_NE(Team(teams, "finance"), nullptr);
  EXPECT_NE(Team(teams, "checkout"), nullptr);
  EXPECT_EQ(Team(teams, "payments"), nullptr);
}

TEST_P(OwnershipContractTest, ATransactionLeftUncommittedLeavesNothing) {
  {
    auto transaction = Transaction::Begin(*store_);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(store_->PutTeams({{"payments", "", {"@alice"}, {}}}));
    ASSERT_TRUE(store_->PutService({"ledger", "", "payments", "", "", "", ""}));
    ASSERT_TRUE(store_->AppendDecisionRecord(FullRecord()));
  }  // destroyed without Commit
  EXPECT_TRUE(Teams().empty());
  EXPECT_TRUE(Services().empty());
  EXPECT_TRUE(Log().empty());
}

TEST_P(OwnershipContractTest, CommittedWritesStay) {
  auto transaction = Transaction::Begin(*store_);
  ASSERT_TRUE(transaction);
  ASSERT_TRUE(store_->PutTeams({{"payments", "", {"@alice"}, {}}}));
  ASSERT_TRUE(store_->PutService({"ledger", "", "payments", "", "", "", ""}));
  ASSERT_TRUE(store_->AppendDecisionRecord(FullRecord()));
  ASSERT_TRUE(transaction->Commit());
  store_->Rollback();  // nothing open: changes nothing
  EXPECT_EQ(Teams().size(), 1u);
  EXPECT_EQ(Services().size(), 1u);
  EXPECT_EQ(Log().size(), 1u);
}

// ---- Findings: owners and statuses ----

TEST_P(OwnershipContractTest, FindingReadsBackWithItsTeamAndFiltersByTeam) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, Owned("pay-1", "payments"));
  AddFinding(scan, Owned("pay-2", "payments"));
  AddFinding(scan, Owned("chk-1", "checkout"));
  AddFinding(scan, MakeFinding("nobody"));

  EXPECT_EQ(Stored("pay-1").finding.team, "payments");
  EXPECT_EQ(Stored("chk-1").finding.team, "checkout");
  EXPECT_EQ(Stored("nobody").finding.team, "");

  EXPECT_EQ(Identities({.team = "payments"}), (std::vector<std::string>{"pay-1", "pay-2"}));
  EXPECT_EQ(Identities({.team = "checkout"}), (std::vector<std::string>{"chk-1"}));
  EXPECT_TRUE(Identities({.team = "nosuchteam"}).empty());
  EXPECT_EQ(Query().size(), 4u);  // no team filter: owned and unowned alike

  // The owning team is a team like any other.
  auto teams = Teams();
  EXPECT_NE(Team(teams, "payments"), nullptr);
  EXPECT_NE(Team(teams, "checkout"), nullptr);
}

TEST_P(OwnershipContractTest, TeamFilterCombinesWithOtherFilters) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, Owned("pay-high", "payments", Severity::kHigh));
  AddFinding(scan, Owned("pay-low", "payments", Severity::kLow));
  AddFinding(scan, Owned("chk-high", "checkout", Severity::kHigh));
  EXPECT_EQ(Identities({.min_severity = Severity::kHigh, .team = "payments"}),
            (std::vector<std::string>{"pay-high"}));
  EXPECT_EQ(Identities({.repo = "other/repo", .team = "payments"}), std::vector<std::string>{});
}

TEST_P(OwnershipContractTest, OwnershipMovesWithTheLatestSighting) {
  int64_t first = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(first, MakeFinding("f1"));
  EXPECT_EQ(Stored("f1").finding.team, "");
  EXPECT_TRUE(Identities({.team = "payments"}).empty());

  int64_t second = AddScan(MakeScan("acme/ledger", "c2"));
  AddFinding(second, Owned("f1", "payments"));
  EXPECT_EQ(Stored("f1").finding.team, "payments");
  EXPECT_EQ(Identities({.team = "payments"}), (std::vector<std::string>{"f1"}));

  int64_t third = AddScan(MakeScan("acme/ledger", "c3"));
  AddFinding(third, Owned("f1", "checkout"));
  EXPECT_EQ(Stored("f1").finding.team, "checkout");
  EXPECT_TRUE(Identities({.team = "payments"}).empty());
  EXPECT_EQ(Identities({.team = "checkout"}), (std::vector<std::string>{"f1"}));
  EXPECT_EQ(Query().size(), 1u);  // still one finding
}

TEST_P(OwnershipContractTest, OwnershipSetInsideATransactionReadsBackAfterCommit) {
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " does not outlive its store";
  {
    auto transaction = Transaction::Begin(*store_);
    ASSERT_TRUE(transaction);
    int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
    AddFinding(scan, Owned("f1", "payments"));
    AddFinding(scan, Owned("f2", "payments"));
    ASSERT_TRUE(transaction->Commit());
  }
  Reopen();
  EXPECT_EQ(Identities({.team = "payments"}), (std::vector<std::string>{"f1", "f2"}));
}

TEST_P(OwnershipContractTest, SetFindingStatusSetsStatusAndDecision) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  AddFinding(scan, MakeFinding("f2"));
  StoredFinding f1 = Stored("f1");
  EXPECT_EQ(f1.status, FindingStatus::kOpen);
  EXPECT_EQ(f1.decision_id, "");

  ASSERT_TRUE(store_->SetFindingStatus(f1.id, FindingStatus::kAccepted, "RD-12"));
  StoredFinding after = Stored("f1");
  EXPECT_EQ(after.status, FindingStatus::kAccepted);
  EXPECT_EQ(after.decision_id, "RD-12");
  EXPECT_EQ(Stored("f2").status, FindingStatus::kOpen);  // only the one named
  EXPECT_EQ(Stored("f2").decision_id, "");

  // Back to open with no decision behind it.
  ASSERT_TRUE(store_->SetFindingStatus(f1.id, FindingStatus::kOpen, ""));
  after = Stored("f1");
  EXPECT_EQ(after.status, FindingStatus::kOpen);
  EXPECT_EQ(after.decision_id, "");
}

TEST_P(OwnershipContractTest, SetFindingStatusRefusesAnUnknownId) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  int64_t known = Stored("f1").id;
  auto missing = store_->SetFindingStatus(known + 1000, FindingStatus::kAccepted, "RD-1");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Stored("f1").status, FindingStatus::kOpen);
}

TEST_P(OwnershipContractTest, ADecidedStatusOutlivesTheNextSighting) {
  int64_t first = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(first, MakeFinding("f1"));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("f1").id, FindingStatus::kFalsePositive, "RD-3"));
  int64_t second = AddScan(MakeScan("acme/ledger", "c2"));
  AddFinding(second, MakeFinding("f1"));
  StoredFinding stored = Stored("f1");
  EXPECT_EQ(stored.last_seen_scan, second);
  EXPECT_EQ(stored.status, FindingStatus::kFalsePositive);
  EXPECT_EQ(stored.decision_id, "RD-3");
}

TEST_P(OwnershipContractTest, SetFindingStatusInsideATransactionSeesFindingsAddedInIt) {
  ASSERT_TRUE(store_->Begin());
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  StoredFinding f1 = Stored("f1");
  ASSERT_TRUE(store_->SetFindingStatus(f1.id, FindingStatus::kMitigated, "RD-9"));
  ASSERT_TRUE(store_->Commit());
  StoredFinding stored = Stored("f1");
  EXPECT_EQ(stored.status, FindingStatus::kMitigated);
  EXPECT_EQ(stored.decision_id, "RD-9");
  // The sighting was recorded too.
  EXPECT_EQ(Identities({.seen_in_scan = scan}), (std::vector<std::string>{"f1"}));
}

TEST_P(OwnershipContractTest, QueryFiltersByAnyOfTheStatuses) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  for (std::string id : {"open", "accepted", "fp", "mitigated"}) AddFinding(scan, MakeFinding(id));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("accepted").id, FindingStatus::kAccepted, "RD-1"));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("fp").id, FindingStatus::kFalsePositive, "RD-2"));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("mitigated").id, FindingStatus::kMitigated, "RD-3"));

  EXPECT_EQ(Identities({.statuses = {FindingStatus::kOpen}}), (std::vector<std::string>{"open"}));
  EXPECT_EQ(Identities({.statuses = {FindingStatus::kAccepted}}), (std::vector<std::string>{"accepted"}));
  EXPECT_EQ(Identities({.statuses = {FindingStatus::kAccepted, FindingStatus::kFalsePositive}}),
            (std::vector<std::string>{"accepted", "fp"}));
  EXPECT_EQ(Identities({.statuses = {FindingStatus::kMitigated, FindingStatus::kOpen}}),
            (std::vector<std::string>{"mitigated", "open"}));
  EXPECT_TRUE(Identities({.statuses = {FindingStatus::kFixed}}).empty());
  EXPECT_EQ(Query().size(), 4u);  // empty statuses: any status
}

TEST_P(OwnershipContractTest, StatusAndTeamFiltersCombine) {
  int64_t scan = AddScan(MakeScan("acme/ledger", "c1"));
  AddFinding(scan, Owned("pay-open", "payments"));
  AddFinding(scan, Owned("pay-accepted", "payments"));
  AddFinding(scan, Owned("chk-accepted", "checkout"));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("pay-accepted").id, FindingStatus::kAccepted, "RD-1"));
  ASSERT_TRUE(store_->SetFindingStatus(Stored("chk-accepted").id, FindingStatus::kAccepted, "RD-2"));
  EXPECT_EQ(Identities({.statuses = {FindingStatus::kAccepted}, .team = "payments"}),
            (std::vector<std::string>{"pay-accepted"}));
  EXPECT_EQ(Identities({.statuses = {FindingStatus::kOpen}, .team = "checkout"}), std::vector<std::string>{});
}

TEST_P(OwnershipContractTest, FirstSeenAtIsTheFirstScansStart) {
  ScanRecord first = MakeScan("acme/ledger", "c1");
  first.started_at = "2026-10-01T08:00:00Z";
  ScanRecord second = MakeScan("acme/ledger", "c2");
  second.started_at = "2026-11-15T12:30:00Z";
  int64_t first_id = AddScan(first);
  AddFinding(first_id, MakeFinding("old"));
  int64_t second_id = AddScan(second);
  AddFinding(second_id, MakeFinding("old"));
  AddFinding(second_id, MakeFinding("new"));

  StoredFinding old_finding = Stored("old");
  EXPECT_EQ(old_finding.first_seen_scan, first_id);
  EXPECT_EQ(old_finding.last_seen_scan, second_id);
  EXPECT_EQ(old_finding.first_seen_at, first.started_at);
  EXPECT_EQ(Stored("new").first_seen_at, second.started_at);
}

std::string BackendName(const ::testing::TestParamInfo<BackendCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, OwnershipContractTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace candor::store::testing
