#include "incidents/blame_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace candor::incidents {
namespace {

std::vector<std::string> Rules(std::string_view sentence,
                               SentenceContext context = SentenceContext::kNarrative) {
  Roster roster;
  roster.Add("Bob Martins");
  roster.Add("Will Ng");
  std::vector<std::string> names;
  for (const LanguageHit& hit : CheckSentence(sentence, context, roster))
    names.emplace_back(ShortName(hit.rule));
  return names;
}

using Names = std::vector<std::string>;

TEST(BlameRulesTest, CounterfactualNeedsAPersonAsSubject) {
  EXPECT_EQ(Rules("The engineer should have rolled back."), Names{"counterfactual"});
  EXPECT_EQ(Rules("The check should have caught it."), Names{});
  EXPECT_EQ(Rules("The engineer on call should have paged the DB team."), Names{"counterfactual"});
  EXPECT_EQ(Rules("We should have a second reviewer."), Names{});
}

TEST(BlameRulesTest, NamesMayActInATimelineButNotCauseElsewhere) {
  EXPECT_EQ(Rules("14:05 Bob restarted the primary.", SentenceContext::kTimeline), Names{});
  EXPECT_EQ(Rules("Bob broke the build."), Names{"named-person"});
  EXPECT_EQ(Rules("Bob broke the build.", SentenceContext::kTimeline), Names{});
  EXPECT_EQ(Rules("Bob's mistake caused it.", SentenceContext::kTimeline), Names{"named-person"});
}

TEST(BlameRulesTest, NamesAreCaseSensitiveAndHandlesNeedNoRoster) {
  EXPECT_EQ(Rules("We will fix the error next sprint."), Names{});
  EXPECT_EQ(Rules("Will's error broke the index."), Names{"named-person"});
  EXPECT_EQ(Rules("@someone broke the index."), Names{"named-person"});
}

TEST(BlameRulesTest, QuotedAndNegatedPhrasesAreNotFlagged) {
  EXPECT_EQ(Rules("The report said \"human error\" and we disagree."), Names{});
  EXPECT_EQ(Rules("This was not human error."), Names{});
  EXPECT_EQ(Rules("There is no single root cause."), Names{});
  EXPECT_EQ(Rules("The vendor wrote `careless` in the ticket."), Names{});
}

TEST(BlameRulesTest, HitPointsAtThePhrase) {
  std::string sentence = "In short, the rollout was sloppy.";
  Roster roster;
  auto hits = CheckSentence(sentence, SentenceContext::kNarrative, roster);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(sentence.substr(hits[0].offset, hits[0].length), "sloppy");
  EXPECT_NE(hits[0].message.find("'sloppy'"), std::string::npos);
}

TEST(BlameRulesTest, SplitsSentencesAtTerminalPunctuation) {
  std::string text = "Version 2.3.1 shipped. Who approved it? It failed!";
  auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(text.substr(spans[1].offset, spans[1].length), " Who approved it?");
}

}  // namespace
}  // namespace candor::incidents
