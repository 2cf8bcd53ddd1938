// candor summary: what the store holds, at a glance.

#include <fmt/format.h>

#include <array>
#include <map>

#include "cli/command.h"
#include "cli/options.h"
#include "store/store.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor summary
  candor summary --repo acme/payments --db sqlite:/var/lib/candor.db)EX";

constexpr std::array kCategories{core::Category::kSast, core::Category::kSca,       core::Category::kSecrets,
                                 core::Category::kIac,  core::Category::kContainer, core::Category::kDast,
                                 core::Category::kOther};

}  // namespace

int RunSummary(std::span<char* const> args) {
  CLI::App app{"Count recorded findings by severity, category and tool.", "summary"};
  app.footer(std::string(kExamples));
  std::string db_url;
  store::FindingFilter filter;
  AddDbOption(app, db_url);
  app.add_option("--repo", filter.repo, "Only this repository");
  if (auto exit = ParseArgs(app, args)) return *exit;

  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto findings = (*store)->QueryFindings(filter);
  if (!findings) return ReportError(findings.error());

  // counts[category][severity]
  std::array<std::array<size_t, 5>, kCategories.size()> counts{};
  std::map<std::string, size_t> by_tool;
  for (const auto& stored : *findings) {
    ++counts[static_cast<size_t>(stored.finding.category)][static_cast<size_t>(stored.finding.severity)];
    ++by_tool[stored.finding.tool];
  }
  fmt::print("{} finding{}{}\n\n", findings->size(), findings->size() == 1 ? "" : "s",
             filter.repo.empty() ? "" : " in " + filter.repo);
  fmt::print("{:<10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "", "critical", "high", "medium", "low", "info",
             "total");
  for (size_t c = 0; c < kCategories.size(); ++c) {
    const auto& row = counts[c];
    size_t total = row[0] + row[1] + row[2] + row[3] + row[4];
    if (total == 0) continue;
    fmt::print("{:<10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", core::ToString(kCategories[c]), row[4], row[3],
               row[2], row[1], row[0], total);
  }
  if (!by_tool.empty()) fmt::print("\nBy tool:\n");
  for (const auto& [tool, count] : by_tool)
    fmt::print("  {:<24} {:>8}\n", tool.empty() ? "(unnamed)" : tool, count);
  return 0;
}

}  // namespace candor::cli
