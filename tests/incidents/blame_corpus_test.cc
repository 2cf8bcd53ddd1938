// Precision and recall of the language rules on a labelled corpus
// (tests/data/postmortem-corpus/sentences.tsv): blameful and blameless
// sentences, including hard negatives (a system that "should have caught it",
// a name in a timeline, quotes, negations, technical terms). Prints the figures
// per category; fails below 0.9 overall.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "incidents/blame_rules.h"
#include "incidents/roster.h"

namespace candor::incidents {
namespace {

const std::string kCorpus = std::string(CANDOR_TEST_DATA) + "/postmortem-corpus/";

struct LabelledSentence {
  std::set<LanguageRule> labels;
  SentenceContext context = SentenceContext::kNarrative;
  std::string text;
  int line = 0;
};

std::vector<LabelledSentence> ReadCorpus() {
  std::ifstream in(kCorpus + "sentences.tsv");
  std::vector<LabelledSentence> corpus;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto fields = core::Split(line, '\t');
    EXPECT_EQ(fields.size(), 3u) << "sentences.tsv:" << number;
    if (fields.size() != 3) continue;
    LabelledSentence sentence;
    sentence.line = number;
    if (fields[0] != "none") {
      for (std::string_view label : core::Split(fields[0], ',')) {
        auto rule = ParseShortName(label);
        EXPECT_TRUE(rule) << "sentences.tsv:" << number << ": unknown label " << label;
        if (rule) sentence.labels.insert(*rule);
      }
    }
    EXPECT_TRUE(fields[1] == "narrative" || fields[1] == "timeline") << "sentences.tsv:" << number;
    sentence.context = fields[1] == "timeline" ? SentenceContext::kTimeline : SentenceContext::kNarrative;
    sentence.text = std::string(fields[2]);
    corpus.push_back(std::move(sentence));
  }
  return corpus;
}

Roster CorpusRoster() {
  auto roster = LoadRoster(kCorpus + "names.txt");
  EXPECT_TRUE(roster) << roster.error().ToString();
  return roster.value_or(Roster{});
}

struct Counts {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  double Precision() const {
    int flagged = true_positives + false_positives;
    return flagged == 0 ? 1.0 : static_cast<double>(true_positives) / flagged;
  }
  double Recall() const {
    int labelled = true_positives + false_negatives;
    return labelled == 0 ? 1.0 : static_cast<double>(true_positives) / labelled;
  }
};

TEST(BlameCorpusTest, PrecisionAndRecallPerCategory) {
  std::vector<LabelledSentence> corpus = ReadCorpus();
  ASSERT_GE(corpus.size(), 300u);
  Roster roster = CorpusRoster();
  std::map<LanguageRule, Counts> counts;
  Counts overall;
  int blameless = 0;
  for (const LabelledSentence& sentence : corpus) {
    blameless += sentence.labels.empty();
    std::set<LanguageRule> flagged;
    for (const LanguageHit& hit : CheckSentence(sentence.text, sentence.context, roster))
      flagged.insert(hit.rule);
    for (LanguageRule rule : kAllLanguageRules) {
      bool labelled = sentence.labels.contains(rule);
      bool found = flagged.contains(rule);
      Counts& c = counts[rule];
      if (labelled && found) ++c.true_positives, ++overall.true_positives;
      if (!labelled && found) {
        ++c.false_positives, ++overall.false_positives;
        std::printf("  false positive %-15s sentences.tsv:%d: %s\n", std::string(ShortName(rule)).c_str(),
                    sentence.line, sentence.text.c_str());
      }
      if (labelled && !found) {
        ++c.false_negatives, ++overall.false_negatives;
        std::printf("  false negative %-15s sentences.tsv:%d: %s\n", std::string(ShortName(rule)).c_str(),
                    sentence.line, sentence.text.c_str());
      }
    }
  }
  std::printf("%zu sentences (%d blameless)\n%-16s %5s %5s %5s %9s %7s\n", corpus.size(), blameless,
              "category", "TP", "FP", "FN", "precision", "recall");
  for (LanguageRule rule : kAllLanguageRules) {
    const Counts& c = counts[rule];
    std::printf("%-16s %5d %5d %5d %9.3f %7.3f\n", std::string(ShortName(rule)).c_str(), c.true_positives,
                c.false_positives, c.false_negatives, c.Precision(), c.Recall());
    EXPECT_GE(c.true_positives + c.false_negatives, 15) << ShortName(rule) << ": too few labelled examples";
    EXPECT_GE(c.Precision(), 0.8) << ShortName(rule);
    EXPECT_GE(c.Recall(), 0.8) << ShortName(rule);
  }
  std::printf("%-16s %5d %5d %5d %9.3f %7.3f\n", "overall", overall.true_positives, overall.false_positives,
              overall.false_negatives, overall.Precision(), overall.Recall());
  EXPECT_GE(overall.Precision(), 0.9);
  EXPECT_GE(overall.Recall(), 0.9);
}

}  // namespace
}  // namespace candor::incidents
