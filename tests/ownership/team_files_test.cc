// service.yaml, team rosters and the owning team of a path, on the example
// service's real files (examples/payments-service) and hand-made bad ones.
#include <gtest/gtest.h>

#include <string>

#include "ownership/owner_resolver.h"
#include "ownership/roster.h"
#include "ownership/service_file.h"

namespace candor::ownership {
namespace {

const std::string kExample = std::string(CANDOR_TEST_DATA) + "/../../examples/payments-service";

core::Error RosterError(const std::string& yaml) {
  auto roster = ParseRoster(yaml, "teams.yaml");
  EXPECT_FALSE(roster) << yaml;
  return roster ? core::Error{} : roster.error();
}

TEST(ServiceFileTest, ReadsTheExampleService) {
  auto service = LoadServiceFile(kExample + "/.candor/service.yaml");
  ASSERT_TRUE(service) << service.error().ToString();
  EXPECT_EQ(service->name, "payments-api");
  EXPECT_EQ(service->team, "payments");
  EXPECT_EQ(service->tier, "tier-1");
  EXPECT_EQ(service->data_class, "restricted");
  EXPECT_EQ(service->champion, "Sam Okafor");
  EXPECT_EQ(service->security_partner, "Ines Duarte");
  EXPECT_EQ(service->repo, "example/payments");
}

TEST(ServiceFileTest, RefusesUnknownKeysAndMissingTeam) {
  auto typo = ParseServiceFile("service: a\nteam: b\ntier: 1\ndata_clasification: x\n", "service.yaml");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().where, "service.yaml:4:1");
  EXPECT_NE(typo.error().message.find("did you mean 'data_classification'"), std::string::npos);
  auto no_team = ParseServiceFile("service: a\n", "service.yaml");
  ASSERT_FALSE(no_team);
  EXPECT_NE(no_team.error().message.find("needs 'team'"), std::string::npos);
  EXPECT_FALSE(ParseServiceFile("service: [a, b]\nteam: x\n", "service.yaml"));
  EXPECT_FALSE(ParseServiceFile("service: a\nteam: b\n---\nservice: c\n", "service.yaml"));
}

TEST(RosterTest, ReadsTheExampleRoster) {
  auto roster = LoadRoster(kExample + "/.candor/teams.yaml");
  ASSERT_TRUE(roster) << roster.error().ToString();
  ASSERT_EQ(roster->size(), 3u);
  EXPECT_EQ((*roster)[0].name, "payments");
  EXPECT_EQ((*roster)[0].channel, "#payments");
  EXPECT_EQ((*roster)[0].parents, std::vector<std::string>{"commerce"});
  EXPECT_EQ(TeamOfOwner(*roster, "@dana"), "payments");
  EXPECT_EQ(TeamOfOwner(*roster, "@ROSA"), "platform");  // handles are case-insensitive on GitHub
  EXPECT_EQ(TeamOfOwner(*roster, "@acme/platform"), "platform");
  EXPECT_EQ(TeamOfOwner(*roster, "@acme/search"), "search");  // a team handle names its team
  EXPECT_EQ(TeamOfOwner(*roster, "@stranger"), "");           // a person in no team
  EXPECT_EQ(TeamOfOwner(*roster, "someone@example.com"), "");
}

TEST(RosterTest, RefusesCyclesUnknownParentsAndDuplicates) {
  core::Error cycle = RosterError("teams:\n  a: {parents: [b]}\n  b: {parents: [c]}\n  c: {parents: [a]}\n");
  EXPECT_NE(cycle.message.find("teams nest in a cycle: a -> b -> c -> a"), std::string::npos)
      << cycle.message;
  EXPECT_EQ(cycle.where, "teams.yaml:2:17");
  core::Error self = RosterError("teams:\n  a: {parents: [a]}\n");
  EXPECT_NE(self.message.find("a -> a"), std::string::npos);
  core::Error unknown = RosterError("teams:\n  a: {parents: [nobody]}\n");
  EXPECT_NE(unknown.message.find("parent 'nobody' of team 'a' is not a team"), std::string::npos);
  core::Error twice = RosterError("teams:\n  a: {members: ['@x', '@x']}\n");
  EXPECT_NE(twice.message.find("listed twice"), std::string::npos);
  core::Error key = RosterError("teams:\n  a: {member: ['@x']}\n");
  EXPECT_NE(key.message.find("did you mean 'members'"), std::string::npos);
  EXPECT_TRUE(ParseRoster("teams:\n  a:\n  b: {parents: a}\n", "teams.yaml"));  // a team with no roster yet
}

TEST(OwnerResolverTest, CodeownersThenServiceTeamAndGapsStayGaps) {
  auto loaded = LoadOwnership({kExample, "", "", ""}, {});
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  OwnerResolver& owners = loaded->resolver;
  EXPECT_TRUE(owners.configured());
  EXPECT_EQ(owners.TeamOf("bad/libuser.py"), "payments");     // "* @acme/payments"
  EXPECT_EQ(owners.TeamOf("tools/scan.sh"), "platform");      // "/tools/ @acme/platform"
  EXPECT_EQ(owners.TeamOf("conf/aws.tf"), "platform");        // first owner that is a team wins
  EXPECT_EQ(owners.TeamOf("package-lock.json"), "payments");  // @dana, through the roster
  EXPECT_EQ(owners.TeamOf("one/one.py"), "");                 // "/one/" with no owners: a gap
  EXPECT_EQ(owners.TeamOf(""), "payments");                   // no path (a dependency): the service's team
  ASSERT_TRUE(loaded->service);
  EXPECT_EQ(loaded->service->tier, "tier-1");
}

TEST(OwnerResolverTest, WithoutCodeownersTheServiceOwnsEverything) {
  OwnerResolver owners(std::nullopt, {}, "payments");
  EXPECT_EQ(owners.TeamOf("any/path.py"), "payments");
  OwnerResolver nobody;
  EXPECT_FALSE(nobody.configured());
  EXPECT_EQ(nobody.TeamOf("any/path.py"), "");
}

TEST(OwnerResolverTest, ANamedFileThatIsMissingOrBrokenIsAnError) {
  EXPECT_EQ(LoadOwnership({kExample, "", "/nonexistent/service.yaml", ""}, {}).error().code,
            core::ErrorCode::kNotFound);
  EXPECT_FALSE(
      LoadOwnership({kExample, kExample + "/.candor/teams.yaml", "", ""}, {}));  // YAML is no CODEOWNERS
}

}  // namespace
}  // namespace candor::ownership
