#include "match_scorer.h"

#include <simdjson.h>

#include <unordered_map>
#include <unordered_set>

namespace candor::bench {
namespace {

std::string OptionalString(simdjson::simdjson_result<simdjson::dom::element> field) {
  std::string_view value;
  if (field.get_string().get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// The DOM parser validates the whole document before anything is read.
std::expected<std::vector<TruthResult>, std::string> Parse(const simdjson::padded_string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  simdjson::dom::array runs;
  if (auto error = parser.parse(json).get(document); error != simdjson::SUCCESS) {
    return std::unexpected(std::string(simdjson::error_message(error)));
  }
  if (document["runs"].get_array().get(runs) != simdjson::SUCCESS) return std::unexpected("no runs array");
  std::vector<TruthResult> results;
  for (simdjson::dom::element run : runs) {
    simdjson::dom::array run_results;
    if (run["results"].get_array().get(run_results) != simdjson::SUCCESS) continue;
    for (simdjson::dom::element result : run_results) {
      results.push_back(
          {OptionalString(result["properties"]["benchTruthId"]), OptionalString(result["baselineState"])});
    }
  }
  return results;
}

}  // namespace

std::expected<std::vector<TruthResult>, std::string> ParseTruthResults(std::string_view json) {
  return Parse(simdjson::padded_string(json));
}

std::expected<std::vector<TruthResult>, std::string> ReadTruthResults(const std::string& path) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json) != simdjson::SUCCESS) {
    return std::unexpected("cannot read " + path);
  }
  auto results = Parse(json);
  if (!results) return std::unexpected(path + ": " + results.error());
  return results;
}

MatchScore ScoreMatch(const std::vector<TruthResult>& baseline, const std::vector<TruthResult>& current,
                      const std::vector<TruthResult>& output) {
  MatchScore score;
  // Current truth ids -> times the output gave them a present state.
  std::unordered_map<std::string_view, int> present;
  for (const TruthResult& result : current) present.emplace(result.truth_id, 0);
  // Fixed truth ids -> times the output reported them absent.
  std::unordered_map<std::string_view, int> fixed;
  for (const TruthResult& result : baseline) {
    if (!present.contains(result.truth_id)) fixed.emplace(result.truth_id, 0);
  }
  score.current = present.size();
  score.fixed = fixed.size();

  for (const TruthResult& result : output) {
    const std::string& state = result.baseline_state;
    bool introduced = result.truth_id.starts_with('N');
    if (state == "absent") {
      ++score.called_absent;
      if (auto it = fixed.find(result.truth_id); it != fixed.end()) {
        if (++it->second > 1) ++score.other;
      } else if (present.contains(result.truth_id) && !introduced) {
        ++score.present_called_absent;
      } else {
        ++score.other;
      }
      continue;
    }
    if (state == "new") {
      ++score.called_new;
    } else if (state == "unchanged") {
      ++score.called_unchanged;
    } else if (state == "updated") {
      ++score.called_updated;
    } else {  // no state, or an unknown one: one mistake, not a second one for a lost result
      if (auto it = present.find(result.truth_id); it != present.end()) ++it->second;
      ++score.other;
      continue;
    }
    auto it = present.find(result.truth_id);
    if (it == present.end() || ++it->second > 1) {
      ++score.other;
    } else if (state == "new" && !introduced) {
      ++score.existing_called_new;
    } else if (state != "new" && introduced) {
      ++score.introduced_missed;
    }
  }
  for (const auto& [id, seen] : present) score.other += seen == 0 ? 1 : 0;
  for (const auto& [id, reported] : fixed) score.fixed_missed += reported == 0 ? 1 : 0;
  return score;
}

}  // namespace candor::bench
