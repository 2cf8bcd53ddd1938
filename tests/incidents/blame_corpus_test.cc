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

std::vector<LabelledSentence> ReadCorpus(const std::string& name) {
  std::ifstream in(kCorpus + name);
  std::vector<LabelledSentence> corpus;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto fields = core::Split(line, '\t');
    EXPECT_EQ(fields.size(), 3u) << name << ":" << number;
    if (fields.size() != 3) continue;
    LabelledSentence sentence;
    sentence.line = number;
    if (fields[0] != "none") {
      for (std::string_view label : core::Split(fields[0], ',')) {
        auto rule = ParseShortName(label);
        EXPECT_TRUE(rule) << name << ":" << number << ": unknown label " << label;
        if (rule) sentence.labels.insert(*rule);
      }
    }
    EXPECT_TRUE(fields[1] == "narrative" || fields[1] == "timeline") << name << ":" << number;
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

struct Evaluation {
  std::map<LanguageRule, Counts> per_rule;
  Counts overall;
};

// Runs the rules on every sentence of `name` and prints the figures and every mistake.
Evaluation Evaluate(const std::string& name) {
  std::vector<LabelledSentence> corpus = ReadCorpus(name);
  Roster roster = CorpusRoster();
  Evaluation result;
  int blameless = 0;
  for (const LabelledSentence& sentence : corpus) {
    blameless += sentence.labels.empty();
    std::set<LanguageRule> flagged;
    for (const LanguageHit& hit : CheckSentence(sentence.text, sentence.context, roster))
      flagged.insert(hit.rule);
    for (LanguageRule rule : kAllLanguageRules) {
      bool labelled = sentence.labels.contains(rule);
      bool found = flagged.contains(rule);
      Counts& c = result.per_rule[rule];
      const char* mistake = nullptr;
      if (labelled && found) ++c.true_positives, ++result.overall.true_positives;
      if (!labelled && found)
        ++c.false_positives, ++result.overall.false_positives, mistake = "false positive";
      if (labelled && !found)
        ++c.false_negatives, ++result.overall.false_negatives, mistake = "false negative";
      if (mistake != nullptr) {
        std::printf("  %s %-15s %s:%d: %s\n", mistake, std::string(ShortName(rule)).c_str(), name.c_str(),
                    sentence.line, sentence.text.c_str());
      }
    }
  }
  std::printf("%s: %zu sentences (%d blameless)\n%-16s %5s %5s %5s %9s %7s\n", name.c_str(), corpus.size(),
              blameless, "category", "TP", "FP", "FN", "precision", "recall");
  for (LanguageRule rule : kAllLanguageRules) {
    const Counts& c = result.per_rule[rule];
    std::printf("%-16s %5d %5d %5d %9.3f %7.3f\n", std::string(ShortName(rule)).c_str(), c.true_positives,
                c.false_positives, c.false_negatives, c.Precision(), c.Recall());
  }
  const Counts& o = result.overall;
  std::printf("%-16s %5d %5d %5d %9.3f %7.3f\n", "overall", o.true_positives, o.false_positives,
              o.false_negatives, o.Precision(), o.Recall());
  EXPECT_GE(corpus.size(), 90u) << name;
  return result;
}

// The development corpus: the rules were written against it.
TEST(BlameCorpusTest, PrecisionAndRecallPerCategory) {
  Evaluation result = Evaluate("sentences.tsv");
  int sentences = 0;
  for (const auto& [rule, c] : result.per_rule) {
    EXPECT_GE(c.true_positives + c.false_negatives, 15) << ShortName(rule) << ": too few labelled examples";
    EXPECT_GE(c.Precision(), 0.8) << ShortName(rule);
    EXPECT_GE(c.Recall(), 0.8) << ShortName(rule);
    sentences += c.true_positives + c.false_negatives;
  }
  EXPECT_GE(ReadCorpus("sentences.tsv").size(), 300u);
  EXPECT_GE(result.overall.Precision(), 0.9);
  EXPECT_GE(result.overall.Recall(), 0.9);
}

// Sentences written after the rules were frozen: the honest estimate, with a
// lower bar. Add what the rules miss here only after fixing the rules
// against a copy in sentences.tsv, so this file stays unseen.
TEST(BlameCorpusTest, HeldOutPrecisionAndRecall) {
  Evaluation result = Evaluate("heldout.tsv");
  EXPECT_GE(result.overall.Precision(), 0.85);
  EXPECT_GE(result.overall.Recall(), 0.75);
}

}  // namespace
}  // namespace candor::incidents
