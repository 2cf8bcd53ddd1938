// What a sink may ask of the SARIF reader, and what it must not change:
// a large run read in chunks on two cores (FindingSink::Shard) reads as
// one thread would, and results taken again by their key (Recall, Remember)
// read as if they had been read.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_layout.h"
#include "ingest/sarif_reader.h"

namespace candor::ingest {
namespace {

// Large enough for the reader to split its results (it does from 4,096).
constexpr int kResults = 6000;

// One result in the shape Semgrep writes. `quirk` makes it give a warning
// or an error where the tests need one.
std::string Result(int i, int line, const std::string& quirk = "") {
  std::string region = "{\"startLine\":" + std::to_string(line) + ",\"endLine\":" + std::to_string(line + 1) +
                       ",\"snippet\":{\"text\":\"query(sql_" + std::to_string(i % 50) + ")\"}}";
  std::string level = "\"level\":\"error\",";
  if (quirk == "line zero") region = "{\"startLine\":0}";
  if (quirk == "odd level") level = "\"level\":\"severe\",";
  if (quirk == "no level") level = "";
  if (quirk == "bad line") region = "{\"startLine\":\"twelve\"}";
  if (quirk == "state") level += "\"baselineState\":\"new\",";
  return "{\"ruleId\":\"rule." + std::to_string(i % 7) + "\"," + level +
         "\"message\":{\"text\":\"Query built from input in handler " + std::to_string(i % 13) +
         "\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/mod_" +
         std::to_string(i / 20) + ".py\",\"uriBaseId\":\"%SRCROOT%\"},\"region\":" + region + "}}]}";
}

// A log of `results` under a tool whose rules default to `default_level`.
std::string Log(const std::vector<std::string>& results, const std::string& default_level = "warning") {
  std::string rules;
  for (int r = 0; r < 7; ++r) {
    if (r > 0) rules += ',';
    rules += "{\"id\":\"rule." + std::to_string(r) + "\",\"defaultConfiguration\":{\"level\":\"" +
             default_level + "\"}}";
  }
  std::string text =
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
      "\"tool\":{\"driver\":{\"name\":\"Semgrep OSS\",\"rules\":[" +
      rules +
      "]}},\"invocations\":[{\"executionSuccessful\":true}],"
      "\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"file:///src/\"}},\"results\":[\n";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i > 0) text += ",\n";
    text += results[i];
  }
  return text + "\n]}]}";
}

// Results with a quirk at some indexes: {index, quirk}.
std::vector<std::string> Results(const std::map<int, std::string>& quirks = {}) {
  std::vector<std::string> out;
  for (int i = 0; i < kResults; ++i) {
    auto quirk = quirks.find(i);
    out.push_back(Result(i, 10 + i % 400, quirk == quirks.end() ? "" : quirk->second));
  }
  return out;
}

// Collects findings; gives shards that put theirs in the same run, each
// chunk in place (PlaceAt). Counts what each of the two read.
class ShardingSink : public CollectingSink {
 public:
  ShardingSink() = default;
  std::unique_ptr<FindingSink> Shard(size_t count) override {
    ++shards_given;
    auto& findings = runs.back().findings;
    run_begin_ = findings.size();
    findings.resize(run_begin_ + count);
    auto shard = std::make_unique<ShardingSink>();
    shard->into_ = &findings;
    shard->run_begin_ = run_begin_;
    shard->delay_per_chunk = shard_delay_per_chunk;
    return shard;
  }
  void PlaceAt(size_t index) override {
    place_at_ = run_begin_ + index;
    ++chunks_read;
    if (delay_per_chunk.count() > 0) std::this_thread::sleep_for(delay_per_chunk);
  }
  core::Status Join(FindingSink& part) override {
    const auto& shard = static_cast<ShardingSink&>(part);
    shard_chunks = shard.chunks_read;
    shard_results = shard.results_read;
    place_at_.reset();
    return {};
  }
  core::Status Add(core::Finding&& finding) override {
    ++results_read;
    if (!place_at_) return CollectingSink::Add(std::move(finding));
    (into_ != nullptr ? *into_ : runs.back().findings)[(*place_at_)++] = std::move(finding);
    return {};
  }

  int shards_given = 0;
  size_t chunks_read = 0, results_read = 0;  // by this sink (not its shard)
  size_t shard_chunks = 0, shard_results = 0;
  std::chrono::milliseconds delay_per_chunk{0}, shard_delay_per_chunk{0};

 private:
  std::vector<core::Finding>* into_ = nullptr;  // a shard's: its parent's run
  size_t run_begin_ = 0;
  std::optional<size_t> place_at_;
};

// Collects findings and remembers each by its key; recalls from another's memory.
class RememberingSink : public CollectingSink {
 public:
  explicit RememberingSink(
      const std::map<std::tuple<uint64_t, uint64_t>, core::Finding>* recall_from = nullptr)
      : recall_from_(recall_from) {}

  bool RemembersResults() const override { return true; }
  bool Recall(const ResultKey& key) override {
    if (recall_from_ == nullptr) return false;
    auto it = recall_from_->find({key.low, key.high});
    if (it == recall_from_->end()) return false;
    ++recalled;
    runs.back().findings.push_back(it->second);
    return true;
  }
  void Remember(const ResultKey& key) override { memory[{key.low, key.high}] = runs.back().findings.back(); }

  std::map<std::tuple<uint64_t, uint64_t>, core::Finding> memory;
  int recalled = 0;

 private:
  const std::map<std::tuple<uint64_t, uint64_t>, core::Finding>* recall_from_;
};

struct Read {
  core::Status status;
  std::vector<std::string> warnings;
  SarifLayout layout;
};

Read ReadInto(const std::string& text, FindingSink& sink) {
  InputBuffer input("scan.sarif", text);
  Read read;
  ParseContext context;
  context.sarif_layout = &read.layout;
  read.status = ReadSarif(input, context, sink);
  read.warnings = context.warnings;
  return read;
}

const std::vector<core::Finding>& Findings(const CollectingSink& sink) {
  return sink.runs.at(0).findings;
}

TEST(SarifPartsTest, ARunReadInTwoPartsReadsAsOnePart) {
  // Warnings of one kind in both parts (only the first counts), and of a
  // kind only the second part gives.
  const std::string text =
      Log(Results({{5, "line zero"}, {4100, "line zero"}, {4200, "odd level"}, {5900, "odd level"}}));
  CollectingSink one_part;
  ShardingSink two_parts;
  Read one = ReadInto(text, one_part);
  Read two = ReadInto(text, two_parts);
  ASSERT_TRUE(one.status) << one.status.error().ToString();
  ASSERT_TRUE(two.status) << two.status.error().ToString();

  EXPECT_EQ(two_parts.shards_given, 1);
  // Both read chunks, together every result once.
  EXPECT_GT(two_parts.chunks_read, 0u);
  EXPECT_GT(two_parts.shard_chunks, 0u);
  EXPECT_EQ(two_parts.results_read + two_parts.shard_results, static_cast<size_t>(kResults));
  ASSERT_EQ(Findings(two_parts).size(), static_cast<size_t>(kResults));
  EXPECT_TRUE(Findings(two_parts) == Findings(one_part));
  ASSERT_EQ(two.warnings.size(), 2u);
  EXPECT_EQ(two.warnings, one.warnings);
  EXPECT_NE(two.warnings[0].find("results[5]"), std::string::npos) << two.warnings[0];
  EXPECT_NE(two.warnings[1].find("results[4200]"), std::string::npos) << two.warnings[1];
  ASSERT_EQ(two.layout.runs.size(), 1u);
  const auto& a = two.layout.runs[0].result_objects;
  const auto& b = one.layout.runs[0].result_objects;
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].object.begin, b[i].object.begin);
    EXPECT_EQ(a[i].object.end, b[i].object.end);
  }
}

// Progress read on two cores still only moves forward, through the results.
TEST(SarifPartsTest, ProgressOnTwoCoresMovesForward) {
  const std::string text = Log(Results());
  InputBuffer input("scan.sarif", text);
  ParseContext context;
  std::vector<size_t> offsets;
  context.on_progress = [&offsets](size_t offset) { offsets.push_back(offset); };
  ShardingSink two_parts;
  ASSERT_TRUE(ReadSarif(input, context, two_parts));
  ASSERT_EQ(two_parts.shards_given, 1);
  ASSERT_FALSE(offsets.empty());
  EXPECT_TRUE(std::is_sorted(offsets.begin(), offsets.end()));
  EXPECT_GT(offsets.front(), text.find("\"results\""));
  EXPECT_LE(offsets.back(), text.size());
}

// On a virtual machine one core is often slowed for a while: the other then
// reads more of the run, whichever of the two it is.
TEST(SarifPartsTest, TheCoreThatIsSlowedReadsFewerChunks) {
  const std::string text = Log(Results());
  CollectingSink one_part;
  ASSERT_TRUE(ReadInto(text, one_part).status);
  for (bool shard_slowed : {true, false}) {
    SCOPED_TRACE(shard_slowed ? "shard slowed" : "reader's own thread slowed");
    ShardingSink two_parts;
    const std::chrono::milliseconds slow{100};
    (shard_slowed ? two_parts.shard_delay_per_chunk : two_parts.delay_per_chunk) = slow;
    ASSERT_TRUE(ReadInto(text, two_parts).status);
    EXPECT_TRUE(Findings(two_parts) == Findings(one_part));
    const size_t slowed = shard_slowed ? two_parts.shard_chunks : two_parts.chunks_read;
    const size_t other = shard_slowed ? two_parts.chunks_read : two_parts.shard_chunks;
    EXPECT_LT(slowed * 4, other) << slowed << " chunks read slowed, " << other << " by the other";
  }
}

// The first error in the text is the one reported, with the warnings given
// before it (in its chunk too: 990 and 1000 are read by one thread) and none
// given after it.
TEST(SarifPartsTest, TheFirstErrorInTheTextIsTheOneReported) {
  for (const auto& quirks : {std::map<int, std::string>{{200, "line zero"},
                                                        {990, "odd level"},
                                                        {1000, "bad line"},
                                                        {1010, "line zero"},
                                                        {4300, "odd level"},
                                                        {5000, "bad line"}},
                             std::map<int, std::string>{{4300, "odd level"}, {5000, "bad line"}}}) {
    const std::string text = Log(Results(quirks));
    CollectingSink one_part;
    ShardingSink two_parts;
    Read one = ReadInto(text, one_part);
    Read two = ReadInto(text, two_parts);
    ASSERT_FALSE(one.status);
    ASSERT_FALSE(two.status);
    EXPECT_EQ(two.status.error().ToString(), one.status.error().ToString());
    EXPECT_EQ(two.warnings, one.warnings);
    EXPECT_EQ(two.warnings.size(), quirks.begin()->first == 200 ? 2u : 1u);
    const int first_error = quirks.begin()->first == 200 ? 1000 : 5000;
    const std::string first = "results[" + std::to_string(first_error) + "]";
    EXPECT_NE(two.status.error().ToString().find(first), std::string::npos) << two.status.error().ToString();
  }
}

// Every real log in tests/data/sarif (SOURCES.md), its runs read in two
// parts however few their results, reads as in one part: findings,
// warnings, or the same error.
TEST(SarifPartsTest, EveryRealLogReadsTheSameInParts) {
  int split = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CANDOR_TEST_DATA "/sarif")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sarif") continue;
    SCOPED_TRACE(entry.path().string());
    auto input = LoadInput(entry.path().string(), Limits{});
    ASSERT_TRUE(input) << input.error().ToString();
    CollectingSink one_part;
    ShardingSink two_parts;
    ParseContext one_context, two_context;
    two_context.split_results_from = 2;
    auto one = ReadSarif(*input, one_context, one_part);
    auto two = ReadSarif(*input, two_context, two_parts);
    ASSERT_EQ(one.has_value(), two.has_value());
    if (!one) {
      EXPECT_EQ(two.error().ToString(), one.error().ToString());
      continue;
    }
    split += two_parts.shards_given;
    EXPECT_EQ(two_context.warnings, one_context.warnings);
    ASSERT_EQ(two_parts.runs.size(), one_part.runs.size());
    for (size_t r = 0; r < one_part.runs.size(); ++r) {
      EXPECT_TRUE(two_parts.runs[r].findings == one_part.runs[r].findings) << "run " << r;
    }
  }
  EXPECT_GT(split, 40);  // most of the logs have a run of two results or more
}

TEST(SarifPartsTest, ResultsRecalledByTheirBytesReadAsTheirOwn) {
  // The current scan: every third result moved down three lines (its bytes
  // differ), one warning result as in the baseline.
  std::vector<std::string> baseline = Results({{7, "line zero"}});
  std::vector<std::string> current = baseline;
  int moved = 0;
  for (int i = 0; i < kResults; i += 3) {
    if (i == 7) continue;
    current[static_cast<size_t>(i)] = Result(i, 13 + i % 400);
    ++moved;
  }
  RememberingSink old_side;
  ASSERT_TRUE(ReadInto(Log(baseline), old_side).status);
  RememberingSink new_side(&old_side.memory);
  CollectingSink plain;
  Read recalled = ReadInto(Log(current), new_side);
  Read read = ReadInto(Log(current), plain);
  ASSERT_TRUE(recalled.status);
  ASSERT_TRUE(read.status);
  EXPECT_TRUE(Findings(new_side) == Findings(plain));
  // Every unmoved result but the one with a warning: read again, it warns again.
  EXPECT_EQ(new_side.recalled, kResults - moved - 1);
  EXPECT_EQ(recalled.warnings, read.warnings);
  ASSERT_EQ(recalled.warnings.size(), 1u);
  EXPECT_NE(recalled.warnings[0].find("startLine 0"), std::string::npos);
}

TEST(SarifPartsTest, TheSameBytesInAnotherRunContextAreReadAgain) {
  // Without a level of their own, results take their rule's: the same bytes
  // under other rules are another finding.
  std::map<int, std::string> no_level;
  for (int i = 0; i < kResults; ++i) no_level[i] = "no level";
  const std::vector<std::string> results = Results(no_level);
  RememberingSink old_side;
  ASSERT_TRUE(ReadInto(Log(results, "warning"), old_side).status);
  RememberingSink new_side(&old_side.memory);
  ASSERT_TRUE(ReadInto(Log(results, "error"), new_side).status);
  EXPECT_EQ(new_side.recalled, 0);
  EXPECT_EQ(Findings(old_side).front().severity, core::Severity::kMedium);
  EXPECT_EQ(Findings(new_side).front().severity, core::Severity::kHigh);

  RememberingSink same_rules(&old_side.memory);
  ASSERT_TRUE(ReadInto(Log(results, "warning"), same_rules).status);
  EXPECT_EQ(same_rules.recalled, kResults);
}

TEST(SarifPartsTest, AResultWithABaselineStateIsNotRemembered) {
  // Its layout must record where the state is, so it is always read.
  RememberingSink sink;
  ASSERT_TRUE(ReadInto(Log(Results({{3, "state"}})), sink).status);
  EXPECT_EQ(sink.memory.size(), static_cast<size_t>(kResults - 1));
}

}  // namespace
}  // namespace candor::ingest
