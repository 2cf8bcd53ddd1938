// The match pair generator: exact sizes, determinism, every kind of churn, and
// logs, trees and diff that agree with each other.

#include "match_pair_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "match_scorer.h"

namespace candor::bench {
namespace {

namespace fs = std::filesystem;

MatchPair Small(size_t results, size_t changed_files = 0) {
  return GenerateMatchPair(
      MatchPairShape{.results = results, .seed = 7, .changed_files = changed_files, .keep_trees = true});
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every region's snippet is the text of the tree at that region.
void ExpectSnippetsMatchTree(const std::string& sarif, const std::vector<SourceFileText>& tree) {
  std::map<std::string, std::vector<std::string>> files;
  for (const auto& file : tree) files[file.path] = Lines(file.text);
  auto log = nlohmann::json::parse(sarif);
  for (const auto& result : log["runs"][0]["results"]) {
    auto check = [&](const nlohmann::json& location) {
      const auto& physical = location["physicalLocation"];
      std::string uri = physical["artifactLocation"]["uri"];
      ASSERT_EQ(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
      ASSERT_TRUE(files.contains(uri)) << uri;
      const auto& lines = files[uri];
      const auto& region = physical["region"];
      int start = region["startLine"], end = region["endLine"];
      size_t column = region["startColumn"], end_column = region["endColumn"];
      ASSERT_LE(end, static_cast<int>(lines.size()));
      std::string text = lines[start - 1].substr(column - 1);
      for (int l = start + 1; l <= end; ++l) text += "\n" + lines[l - 1];
      EXPECT_EQ(region["snippet"]["text"], text) << uri << ":" << start;
      EXPECT_EQ(end_column, lines[end - 1].size() + 1);
    };
    check(result["locations"][0]);
    if (result.contains("relatedLocations")) check(result["relatedLocations"][0]);
  }
}

TEST(MatchPairGenerator, BaselineHasExactlyTheResultsAskedForWithUniqueTruthIds) {
  MatchPair pair = Small(2'000);
  auto baseline = ParseTruthResults(pair.baseline_sarif);
  auto current = ParseTruthResults(pair.current_sarif);
  ASSERT_TRUE(baseline && current);
  EXPECT_EQ(baseline->size(), 2'000u);
  EXPECT_EQ(current->size(), pair.stats.current);
  std::set<std::string> base_ids, current_ids;
  for (const auto& r : *baseline) {
    EXPECT_TRUE(r.truth_id.starts_with('B')) << r.truth_id;
    base_ids.insert(r.truth_id);
  }
  size_t continued = 0;
  for (const auto& r : *current) {
    current_ids.insert(r.truth_id);
    continued += base_ids.contains(r.truth_id) ? 1 : 0;
    if (!base_ids.contains(r.truth_id)) EXPECT_TRUE(r.truth_id.starts_with('N')) << r.truth_id;
  }
  EXPECT_EQ(base_ids.size(), baseline->size());
  EXPECT_EQ(current_ids.size(), current->size());
  EXPECT_EQ(continued, pair.stats.continued);
  EXPECT_EQ(pair.stats.baseline, pair.stats.continued + pair.stats.fixed);
  EXPECT_EQ(pair.stats.current, pair.stats.continued + pair.stats.introduced);
}

TEST(MatchPairGenerator, IsDeterministicForASeed) {
  MatchPair a = GenerateMatchPair({.results = 500, .seed = 3});
  MatchPair b = GenerateMatchPair({.results = 500, .seed = 3});
  MatchPair c = GenerateMatchPair({.results = 500, .seed = 4});
  EXPECT_EQ(a.baseline_sarif, b.baseline_sarif);
  EXPECT_EQ(a.current_sarif, b.current_sarif);
  EXPECT_EQ(a.diff, b.diff);
  EXPECT_NE(a.current_sarif, c.current_sarif);
}

TEST(MatchPairGenerator, ModelsEveryKindOfChurn) {
  MatchPair pair = Small(10'000);
  const auto& s = pair.stats;
  EXPECT_GT(s.moved, s.baseline / 20);
  EXPECT_GT(s.renamed, 0u);
  EXPECT_GT(s.message_changed, 0u);
  EXPECT_GT(s.fixed, 0u);
  EXPECT_GT(s.introduced, 0u);
  EXPECT_GT(s.introduced_copies, 0u);
  EXPECT_GT(s.fingerprinted, 0u);
  EXPECT_LT(s.fingerprinted, s.baseline / 3) << "most results carry no fingerprints";
  EXPECT_NE(pair.baseline_sarif.find("relatedLocations"), std::string::npos);
  EXPECT_EQ(pair.baseline_sarif.find("\"fingerprints\""), std::string::npos);
}

TEST(MatchPairGenerator, RepeatsIdenticalFlaggedCodeInAFile) {
  auto log = nlohmann::json::parse(Small(5'000).baseline_sarif);
  std::map<std::string, int> seen;  // uri + rule + snippet
  int repeated = 0;
  for (const auto& result : log["runs"][0]["results"]) {
    const auto& physical = result["locations"][0]["physicalLocation"];
    std::string key = physical["artifactLocation"]["uri"].get<std::string>() + "|" +
                      result["ruleId"].get<std::string>() + "|" +
                      physical["region"]["snippet"]["text"].get<std::string>();
    if (++seen[key] == 2) ++repeated;
  }
  EXPECT_GT(repeated, 50);
}

TEST(MatchPairGenerator, SnippetsAndLinesAgreeWithTheSourceTrees) {
  MatchPair pair = Small(3'000);
  ExpectSnippetsMatchTree(pair.baseline_sarif, pair.baseline_tree);
  ExpectSnippetsMatchTree(pair.current_sarif, pair.current_tree);
}

TEST(MatchPairGenerator, TypicalPullRequestChangesExactlyTheFilesAskedFor) {
  MatchPair pair = Small(5'000, 20);
  EXPECT_EQ(pair.stats.baseline, 5'000u);
  EXPECT_EQ(pair.stats.changed_files, 20u);
  size_t headers = 0;
  for (size_t at = pair.diff.find("diff --git "); at != std::string::npos;
       at = pair.diff.find("diff --git ", at + 1)) {
    ++headers;
  }
  EXPECT_EQ(headers, 20u);
  EXPECT_NE(pair.diff.find("rename from "), std::string::npos);
  EXPECT_NE(pair.diff.find("new file mode 100644"), std::string::npos);
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    EXPECT_EQ(GenerateMatchPair({.results = 5'000, .seed = seed, .changed_files = 20}).stats.changed_files,
              20u)
        << "seed " << seed;
  }
}

// git apply turns the baseline tree into the current one: the diff describes
// exactly the lines inserted and deleted.
void ExpectDiffApplies(const MatchPair& pair, const std::string& name) {
  if (std::system("git --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "git not installed";
  fs::path dir = fs::temp_directory_path() / ("candor_match_pair_" + name + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto write = [](const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  };
  for (const auto& file : pair.baseline_tree) write(dir / "tree" / file.path, file.text);
  write(dir / "change.diff", pair.diff);
  std::string command =
      "cd '" + (dir / "tree").string() + "' && git apply --whitespace=nowarn ../change.diff";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::set<std::string> expected;
  for (const auto& file : pair.current_tree) {
    expected.insert(file.path);
    std::ifstream in(dir / "tree" / file.path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, file.text) << file.path;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir / "tree")) {
    if (entry.is_regular_file()) {
      EXPECT_TRUE(expected.contains(fs::relative(entry.path(), dir / "tree").string())) << entry.path();
    }
  }
  fs::remove_all(dir);
}

TEST(MatchPairGenerator, DiffOfAPullRequestAppliesToTheBaselineTree) {
  ExpectDiffApplies(Small(5'000, 20), "pr");
}

TEST(MatchPairGenerator, DiffOfWideChurnAppliesToTheBaselineTree) {
  ExpectDiffApplies(Small(2'000), "wide");
}

}  // namespace
}  // namespace candor::bench
