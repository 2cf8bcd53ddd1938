// The storage contract: every backend passes this same suite. A new backend
// adds a row to Backends() (store_fixtures.cc) and nothing here.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "store/migration.h"
#include "store/open_store.h"
#include "store/store.h"
#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

using core::Category;
using core::ErrorCode;
using core::Severity;
using core::Stage;

// A test that needs data to outlive the Store skips in-memory backends.
#define SKIP_UNLESS_PERSISTENT() \
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " does not outlive its store"

class StoreContractTest : public ::testing::TestWithParam<BackendCase> {
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
    return identities;
  }

  std::vector<StoredScan> Scans(std::string_view repo = {}) {
    auto scans = store_->ListScans(repo);
    EXPECT_TRUE(scans) << scans.error().ToString();
    return scans.value_or(std::vector<StoredScan>{});
  }

  // A raw connection to the same database, for what the Store API cannot do
  // (mark a finding fixed, fake a newer schema). Persistent backends only.
  std::unique_ptr<SqlConnection> RawConnection() {
    auto connection = OpenConnection(url_);
    EXPECT_TRUE(connection) << connection.error().ToString();
    return connection ? std::move(*connection) : nullptr;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// ---- opening and migrating ----

TEST_P(StoreContractTest, FreshStoreIsEmpty) {
  EXPECT_TRUE(Query().empty());
  EXPECT_TRUE(Scans().empty());
}

TEST_P(StoreContractTest, ReopeningKeepsData) {
  SKIP_UNLESS_PERSISTENT();
  int64_t scan = AddScan(MakeScan("repo", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  Reopen();
  ASSERT_EQ(Query().size(), 1u);
  ASSERT_EQ(Scans().size(), 1u);
  EXPECT_EQ(Scans()[0].finding_count, 1);
  Reopen();  // reopening an up-to-date database migrates nothing
  EXPECT_EQ(Query().size(), 1u);
}

TEST_P(StoreContractTest, RefusesDatabaseFromNewerCandor) {
  SKIP_UNLESS_PERSISTENT();
  store_.reset();
  {
    auto raw = RawConnection();
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->Exec("INSERT INTO schema_version (version, name) VALUES (999, '999_future')"));
  }
  auto store = OpenStore(url_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(store.error().message.find("999"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("newer"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("upgrade Candor"), std::string::npos) << store.error().message;
}

TEST_P(StoreContractTest, MigrationsApplyOnlyWhatIsMissingAndAllOrNothing) {
  auto connection = OpenConnection(GetParam().url(dir_.path() / "other"));
  ASSERT_TRUE(connection) << connection.error().ToString();
  SqlConnection& db = **connection;
  const Migration m1{1, "001_a", "CREATE TABLE a (x INTEGER)"};
  const Migration m2{2, "002_b", "CREATE TABLE b (x INTEGER); INSERT INTO b (x) VALUES (7)"};
  const Migration bad{3, "003_bad", "CREATE TABLE c (x INTEGER); INSERT INTO no_such_table VALUES (1)"};
  auto version = [&]() {
    auto statement = PrepareScoped(db, "SELECT max(version) FROM schema_version");
    EXPECT_TRUE(statement);
    EXPECT_TRUE((*statement)->Step().value_or(false));
    return (*statement)->ColumnInt64(0);
  };

  const Migration first[] = {m1};
  ASSERT_TRUE(Migrate(db, first));
  EXPECT_EQ(version(), 1);
  const Migration both[] = {m1, m2};
  ASSERT_TRUE(Migrate(db, both));  // an older database: applies 2 only (1 again would fail: a exists)
  EXPECT_EQ(version(), 2);
  ASSERT_TRUE(Migrate(db, both));  // up to date: nothing to do
  EXPECT_EQ(version(), 2);

  const Migration broken[] = {m1, m2, bad};
  auto failed = Migrate(db, broken);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kStore);
  EXPECT_NE(failed.error().message.find("003_bad"), std::string::npos) << failed.error().message;
  EXPECT_EQ(version(), 2);
  EXPECT_FALSE(db.Prepare("SELECT x FROM c")) << "table c should have been rolled back";

  auto refused = Migrate(db, first);  // a Candor that knows only migration 1
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnsupported);
}

// ---- scans ----

TEST_P(StoreContractTest, AddScanIsIdempotentAndFindScanFindsIt) {
  ScanRecord scan = MakeScan("repo", "c1", "semgrep", 0, Stage::kPr);
  auto missing = store_->FindScan(scan.key);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);

  int64_t id = AddScan(scan);
  EXPECT_GT(id, 0);
  EXPECT_EQ(AddScan(scan), id);
  ScanRecord changed = scan;
  changed.branch = "other";  // not part of the key: still the same scan, left as recorded
  EXPECT_EQ(AddScan(changed), id);
  auto found = store_->FindScan(scan.key);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, id);

  for (auto vary : std::vector<std::function<void(ScanKey&)>>{
           [](ScanKey& k) { k.repo = "repo2"; }, [](ScanKey& k) { k.commit = "c2"; },
           [](ScanKey& k) { k.tool = "trivy"; }, [](ScanKey& k) { k.input_digest = "other"; },
           [](ScanKey& k) { k.run_index = 1; }}) {
    ScanRecord other = scan;
    vary(other.key);
    EXPECT_NE(AddScan(other), id);
  }

  std::vector<StoredScan> scans = Scans("repo");
  ASSERT_EQ(scans.size(), 5u);
  EXPECT_EQ(scans[0].id, id);
  EXPECT_EQ(scans[0].record.key.repo, "repo");
  EXPECT_EQ(scans[0].record.key.commit, "c1");
  EXPECT_EQ(scans[0].record.key.tool, "semgrep");
  EXPECT_EQ(scans[0].record.key.input_digest, "d1g35t");
  EXPECT_EQ(scans[0].record.key.run_index, 0);
  EXPECT_EQ(scans[0].record.branch, "main");
  EXPECT_EQ(scans[0].record.stage, Stage::kPr);
  EXPECT_EQ(scans[0].record.tool_version, "1.2.3");
  EXPECT_EQ(scans[0].record.started_at, "2026-11-22T14:48:00Z");
  EXPECT_EQ(scans[0].finding_count, 0);
  EXPECT_EQ(Scans().size(), 6u);
  EXPECT_EQ(Scans("repo2").size(), 1u);
  EXPECT_TRUE(Scans("nope").empty());
}

TEST_P(StoreContractTest, EveryStageRoundTrips) {
  for (Stage stage : {Stage::kDesign, Stage::kPr, Stage::kMain, Stage::kRelease, Stage::kProduction}) {
    AddScan(MakeScan("repo", std::string(core::ToString(stage)), "semgrep", 0, stage));
  }
  std::vector<StoredScan> scans = Scans();
  ASSERT_EQ(scans.size(), 5u);
  for (const StoredScan& scan : scans) EXPECT_EQ(core::ToString(scan.record.stage), scan.record.key.commit);
}

// ---- findings: sightings ----

TEST_P(StoreContractTest, FirstSightCreatesSecondSightUpdates) {
  int64_t s1 = AddScan(MakeScan("repo", "c1", "semgrep", 0, Stage::kPr));
  core::Finding finding = MakeFinding("f1", Severity::kLow, "src/a.cc", 10);
  AddFinding(s1, finding);

  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 1u);
  const int64_t id = found[0].id;
  EXPECT_EQ(found[0].repo, "repo");
  EXPECT_EQ(found[0].first_seen_scan, s1);
  EXPECT_EQ(found[0].last_seen_scan, s1);
  EXPECT_EQ(found[0].stage_first_seen, Stage::kPr);
  EXPECT_EQ(found[0].status, FindingStatus::kOpen);

  int64_t s2 = AddScan(MakeScan("repo", "c2", "semgrep", 0, Stage::kMain));
  finding.region.start_line = 42;  // the code moved; identity is the same
  finding.message = "new wording";
  finding.severity = Severity::kHigh;
  AddFinding(s2, finding);

  found = Query();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, id);
  EXPECT_EQ(found[0].first_seen_scan, s1);
  EXPECT_EQ(found[0].last_seen_scan, s2);
  EXPECT_EQ(found[0].stage_first_seen, Stage::kPr);
  EXPECT_EQ(found[0].status, FindingStatus::kOpen);
  ExpectSameFinding(found[0].finding, finding);

  std::vector<StoredScan> scans = Scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].finding_count, 1);
  EXPECT_EQ(scans[1].finding_count, 1);
}

TEST_P(StoreContractTest, SameFindingTwiceInOneScanCountsOnce) {
  int64_t scan = AddScan(MakeScan("repo", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  AddFinding(scan, MakeFinding("f1"));
  EXPECT_EQ(Query().size(), 1u);
  EXPECT_EQ(Scans()[0].finding_count, 1);
}

TEST_P(StoreContractTest, IdentityIsScopedByRepoAndTool) {
  int64_t a = AddScan(MakeScan("repoA", "c1"));
  int64_t b = AddScan(MakeScan("repoB", "c1"));
  core::Finding finding = MakeFinding("same");
  AddFinding(a, finding);
  AddFinding(b, finding);
  finding.tool = "codeql";
  AddFinding(a, finding);
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 3u);
  FindingFilter filter;
  filter.repo = "repoA";
  EXPECT_EQ(Query(filter).size(), 2u);
}

TEST_P(StoreContractTest, SecondSightReopensFixedFinding) {
  SKIP_UNLESS_PERSISTENT();
  int64_t s1 = AddScan(MakeScan("repo", "c1"));
  AddFinding(s1, MakeFinding("f1"));
  AddFinding(s1, MakeFinding("f2"));
  store_.reset();
  {
    auto raw = RawConnection();
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->Exec("UPDATE finding SET status = 'fixed', fixed_at = '2026-11-23T00:00:00Z'"));
    ASSERT_TRUE(raw->Exec("UPDATE finding SET status = 'accepted' WHERE identity = 'f2'"));
  }
  Reopen();
  int64_t s2 = AddScan(MakeScan("repo", "c2"));
  AddFinding(s2, MakeFinding("f1"));
  AddFinding(s2, MakeFinding("f2"));
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 2u);
  for (const StoredFinding& stored : found) {
    EXPECT_EQ(stored.status,
              stored.finding.identity == "f1" ? FindingStatus::kOpen : FindingStatus::kAccepted);
  }
}

TEST_P(StoreContractTest, UnreadableStoredRowIsAStoreError) {
  SKIP_UNLESS_PERSISTENT();
  AddFinding(AddScan(MakeScan("repo", "c1")), MakeFinding("f1"));
  store_.reset();
  {
    auto raw = RawConnection();
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->Exec("UPDATE finding SET category = 'astrology', advisories = '[oops'"));
  }
  Reopen();
  auto found = store_->QueryFindings({});
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kStore);
  EXPECT_NE(found.error().message.find("astrology"), std::string::npos) << found.error().message;
}

TEST_P(StoreContractTest, AddFindingErrors) {
  auto unknown = store_->AddFinding(12345, MakeFinding("f1"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("12345"), std::string::npos);

  int64_t scan = AddScan(MakeScan("repo", "c1"));
  auto anonymous = store_->AddFinding(scan, MakeFinding(""));
  ASSERT_FALSE(anonymous);
  EXPECT_TRUE(Query().empty());
}

// ---- findings: round trip ----

TEST_P(StoreContractTest, EveryFieldRoundTrips) {
  int64_t scan = AddScan(MakeScan("répo", "c1", "CodeQL", 0, Stage::kRelease));
  const core::Finding expected = EveryFieldFinding();
  AddFinding(scan, expected);
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 1u);
  ExpectSameFinding(found[0].finding, expected);
  EXPECT_EQ(found[0].repo, "répo");
  EXPECT_EQ(found[0].stage_first_seen, Stage::kRelease);
}

TEST_P(StoreContractTest, EmptyFieldsRoundTrip) {
  int64_t scan = AddScan(MakeScan("", "", "", 0));
  core::Finding expected;
  expected.identity = "only-an-identity";
  AddFinding(scan, expected);
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 1u);
  ExpectSameFinding(found[0].finding, expected);
  EXPECT_EQ(found[0].repo, "");
}

TEST_P(StoreContractTest, EverySeverityAndCategoryRoundTrips) {
  int64_t scan = AddScan(MakeScan("repo", "c1"));
  int n = 0;
  for (Severity severity :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    for (Category category : {Category::kSast, Category::kSca, Category::kSecrets, Category::kIac,
                              Category::kContainer, Category::kDast, Category::kOther}) {
      std::string identity = "f";
      identity += std::to_string(n++);
      core::Finding finding = MakeFinding(identity, severity);
      finding.category = category;
      AddFinding(scan, finding);
    }
  }
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 35u);
  for (const StoredFinding& stored : found) {
    int i = std::stoi(stored.finding.identity.substr(1));
    EXPECT_EQ(static_cast<int>(stored.finding.severity), i / 7);
    EXPECT_EQ(static_cast<int>(stored.finding.category), i % 7);
  }
}

// ---- queries ----

class StoreQueryTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    int64_t a = AddScan(MakeScan("repoA", "c1"));
    int64_t b = AddScan(MakeScan("repoB", "c1"));
    auto add = [&](int64_t scan, const char* identity, Severity severity, const char* path, int line,
                   Category category = Category::kSast, const char* tool = "semgrep") {
      core::Finding finding = MakeFinding(identity, severity, path, line);
      finding.category = category;
      finding.tool = tool;
      AddFinding(scan, finding);
    };
    add(a, "low-b", Severity::kLow, "src/b.cc", 1);
    add(a, "crit", Severity::kCritical, "src/deep/x/y.cc", 9);
    add(a, "high-a20", Severity::kHigh, "src/a.cc", 20);
    add(a, "high-a3", Severity::kHigh, "src/a.cc", 3);
    add(a, "med-lock", Severity::kMedium, "package-lock.json", 0, Category::kSca, "trivy");
    add(a, "info", Severity::kInfo, "docs/readme.md", 2, Category::kOther);
    add(a, "secret", Severity::kHigh, "config/prod.env", 1, Category::kSecrets, "gitleaks");
    add(b, "b-med", Severity::kMedium, "src/a.cc", 5);
  }
};

TEST_P(StoreQueryTest, OrdersBySeverityThenPathThenLine) {
  FindingFilter filter;
  filter.repo = "repoA";
  EXPECT_EQ(Identities(filter),
            (std::vector<std::string>{"crit", "secret", "high-a3", "high-a20", "med-lock", "low-b", "info"}));
}

TEST_P(StoreQueryTest, NoFilterReturnsAllRepos) {
  EXPECT_EQ(Query().size(), 8u);
}

TEST_P(StoreQueryTest, FiltersByMinSeverity) {
  FindingFilter filter;
  filter.repo = "repoA";
  filter.min_severity = Severity::kHigh;
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit", "secret", "high-a3", "high-a20"}));
  filter.min_severity = Severity::kCritical;
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit"}));
  filter.min_severity = Severity::kInfo;
  EXPECT_EQ(Identities(filter).size(), 7u);
  filter.min_severity = Severity::kMedium;
  EXPECT_EQ(Identities(filter).size(), 5u);
}

TEST_P(StoreQueryTest, FiltersByCategoryToolAndRepo) {
  FindingFilter filter;
  filter.category = Category::kSca;
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"med-lock"}));
  filter = {};
  filter.tool = "gitleaks";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"secret"}));
  filter = {};
  filter.repo = "repoB";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"b-med"}));
  filter = {};
  filter.repo = "repoC";
  EXPECT_TRUE(Identities(filter).empty());
  filter = {};
  filter.category = Category::kSast;
  filter.tool = "semgrep";
  filter.min_severity = Severity::kMedium;
  filter.repo = "repoA";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit", "high-a3", "high-a20"}));
}

TEST_P(StoreQueryTest, FiltersByPathGlob) {
  FindingFilter filter;
  filter.repo = "repoA";
  filter.path_glob = "src/*.cc";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"high-a3", "high-a20", "low-b"}));
  filter.path_glob = "src/**";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit", "high-a3", "high-a20", "low-b"}));
  filter.path_glob = "**/*.json";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"med-lock"}));
  filter.path_glob = "src/?.cc";
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"high-a3", "high-a20", "low-b"}));
  filter.path_glob = "nothing/**";
  EXPECT_TRUE(Identities(filter).empty());
}

TEST_P(StoreQueryTest, LimitAppliesAfterEveryFilter) {
  FindingFilter filter;
  filter.repo = "repoA";
  filter.limit = 2;
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit", "secret"}));
  filter.path_glob = "src/**";  // the glob is matched outside SQL: the limit must still count matches only
  EXPECT_EQ(Identities(filter), (std::vector<std::string>{"crit", "high-a3"}));
  filter.limit = 100;
  EXPECT_EQ(Identities(filter).size(), 4u);
}

TEST_P(StoreQueryTest, MalformedGlobIsAnError) {
  FindingFilter filter;
  filter.path_glob = "src/[a";
  auto found = store_->QueryFindings(filter);
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kInvalidInput);
}

// ---- transactions ----

TEST_P(StoreContractTest, RollbackAfterAnErrorLeavesNothing) {
  ASSERT_TRUE(store_->Begin());
  int64_t scan = AddScan(MakeScan("repo", "c1"));
  AddFinding(scan, MakeFinding("f1"));
  AddFinding(scan, MakeFinding("f2"));
  ASSERT_FALSE(store_->AddFinding(scan + 1000, MakeFinding("f3")));  // fails mid-way
  store_->Rollback();
  EXPECT_TRUE(Query().empty());
  EXPECT_TRUE(Scans().empty());
  if (GetParam().persistent) {
    Reopen();
    EXPECT_TRUE(Query().empty());
    EXPECT_TRUE(Scans().empty());
  }
}

TEST_P(StoreContractTest, RollbackRestoresUpdatedFindings) {
  int64_t s1 = AddScan(MakeScan("repo", "c1"));
  AddFinding(s1, MakeFinding("f1", Severity::kLow));
  {
    auto transaction = Transaction::Begin(*store_);
    ASSERT_TRUE(transaction);
    int64_t s2 = AddScan(MakeScan("repo", "c2"));
    AddFinding(s2, MakeFinding("f1", Severity::kCritical));
    AddFinding(s2, MakeFinding("f2"));
    EXPECT_EQ(Query().size(), 2u);  // the transaction sees its own writes
  }                                 // destroyed without Commit: rolled back
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].finding.severity, Severity::kLow);
  EXPECT_EQ(found[0].last_seen_scan, s1);
  EXPECT_EQ(Scans().size(), 1u);
}

TEST_P(StoreContractTest, CommittedTransactionPersists) {
  {
    auto transaction = Transaction::Begin(*store_);
    ASSERT_TRUE(transaction);
    AddFinding(AddScan(MakeScan("repo", "c1")), MakeFinding("f1"));
    ASSERT_TRUE(transaction->Commit());
    EXPECT_FALSE(transaction->Commit());  // a second commit is a bug, reported
  }
  EXPECT_EQ(Query().size(), 1u);
  if (GetParam().persistent) {
    Reopen();
    EXPECT_EQ(Query().size(), 1u);
  }
}

TEST_P(StoreContractTest, ClosingWithOpenTransactionRollsBack) {
  SKIP_UNLESS_PERSISTENT();
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c1")), MakeFinding("f1"));
  Reopen();
  EXPECT_TRUE(Query().empty());
}

TEST_P(StoreContractTest, RolledBackScanIdIsNotConfusedWithTheNext) {
  ASSERT_TRUE(store_->Begin());
  int64_t first = AddScan(MakeScan("repoA", "c1", "semgrep", 0, Stage::kPr));
  store_->Rollback();
  ASSERT_TRUE(store_->Begin());
  int64_t second = AddScan(MakeScan("repoB", "c1", "semgrep", 0, Stage::kRelease));
  (void)first;  // backends may or may not hand the same id out again
  AddFinding(second, MakeFinding("f1"));
  ASSERT_TRUE(store_->Commit());
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].repo, "repoB");
  EXPECT_EQ(found[0].stage_first_seen, Stage::kRelease);
}

// The store remembers the findings of a repo and tool while a transaction
// runs; a rolled-back finding must be recorded afresh, and a later
// transaction must see findings committed in between.
TEST_P(StoreContractTest, FindingRolledBackIsRecordedAgainInTheNextTransaction) {
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c1")), MakeFinding("f1"));
  store_->Rollback();
  ASSERT_TRUE(store_->Begin());
  int64_t scan = AddScan(MakeScan("repo", "c2"));
  AddFinding(scan, MakeFinding("f1"));
  AddFinding(scan, MakeFinding("f2"));
  ASSERT_TRUE(store_->Commit());
  ASSERT_TRUE(store_->Begin());
  int64_t later = AddScan(MakeScan("repo", "c3"));
  AddFinding(later, MakeFinding("f2"));
  ASSERT_TRUE(store_->Commit());
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 2u);
  for (const StoredFinding& stored : found) {
    EXPECT_EQ(stored.first_seen_scan, scan) << stored.finding.identity;
    EXPECT_EQ(stored.last_seen_scan, stored.finding.identity == "f2" ? later : scan);
  }
}

// Which findings a scan saw is written in batches; every sighting must land,
// full batches and the rest, inside a transaction and outside one.
TEST_P(StoreContractTest, EverySightingIsRecordedWhateverTheBatching) {
  ASSERT_TRUE(store_->Begin());
  int64_t big = AddScan(MakeScan("repo", "c1"));
  for (int i = 0; i < 300; ++i) AddFinding(big, MakeFinding("f" + std::to_string(i)));
  EXPECT_EQ(Scans()[0].finding_count, 300);  // reads see the transaction's own sightings
  ASSERT_TRUE(store_->Commit());
  int64_t single = AddScan(MakeScan("repo", "c2"));
  AddFinding(single, MakeFinding("f7"));  // no transaction: written at once
  std::vector<StoredScan> scans = Scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].finding_count, 300);
  EXPECT_EQ(scans[1].finding_count, 1);
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c3")), MakeFinding("f8"));
  store_->Rollback();  // an unwritten sighting is dropped with its transaction
  EXPECT_EQ(Scans().size(), 2u);
  EXPECT_EQ(Query().size(), 300u);
}

// Two files of one ingest can see the same finding: the second sighting,
// in the same transaction as the first, updates the one row.
TEST_P(StoreContractTest, SecondSightingInTheSameTransactionUpdatesTheFirst) {
  ASSERT_TRUE(store_->Begin());
  int64_t first = AddScan(MakeScan("repo", "c1", "semgrep", 0));
  int64_t second = AddScan(MakeScan("repo", "c1", "semgrep", 1));
  AddFinding(first, MakeFinding("f1", Severity::kLow));
  AddFinding(second, MakeFinding("f1", Severity::kHigh));
  AddFinding(second, MakeFinding("f2"));
  ASSERT_TRUE(store_->Commit());
  std::vector<StoredFinding> found = Query();
  ASSERT_EQ(found.size(), 2u);
  auto f1 = std::find_if(found.begin(), found.end(),
                         [](const StoredFinding& f) { return f.finding.identity == "f1"; });
  ASSERT_NE(f1, found.end());
  EXPECT_EQ(f1->first_seen_scan, first);
  EXPECT_EQ(f1->last_seen_scan, second);
  EXPECT_EQ(f1->finding.severity, Severity::kHigh);
  std::vector<StoredScan> scans = Scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].finding_count, 1);
  EXPECT_EQ(scans[1].finding_count, 2);
}

TEST_P(StoreContractTest, FiltersByTheScanThatSawThem) {
  int64_t first = AddScan(MakeScan("repo", "c1"));
  int64_t second = AddScan(MakeScan("repo", "c2"));
  AddFinding(first, MakeFinding("kept"));
  AddFinding(first, MakeFinding("fixed"));
  AddFinding(second, MakeFinding("kept"));
  AddFinding(second, MakeFinding("added"));
  FindingFilter filter;
  filter.seen_in_scan = first;
  std::vector<std::string> identities;
  for (const auto& found : Query(filter)) identities.push_back(found.finding.identity);
  std::sort(identities.begin(), identities.end());
  EXPECT_EQ(identities, (std::vector<std::string>{"fixed", "kept"}));
}

// The lifecycle of main-branch scans: what the previous commit saw and this
// one does not is fixed, with the time; seen again, it reopens.
TEST_P(StoreContractTest, MainScanFixesWhatDisappearedAndReopensWhatCameBack) {
  int64_t c1 = AddScan(MakeScan("repo", "c1", "semgrep", 0, Stage::kMain));
  AddFinding(c1, MakeFinding("stays"));
  AddFinding(c1, MakeFinding("goes"));
  // A second file of the next commit does not fix what the first one saw.
  int64_t c2a = AddScan(MakeScan("repo", "c2", "semgrep", 0, Stage::kMain));
  AddFinding(c2a, MakeFinding("stays"));
  ScanRecord second_file = MakeScan("repo", "c2", "semgrep", 0, Stage::kMain);
  second_file.key.input_digest = "other-file";
  int64_t c2b = AddScan(second_file);
  AddFinding(c2b, MakeFinding("new"));
  // A PR scan in between is not a main scan.
  AddFinding(AddScan(MakeScan("repo", "pr1", "semgrep", 0, Stage::kPr)), MakeFinding("pr-only"));

  auto fixed = store_->MarkFixed("repo", "semgrep", "c2", Stage::kMain, "2026-11-20T10:00:00Z");
  ASSERT_TRUE(fixed) << fixed.error().ToString();
  EXPECT_EQ(*fixed, 1);
  auto status_of = [&](const std::string& identity) {
    for (const auto& found : Query()) {
      if (found.finding.identity == identity) return std::pair(found.status, found.fixed_at);
    }
    return std::pair(FindingStatus::kOpen, std::string("missing"));
  };
  EXPECT_EQ(status_of("goes"), std::pair(FindingStatus::kFixed, std::string("2026-11-20T10:00:00Z")));
  EXPECT_EQ(status_of("stays").first, FindingStatus::kOpen);
  EXPECT_EQ(status_of("new").first, FindingStatus::kOpen);
  EXPECT_EQ(status_of("pr-only").first, FindingStatus::kOpen);
  // Marking again changes nothing; the first commit has no previous one.
  EXPECT_EQ(*store_->MarkFixed("repo", "semgrep", "c2", Stage::kMain, "later"), 0);
  EXPECT_EQ(*store_->MarkFixed("repo", "semgrep", "c1", Stage::kMain, "later"), 0);

  int64_t c3 = AddScan(MakeScan("repo", "c3", "semgrep", 0, Stage::kMain));
  AddFinding(c3, MakeFinding("goes"));
  EXPECT_EQ(status_of("goes"), std::pair(FindingStatus::kOpen, std::string()));
}

// Rule descriptions are stored once and shared; each finding shows the
// description of its latest sighting, and a rolled-back description is not
// reused afterwards.
TEST_P(StoreContractTest, RuleDescriptionsFollowEachFindingsLatestSighting) {
  core::Finding first = MakeFinding("f1");
  core::Finding second = MakeFinding("f2");
  int64_t s1 = AddScan(MakeScan("repo", "c1"));
  AddFinding(s1, first);
  AddFinding(s1, second);
  core::Finding updated = first;
  updated.rule_help = "Use the query builder's parameters.";
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c2")), updated);
  ASSERT_TRUE(store_->Commit());
  for (const StoredFinding& stored : Query()) {
    EXPECT_EQ(stored.finding.rule_help,
              stored.finding.identity == "f1" ? updated.rule_help : second.rule_help);
    EXPECT_EQ(stored.finding.rule_name, first.rule_name);
  }

  core::Finding renamed = MakeFinding("f3");
  renamed.rule_name = "A rule seen first in a rolled-back transaction";
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c3")), renamed);
  store_->Rollback();
  ASSERT_TRUE(store_->Begin());
  AddFinding(AddScan(MakeScan("repo", "c4")), renamed);
  ASSERT_TRUE(store_->Commit());
  EXPECT_EQ(Query().size(), 3u);
}

TEST_P(StoreContractTest, TransactionMisuseIsReported) {
  EXPECT_FALSE(store_->Commit());
  ASSERT_TRUE(store_->Begin());
  EXPECT_FALSE(store_->Begin());
  store_->Rollback();
  store_->Rollback();  // harmless
  EXPECT_TRUE(store_->Begin());
  EXPECT_TRUE(store_->Commit());
}

std::string BackendName(const ::testing::TestParamInfo<BackendCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::ValuesIn(Backends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, StoreQueryTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace candor::store::testing
