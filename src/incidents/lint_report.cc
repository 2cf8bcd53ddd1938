#include "incidents/lint_report.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "incidents/blame_rules.h"

namespace candor::incidents {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string Text(std::span<const LintProblem> problems, std::string_view path) {
  std::string out;
  for (const LintProblem& problem : problems) {
    out += fmt::format("{}:{}:{}: {}: {}\n  suggestion: {}\n", path, problem.at.line, problem.at.column,
                       problem.category, problem.message, problem.rewrite);
  }
  out += problems.empty()
             ? fmt::format("{}: no problems\n", path)
             : fmt::format("{}: {} problem{}\n", path, problems.size(), problems.size() == 1 ? "" : "s");
  return out;
}

std::string JsonReport(std::span<const LintProblem> problems, std::string_view path) {
  Json list = Json::array();
  for (const LintProblem& problem : problems) {
    list.push_back({{"line", problem.at.line},
                    {"column", problem.at.column},
                    {"category", problem.category},
                    {"message", problem.message},
                    {"suggestion", problem.rewrite}});
  }
  Json report = {{"file", path}, {"problem_count", problems.size()}, {"problems", std::move(list)}};
  return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string Sarif(std::span<const LintProblem> problems, std::string_view path) {
  // Rules are the categories used, in first-use order so indexes are stable.
  std::map<std::string, size_t> rule_index;
  Json rules = Json::array();
  Json results = Json::array();
  for (const LintProblem& problem : problems) {
    auto [it, added] = rule_index.emplace(problem.category, rules.size());
    if (added) {
      rules.push_back({{"id", problem.category},
                       {"shortDescription", {{"text", problem.category}}},
                       {"defaultConfiguration", {{"level", "warning"}}}});
    }
    results.push_back(
        {{"ruleId", problem.category},
         {"ruleIndex", it->second},
         {"level", "warning"},
         {"message", {{"text", problem.message + ". Suggestion: " + problem.rewrite}}},
         {"locations",
          Json::array(
              {{{"physicalLocation",
                 {{"artifactLocation", {{"uri", path}}},
                  {"region", {{"startLine", problem.at.line}, {"startColumn", problem.at.column}}}}}}})},
         {"properties", {{"suggestion", problem.rewrite}}}});
  }
  Json driver = {{"name", "candor-postmortem-lint"},
                 {"informationUri", "https://github.com/candor/candor/blob/main/docs/incidents.md"},
                 {"rules", std::move(rules)}};
  Json log = {
      {"$schema", kSchema},
      {"version", "2.1.0"},
      {"runs", Json::array({{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string RenderLint(std::span<const LintProblem> problems, std::string_view path, LintFormat format) {
  switch (format) {
    case LintFormat::kText: return Text(problems, path);
    case LintFormat::kJson: return JsonReport(problems, path);
    case LintFormat::kSarif: return Sarif(problems, path);
  }
  return {};
}

}  // namespace candor::incidents
