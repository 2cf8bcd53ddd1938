#include "incidents/postmortem_ingest.h"

#include <gtest/gtest.h>

#include "incidents/postmortem_lint.h"
#include "incidents/postmortem_template.h"

namespace candor::incidents {
namespace {

const std::string kTable =
    "## Action items\n\n| Kind | Title | Due | Owning team | Owner |\n|---|---|---|---|---|\n"
    "| systemic | Lock check in CI | 2026-12-15 | platform | Priya |\n"
    "| patch | Alert on lock wait \\| 5 s | 2026-12-01 | database | |\n";

TEST(PostmortemIngestTest, ReadsItemsWhateverTheColumnOrder) {
  auto plan = PlanIngest("<!-- candor:incident 7 -->\n" + kTable, "pm.md", std::nullopt);
  ASSERT_TRUE(plan) << plan.error().ToString();
  EXPECT_EQ(plan->incident_id, 7);
  ASSERT_EQ(plan->items.size(), 2u);
  EXPECT_EQ(plan->items[0].title, "Lock check in CI");
  EXPECT_EQ(plan->items[0].owner_team, "platform");
  EXPECT_EQ(plan->items[0].owner_person, "Priya");
  EXPECT_EQ(plan->items[0].kind, store::ActionKind::kSystemic);
  EXPECT_EQ(plan->items[1].title, "Alert on lock wait \\| 5 s");
  EXPECT_EQ(plan->items[1].due, "2026-12-01");
  EXPECT_FALSE(plan->digest.empty());
}

TEST(PostmortemIngestTest, RefusesWithoutIncidentOrTable) {
  auto no_marker = PlanIngest(kTable, "pm.md", std::nullopt);
  ASSERT_FALSE(no_marker);
  EXPECT_EQ(no_marker.error().where, "pm.md");
  EXPECT_TRUE(PlanIngest(kTable, "pm.md", 3));
  auto no_table = PlanIngest("<!-- candor:incident 7 -->\n## Action items\n\nNone.\n", "pm.md", std::nullopt);
  ASSERT_FALSE(no_table);
  EXPECT_EQ(no_table.error().code, core::ErrorCode::kInvalidInput);
}

TEST(PostmortemIngestTest, RefusesAnItemWithoutTeamNamingTheCell) {
  std::string text =
      "<!-- candor:incident 7 -->\n## Action items\n\n| Title | Owning team | Due | Kind |\n"
      "|---|---|---|---|\n| Lock check | | 2026-12-15 | systemic |\n";
  auto plan = PlanIngest(text, "pm.md", std::nullopt);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().where, "pm.md:6:15");
}

TEST(PostmortemTemplateTest, TemplateHasEverySectionAndItsIncidentMarker) {
  store::IncidentRecord incident;
  incident.id = 12;
  incident.title = "Checkout | errors";
  incident.severity = 2;
  incident.services = {"payments"};
  incident.opened_at = "2026-11-01T14:00:00Z";
  std::vector<store::TimelineEntry> timeline = {
      {1, 12, "2026-11-01T14:05:00Z", "error rate 12%", "paged DB team", std::nullopt, ""},
      {2, 12, "2026-11-01T14:05:00Z", "error rate was 14%", "", 1, ""}};
  std::string text =
      RenderPostmortemTemplate(incident, {{store::IncidentRole::kCommander, "Alice", ""}}, timeline);
  EXPECT_EQ(IncidentMarker(text), 12);
  EXPECT_NE(text.find("- 2026-11-01T14:05:00Z error rate was 14% (corrects entry 1)\n"), std::string::npos)
      << text;
  auto problems = LintPostmortem(text, "pm.md", Roster{});
  ASSERT_TRUE(problems);
  for (const LintProblem& problem : *problems) {
    EXPECT_NE(problem.category, "completeness/missing-section") << problem.message;
    EXPECT_FALSE(problem.category.starts_with("blame/")) << problem.message;
  }
}

TEST(PostmortemTemplateTest, MarkerMustHoldAPositiveNumber) {
  EXPECT_EQ(IncidentMarker("no marker"), std::nullopt);
  EXPECT_EQ(IncidentMarker("<!-- candor:incident x -->"), std::nullopt);
  EXPECT_EQ(IncidentMarker("<!-- candor:incident 0 -->"), std::nullopt);
  EXPECT_EQ(IncidentMarker("<!-- candor:incident 99999999999999999999999 -->"), std::nullopt);
}

}  // namespace
}  // namespace candor::incidents
