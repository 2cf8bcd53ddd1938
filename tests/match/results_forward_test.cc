// candor match's contract on real SARIF logs (tests/data/sarif, see
// tests/data/SOURCES.md): baselineState on every result, absent results
// appended, every other field kept.

#include "match/results_forward.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "ingest/input.h"

namespace candor::match {
namespace {

using Json = nlohmann::json;

std::string DataPath(const std::string& relative) {
  return std::string(CANDOR_TEST_DATA) + "/sarif/" + relative;
}

ingest::InputBuffer Load(const std::string& relative) {
  auto input = ingest::LoadInput(DataPath(relative), ingest::Limits{});
  EXPECT_TRUE(input) << input.error().ToString();
  return input ? std::move(*input) : ingest::InputBuffer();
}

ingest::InputBuffer FromJson(const std::string& name, const Json& json) {
  return ingest::InputBuffer(name, json.dump());
}

Json Forward(const ingest::InputBuffer& baseline, const ingest::InputBuffer& current,
             ForwardedLog* log = nullptr) {
  auto forwarded = MatchResultsForward(baseline, current, ingest::Limits{});
  EXPECT_TRUE(forwarded) << forwarded.error().ToString();
  if (!forwarded) return {};
  std::string text = ForwardedText(*forwarded, current.bytes());
  if (log != nullptr) *log = std::move(*forwarded);
  Json json = Json::parse(text, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON: " << text.substr(0, 200);
  return json;
}

Json WithoutStates(Json log) {
  for (Json& run : log["runs"]) {
    if (!run.contains("results") || !run["results"].is_array()) continue;
    for (Json& result : run["results"]) result.erase("baselineState");
  }
  return log;
}

const char* const kLogs[] = {
    "codeql/codeql-action_valid-sarif.sarif",
    "codeql/defectdojo_codeQL-output.sarif",
    "semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif",
    "trivy/trivy_alpine-310.sarif",
    "gitleaks/defectdojo_gitleaks_7.5.0.sarif",
};

TEST(ResultsForwardTest, ALogAgainstItselfIsUnchangedAndOtherwiseIdentical) {
  for (const char* file : kLogs) {
    SCOPED_TRACE(file);
    auto input = Load(file);
    if (input.bytes().empty()) continue;
    ForwardedLog log;
    Json out = Forward(input, input, &log);
    EXPECT_EQ(log.new_count + log.updated + log.absent, 0u);
    for (const Json& run : out["runs"]) {
      if (!run.contains("results") || !run["results"].is_array()) continue;
      for (const Json& result : run["results"]) EXPECT_EQ(result.value("baselineState", ""), "unchanged");
    }
    EXPECT_EQ(WithoutStates(out), Json::parse(input.bytes()));
  }
}

TEST(ResultsForwardTest, DroppedResultIsAppendedAbsentAndAddedOneIsNew) {
  auto input = Load("codeql/codeql-action_valid-sarif.sarif");
  Json log = Json::parse(input.bytes());
  Json& results = log["runs"][1]["results"];
  ASSERT_GE(results.size(), 2u);
  Json baseline = log;
  Json current = log;
  Json dropped = current["runs"][1]["results"][0];
  current["runs"][1]["results"].erase(0);
  Json added = dropped;
  added["ruleId"] = "a/brand/new-rule";
  added.erase("ruleIndex");
  added["message"]["text"] = "something new";
  added.erase("partialFingerprints");
  added.erase("fingerprints");
  current["runs"][1]["results"].push_back(added);

  ForwardedLog forwarded;
  Json out = Forward(FromJson("base.sarif", baseline), FromJson("cur.sarif", current), &forwarded);
  EXPECT_EQ(forwarded.absent, 1u);
  EXPECT_EQ(forwarded.new_count, 1u);
  const Json& out_results = out["runs"][1]["results"];
  ASSERT_EQ(out_results.size(), current["runs"][1]["results"].size() + 1);
  EXPECT_EQ(out_results.back()["baselineState"], "absent");
  EXPECT_EQ(out_results.back()["message"], dropped["message"]);
  EXPECT_EQ(out_results[out_results.size() - 2]["baselineState"], "new");
}

// The baseline's ruleIndex points into the baseline's rules; in the current
// run the same index may be another rule, so the appended result is re-pointed.
// The absent results are made on another thread while the log is written:
// each run gets its own, after its results, whatever the number of runs.
TEST(ResultsForwardTest, EachRunGetsItsAbsentResultsAfterItsOwn) {
  auto run = [](const std::string& tool, Json results) {
    return Json{{"tool", {{"driver", {{"name", tool}}}}}, {"results", std::move(results)}};
  };
  auto result = [](const std::string& rule, int line) {
    return Json{{"ruleId", rule},
                {"message", {{"text", "finding " + rule}}},
                {"locations", Json::array({{{"physicalLocation",
                                             {{"artifactLocation", {{"uri", "src/" + rule + ".c"}}},
                                              {"region", {{"startLine", line}}}}}}})}};
  };
  auto log = [](Json runs) { return Json{{"version", "2.1.0"}, {"runs", std::move(runs)}}; };
  Json baseline =
      log(Json::array({run("a", Json::array({result("A1", 1), result("A2", 2)})),
                       run("b", Json::array({result("B1", 1), result("B2", 2), result("B3", 3)}))}));
  Json current =
      log(Json::array({run("a", Json::array({result("A1", 1)})), run("b", Json::array({result("B2", 2)}))}));
  ForwardedLog forwarded;
  Json out = Forward(FromJson("b.sarif", baseline), FromJson("c.sarif", current), &forwarded);
  EXPECT_EQ(forwarded.absent, 3u);
  ASSERT_EQ(out["runs"].size(), 2u);
  std::vector<std::string> a, b;
  for (const Json& r : out["runs"][0]["results"])
    a.push_back(r["ruleId"].get<std::string>() + ":" + r["baselineState"].get<std::string>());
  for (const Json& r : out["runs"][1]["results"])
    b.push_back(r["ruleId"].get<std::string>() + ":" + r["baselineState"].get<std::string>());
  EXPECT_EQ(a, (std::vector<std::string>{"A1:unchanged", "A2:absent"}));
  EXPECT_EQ(b, (std::vector<std::string>{"B2:unchanged", "B1:absent", "B3:absent"}));

  // A write that fails stops the writing (and waits for nothing more).
  const ingest::InputBuffer current_input = FromJson("c.sarif", current);
  auto again = MatchResultsForward(FromJson("b.sarif", baseline), current_input, ingest::Limits{});
  ASSERT_TRUE(again) << again.error().ToString();
  size_t pieces = 0;
  EXPECT_FALSE(WriteForwarded(*again, current_input.bytes(), [&](std::string_view) { return ++pieces < 3; }));
  EXPECT_EQ(pieces, 3u);
}

TEST(ResultsForwardTest, AbsentResultsRuleIndexFollowsTheCurrentRules) {
  Json rules = Json::array({{{"id", "R1"}}, {{"id", "R2"}}});
  auto log = [&](Json rule_list, Json results) {
    return Json{{"version", "2.1.0"},
                {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"runs", Json::array({{{"tool", {{"driver", {{"name", "t"}, {"rules", rule_list}}}}},
                                       {"results", results}}})}};
  };
  Json old_result = {{"ruleIndex", 1}, {"message", {{"text", "in R2"}}}};
  Json baseline = log(rules, Json::array({old_result}));
  Json current = log(Json::array({{{"id", "R2"}}, {{"id", "R9"}}}), Json::array());
  Json out = Forward(FromJson("b.sarif", baseline), FromJson("c.sarif", current));
  const Json& appended = out["runs"][0]["results"][0];
  EXPECT_EQ(appended["baselineState"], "absent");
  EXPECT_EQ(appended["ruleIndex"], 0);
  EXPECT_EQ(appended["ruleId"], "R2");
}

TEST(ResultsForwardTest, RunWithoutResultsGetsTheAbsentOnes) {
  Json driver = {{"driver", {{"name", "t"}}}};
  Json baseline = {
      {"version", "2.1.0"},
      {"runs",
       Json::array({{{"tool", driver},
                     {"results", Json::array({{{"ruleId", "X"}, {"message", {{"text", "gone"}}}}})}}})}};
  for (bool null_results : {false, true}) {
    Json current = {{"version", "2.1.0"}, {"runs", Json::array({{{"tool", driver}}})}};
    if (null_results) current["runs"][0]["results"] = nullptr;
    Json out = Forward(FromJson("b.sarif", baseline), FromJson("c.sarif", current));
    ASSERT_TRUE(out["runs"][0]["results"].is_array()) << out.dump();
    EXPECT_EQ(out["runs"][0]["results"][0]["baselineState"], "absent");
  }
}

TEST(ResultsForwardTest, ExistingBaselineStatesAreReplaced) {
  auto input = Load("edge-cases/sarif-sdk_BaselineOption_TEST1006_UpdatedResults.sarif");
  Json out = Forward(input, input);
  size_t results = 0;
  for (const Json& run : out["runs"]) {
    for (const Json& result : run.value("results", Json::array())) {
      ++results;
      EXPECT_EQ(result["baselineState"], "unchanged");
    }
  }
  EXPECT_GT(results, 0u);
}

// The state goes in right after the result's brace, with a comma only
// when a field follows, whatever whitespace the tool wrote there.
TEST(ResultsForwardTest, StateIsInsertedIntoResultsOfAnyShape) {
  const std::string log = R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[)"
                          R"({ },{
},{}, {  "ruleId":"r1","message":{"text":"a"}},{"ruleId":"r2","message":{"text":"b"}}]}]})";
  ingest::InputBuffer input("log.sarif", log);
  auto forwarded = MatchResultsForward(input, input, ingest::Limits{});
  ASSERT_TRUE(forwarded) << forwarded.error().ToString();
  Json out = Json::parse(ForwardedText(*forwarded, input.bytes()), nullptr, false);
  ASSERT_FALSE(out.is_discarded()) << ForwardedText(*forwarded, input.bytes());
  const Json& results = out["runs"][0]["results"];
  ASSERT_EQ(results.size(), 5u);
  for (const Json& result : results) EXPECT_EQ(result["baselineState"], "unchanged") << result;
  EXPECT_EQ(results[3]["ruleId"], "r1");
  EXPECT_EQ(results[0].size(), 1u);
}

TEST(ResultsForwardTest, BrokenInputIsRefusedNamingTheFile) {
  auto good = Load("codeql/codeql-action_valid-sarif.sarif");
  ingest::InputBuffer broken("broken.sarif", R"({"version":"2.1.0","runs":[{"tool":)");
  auto forwarded = MatchResultsForward(broken, good, ingest::Limits{});
  ASSERT_FALSE(forwarded);
  EXPECT_EQ(forwarded.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(forwarded.error().ToString().find("broken.sarif"), std::string::npos);
  forwarded = MatchResultsForward(good, broken, ingest::Limits{});
  ASSERT_FALSE(forwarded);
  EXPECT_NE(forwarded.error().ToString().find("broken.sarif"), std::string::npos);
}

// The syntax check runs beside the reader: a fault in a part the reader
// skips (a bad literal in a property no one reads, invalid UTF-8 in a rule's
// help) still refuses the log, with the check's position.
TEST(ResultsForwardTest, FaultsInPartsTheReaderSkipsAreRefused) {
  auto good = Load("codeql/codeql-action_valid-sarif.sarif");
  std::string text(good.bytes());
  const std::string bad_literal = text.substr(0, text.size() - 1) + ",\"x-extra\":{\"a\":tru}}";
  std::string bad_utf8 = text;
  bad_utf8.insert(bad_utf8.find("\"version\""), "\"x-note\":\"\xC3\x28\",");
  for (const std::string& broken : {bad_literal, bad_utf8}) {
    ingest::InputBuffer current("broken.sarif", broken);
    auto forwarded = MatchResultsForward(good, current, ingest::Limits{});
    ASSERT_FALSE(forwarded) << broken.substr(0, 80);
    EXPECT_EQ(forwarded.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(forwarded.error().ToString().find("broken.sarif: byte "), std::string::npos)
        << forwarded.error().ToString();
  }
}

// Large logs are read on both cores, and most current results are taken
// from the baseline's by their bytes: the states are those of each result.
TEST(ResultsForwardTest, LargeLogsMatchResultByResult) {
  auto result = [](int i, int shift) {
    Json region = {{"startLine", 5 + (i % 25) * 10 + shift},
                   {"snippet", {{"text", "call(arg_" + std::to_string(i) + ")"}}}};
    Json location = {
        {"physicalLocation",
         {{"artifactLocation", {{"uri", "src/mod_" + std::to_string(i / 25) + ".py"}}}, {"region", region}}}};
    return Json{{"ruleId", "rule." + std::to_string(i % 9)},
                {"level", "warning"},
                {"message", {{"text", "Unsafe call in handler " + std::to_string(i % 17)}}},
                {"locations", Json::array({location})}};
  };
  auto log = [](Json results) {
    return Json{
        {"version", "2.1.0"},
        {"runs", {{{"tool", {{"driver", {{"name", "Semgrep OSS"}}}}}, {"results", std::move(results)}}}}};
  };
  constexpr int kCount = 6000;
  Json baseline = Json::array(), current = Json::array();
  for (int i = 0; i < kCount; ++i) {
    baseline.push_back(result(i, 0));
    if (i >= 3000 && i < 3010) continue;                  // fixed
    current.push_back(result(i, i / 25 == 200 ? 3 : 0));  // one file's code moved down
  }
  for (int i = 0; i < 10; ++i) current.push_back(result(kCount + 25 * i, 0));  // introduced, in new files

  ForwardedLog forwarded;
  Json out = Forward(FromJson("base.sarif", log(baseline)), FromJson("cur.sarif", log(current)), &forwarded);
  EXPECT_EQ(forwarded.absent, 10u);
  EXPECT_EQ(forwarded.new_count, 10u);
  EXPECT_EQ(forwarded.unchanged + forwarded.updated, static_cast<size_t>(kCount - 10));
  const Json& results = out["runs"][0]["results"];
  ASSERT_EQ(results.size(), static_cast<size_t>(kCount + 10));
  for (size_t i = 0; i < results.size(); ++i) {
    const std::string expected = i < kCount - 10 ? "unchanged" : i < kCount ? "new" : "absent";
    ASSERT_EQ(results[i].value("baselineState", ""), expected) << "result " << i;
  }
}

// A baseline and a current log (one result dropped, one added, one moved)
// written to files, with a BOM on the baseline so offsets into the file differ
// from offsets into its text.
struct FilePair {
  std::string baseline, current;
  std::string baseline_text, current_text;
};
FilePair WriteFilePair(const std::string& name) {
  auto input = Load("semgrep/defectdojo_semgrepowasp-benchmark-sample.sarif");
  Json log = Json::parse(input.bytes());
  Json current = log;
  Json& results = current["runs"][0]["results"];
  results.erase(0);
  results.erase(5);
  Json added = log["runs"][0]["results"][1];
  added["ruleId"] = "a/brand/new-rule";
  added.erase("ruleIndex");
  results.push_back(added);
  namespace fs = std::filesystem;
  FilePair pair{(fs::temp_directory_path() / (name + ".baseline.sarif")).string(),
                (fs::temp_directory_path() / (name + ".current.sarif")).string(), log.dump(2),
                current.dump()};
  std::ofstream(pair.baseline, std::ios::binary) << "\xEF\xBB\xBF" << pair.baseline_text;
  std::ofstream(pair.current, std::ios::binary) << pair.current_text;
  return pair;
}

// The pair's output with both logs in memory, to compare the files' with.
std::string ForwardedFromBuffers(const FilePair& pair) {
  auto forwarded = MatchResultsForward(ingest::InputBuffer("b", pair.baseline_text),
                                       ingest::InputBuffer("c", pair.current_text), ingest::Limits{});
  EXPECT_TRUE(forwarded) << forwarded.error().ToString();
  return forwarded ? ForwardedText(*forwarded, pair.current_text) : std::string();
}

// A named pipe at `path` (replacing whatever was there).
std::string NewFifo(const std::string& path) {
  std::filesystem::remove(path);
  EXPECT_EQ(mkfifo(path.c_str(), 0600), 0) << path;
  return path;
}

// From files, the baseline's text is let go and its absent results read
// again: the output is the same as with both logs in memory.
TEST(ResultsForwardTest, FilesGiveTheSameOutputAsBuffers) {
  FilePair pair = WriteFilePair("candor_forward_files");
  auto from_files = MatchFilesForward(pair.baseline, pair.current, ingest::Limits{});
  ASSERT_TRUE(from_files) << from_files.error().ToString();
  EXPECT_EQ(from_files->log.absent, 2u);
  EXPECT_EQ(ForwardedText(from_files->log, from_files->current.bytes()), ForwardedFromBuffers(pair));
}

// A baseline from a pipe (`candor match <(git show main:scan.sarif) ...`)
// cannot be read twice: it is kept, and its absent results come out right.
TEST(ResultsForwardTest, BaselineFromAPipeIsKept) {
  FilePair pair = WriteFilePair("candor_forward_pipe");
  const std::string fifo = NewFifo(pair.baseline + ".fifo");
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << pair.baseline_text; });
  auto forwarded = MatchFilesForward(fifo, pair.current, ingest::Limits{});
  writer.join();
  std::filesystem::remove(fifo);
  ASSERT_TRUE(forwarded) << forwarded.error().ToString();
  EXPECT_EQ(forwarded->log.absent, 2u);
  EXPECT_EQ(ForwardedText(forwarded->log, forwarded->current.bytes()), ForwardedFromBuffers(pair));
}

// The baseline file edited after it was read, before its absent results are
// read again: an error naming it, never another file's bytes in the output.
// The edit waits for the baseline to be closed after its first reading
// (inotify), and the current log, through a named pipe, comes only after the
// edit, so matching (and the reading back) waits for it. The test keeps the
// baseline open for writing meanwhile, as a scanner still writing it would:
// then it is read, not mapped under a lease (ingest/input.h), which would
// make the edit wait until candor match has let the baseline go.
TEST(ResultsForwardTest, BaselineChangedWhileMatchingIsAnError) {
  FilePair pair = WriteFilePair("candor_forward_changed");
  const int still_writing = open(pair.baseline.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(still_writing, 0);
  const std::string fifo = NewFifo(pair.current + ".fifo");
  const int watch = inotify_init1(IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  ASSERT_GE(inotify_add_watch(watch, pair.baseline.c_str(), IN_CLOSE_NOWRITE), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);  // opens once MatchFilesForward opens the pipe
    alignas(inotify_event) char event[sizeof(inotify_event) + NAME_MAX + 1];
    while (read(watch, event, sizeof event) < 0 && errno == EINTR) {
    }
    std::string edited = pair.baseline_text;
    for (char& c : edited) {
      if (c == 'a') c = 'b';
    }
    std::ofstream(pair.baseline, std::ios::binary) << "\xEF\xBB\xBF" << edited;
    out << pair.current_text;
  });
  auto forwarded = MatchFilesForward(pair.baseline, fifo, ingest::Limits{});
  writer.join();
  close(still_writing);
  close(watch);
  std::filesystem::remove(fifo);
  ASSERT_FALSE(forwarded);
  EXPECT_EQ(forwarded.error().code, core::ErrorCode::kIo);
  EXPECT_NE(forwarded.error().ToString().find(pair.baseline), std::string::npos)
      << forwarded.error().ToString();
  EXPECT_NE(forwarded.error().ToString().find("changed"), std::string::npos);
}

}  // namespace
}  // namespace candor::match
