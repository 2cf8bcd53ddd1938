// RecordScans: every file or none, whatever fails and on whichever thread.

#include "pipeline/record_scans.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace candor::pipeline {
namespace {

const std::string kScans = std::string(CANDOR_TEST_DATA) + "/../../examples/payments-service/scans";

// A real in-memory store whose AddFinding fails from the Nth call on, as a
// full disk or a lost database connection would.
class FailingStore : public store::Store {
 public:
  FailingStore(std::unique_ptr<store::Store> real, int fail_at) : real_(std::move(real)), fail_at_(fail_at) {}
  core::Status Begin() override { return real_->Begin(); }
  core::Status Commit() override { return real_->Commit(); }
  void Rollback() override { real_->Rollback(); }
  core::Result<std::optional<int64_t>> FindScan(const store::ScanKey& key) override {
    return real_->FindScan(key);
  }
  core::Result<int64_t> AddScan(const store::ScanRecord& scan) override { return real_->AddScan(scan); }
  core::Status AddFinding(int64_t scan_id, const core::Finding& finding) override {
    if (++calls_ >= fail_at_) return core::Fail(core::ErrorCode::kStore, "disk full");
    return real_->AddFinding(scan_id, finding);
  }
  core::Result<std::vector<store::StoredFinding>> QueryFindings(const store::FindingFilter& filter) override {
    return real_->QueryFindings(filter);
  }
  core::Result<std::vector<store::StoredScan>> ListScans(std::string_view repo) override {
    return real_->ListScans(repo);
  }
  core::Result<int64_t> MarkFixed(std::string_view repo, std::string_view tool, std::string_view commit,
                                  core::Stage stage, std::string_view fixed_at) override {
    return real_->MarkFixed(repo, tool, commit, stage, fixed_at);
  }
  core::Status PutTeams(const std::vector<store::TeamRecord>& teams) override {
    return real_->PutTeams(teams);
  }
  core::Result<std::vector<store::TeamRecord>> ListTeams() override { return real_->ListTeams(); }
  core::Status PutService(const store::ServiceRecord& service) override { return real_->PutService(service); }
  core::Result<std::vector<store::ServiceRecord>> ListServices() override { return real_->ListServices(); }
  core::Result<int64_t> AppendDecisionRecord(const store::DecisionRecord& record) override {
    return real_->AppendDecisionRecord(record);
  }
  core::Result<std::vector<store::DecisionRecord>> ListDecisionRecords() override {
    return real_->ListDecisionRecords();
  }
  core::Status SetFindingStatus(int64_t id, store::FindingStatus status,
                                std::string_view decision_id) override {
    return real_->SetFindingStatus(id, status, decision_id);
  }

  // Incidents, postmortems and action items: forwarded unchanged.
  core::Result<int64_t> AddIncident(const store::IncidentRecord& incident) override {
    return real_->AddIncident(incident);
  }
  core::Status UpdateIncident(const store::IncidentRecord& incident) override {
    return real_->UpdateIncident(incident);
  }
  core::Result<std::optional<store::IncidentRecord>> GetIncident(int64_t id) override {
    return real_->GetIncident(id);
  }
  core::Result<std::vector<store::IncidentRecord>> ListIncidents() override { return real_->ListIncidents(); }
  core::Status AssignRole(int64_t incident_id, const store::RoleAssignment& assignment) override {
    return real_->AssignRole(incident_id, assignment);
  }
  core::Result<std::vector<store::RoleAssignment>> Roles(int64_t incident_id) override {
    return real_->Roles(incident_id);
  }
  core::Result<int64_t> AddTimelineEntry(const store::TimelineEntry& entry) override {
    return real_->AddTimelineEntry(entry);
  }
  core::Result<std::vector<store::TimelineEntry>> Timeline(int64_t incident_id) override {
    return real_->Timeline(incident_id);
  }
  core::Result<int64_t> AddPostmortem(const store::PostmortemRecord& postmortem) override {
    return real_->AddPostmortem(postmortem);
  }
  core::Result<int64_t> UpsertActionItem(const store::ActionItemRecord& item) override {
    return real_->UpsertActionItem(item);
  }
  core::Result<std::vector<store::ActionItemRecord>> ListActionItems(
      const store::ActionFilter& filter) override {
    return real_->ListActionItems(filter);
  }
  core::Status MarkActionDone(int64_t id, std::string_view done_at) override {
    return real_->MarkActionDone(id, done_at);
  }

 private:
  std::unique_ptr<store::Store> real_;
  int fail_at_;
  int calls_ = 0;
};

RecordRequest Request(std::vector<std::string> files) {
  RecordRequest request;
  request.files = std::move(files);
  request.repo = "acme/payments";
  request.commit = "c1";
  request.branch = "main";
  return request;
}

std::unique_ptr<store::Store> MemoryStore() {
  auto store = store::OpenStore("sqlite::memory:");
  EXPECT_TRUE(store) << store.error().ToString();
  return std::move(*store);
}

const std::string kLargeSarif =
    std::string(CANDOR_TEST_DATA) + "/sarif/semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif";

const core::FixedClock kClock{core::TimePoint{std::chrono::seconds(1795358880)}};

TEST(RecordScansTest, RecordsEveryRunAndCountsBySeverity) {
  auto store = MemoryStore();
  auto outcomes = RecordScans(Request({kScans + "/codeql.sarif", kScans + "/gitleaks.json"}), *store, kClock);
  ASSERT_TRUE(outcomes) << outcomes.error().ToString();
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].format, ingest::Format::kSarif);
  EXPECT_EQ((*outcomes)[0].runs.at(0).findings, 72u);
  EXPECT_EQ((*outcomes)[1].runs.at(0).by_severity[static_cast<size_t>(core::Severity::kHigh)], 4u);
  EXPECT_EQ(store->QueryFindings({})->size(), 76u);
  auto scans = store->ListScans("acme/payments");
  ASSERT_TRUE(scans);
  ASSERT_EQ(scans->size(), 2u);
  EXPECT_EQ((*scans)[0].record.started_at, "2026-11-22T14:48:00Z");
}

TEST(RecordScansTest, AStoreFailureOnTheWriterThreadRecordsNothing) {
  // Fail well past the first batch the writer thread takes, and at the very first finding.
  for (int fail_at : {1, 60, 1500}) {
    FailingStore store(MemoryStore(), fail_at);
    // 48 + 1,768 findings: the last failure comes in the second file, several batches in.
    auto outcomes = RecordScans(Request({kScans + "/semgrep.json", kLargeSarif}), store, kClock);
    ASSERT_FALSE(outcomes) << "fail_at " << fail_at;
    EXPECT_EQ(outcomes.error().message, "disk full");
    EXPECT_TRUE(store.QueryFindings({})->empty()) << "fail_at " << fail_at;
    EXPECT_TRUE(store.ListScans("")->empty()) << "fail_at " << fail_at;
  }
}

TEST(RecordScansTest, ABadFileAfterAGoodOneRecordsNothing) {
  auto store = MemoryStore();
  auto outcomes = RecordScans(Request({kScans + "/codeql.sarif", "/nonexistent.sarif"}), *store, kClock);
  ASSERT_FALSE(outcomes);
  EXPECT_EQ(outcomes.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(store->QueryFindings({})->empty());
}

TEST(RecordScansTest, FindingsGetIdentitiesWithoutLineNumbers) {
  auto store = MemoryStore();
  ASSERT_TRUE(RecordScans(Request({kScans + "/semgrep.json"}), *store, kClock));
  auto findings = store->QueryFindings({});
  ASSERT_TRUE(findings);
  ASSERT_EQ(findings->size(), 48u);
  for (const auto& stored : *findings) {
    const std::string& identity = stored.finding.identity;
    EXPECT_FALSE(identity.empty());
    EXPECT_EQ(identity.find(std::to_string(stored.finding.region.start_line) + ":"), std::string::npos);
  }
}

}  // namespace
}  // namespace candor::pipeline

namespace candor::pipeline {
namespace {

// Time to remediate starts here: the next main-branch commit whose scan no
// longer has a finding records it as fixed, at that ingest's time.
TEST(RecordScansTest, MainIngestFixesWhatTheNextCommitNoLongerHas) {
  auto full = ingest::LoadInput(kLargeSarif, {});
  ASSERT_TRUE(full);
  auto log = nlohmann::json::parse(full->bytes());
  auto& results = log["runs"][0]["results"];
  ASSERT_GE(results.size(), 3u);
  results.erase(results.begin());  // fixed in the next commit
  auto fewer = std::filesystem::temp_directory_path() / "candor_pipeline_fewer.sarif";
  std::ofstream(fewer) << log.dump();

  auto store = MemoryStore();
  auto first = RecordScans(Request({kLargeSarif}), *store, kClock);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->at(0).runs.at(0).fixed, 0);
  RecordRequest next = Request({fewer.string()});
  next.commit = "c2";
  auto second = RecordScans(next, *store, kClock);
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_EQ(second->at(0).runs.at(0).fixed, 1);
  size_t fixed = 0;
  auto stored = store->QueryFindings({});
  ASSERT_TRUE(stored);
  for (const auto& found : *stored) {
    if (found.status == store::FindingStatus::kFixed) {
      ++fixed;
      EXPECT_EQ(found.fixed_at, core::FormatIso8601(kClock.Now()));
    }
  }
  EXPECT_EQ(fixed, 1u);
  // A pull-request scan never fixes anything.
  RecordRequest pr = Request({kLargeSarif});
  pr.commit = "pr-head";
  pr.stage = core::Stage::kPr;
  auto third = RecordScans(pr, *store, kClock);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->at(0).runs.at(0).fixed, 0);
  std::filesystem::remove(fewer);
}

}  // namespace
}  // namespace candor::pipeline
