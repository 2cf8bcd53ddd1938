#include "incidents/blame_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "incidents/blame_lexicon.h"
#include "incidents/sentence_words.h"

namespace candor::incidents {
namespace {

using namespace lexicon;  // NOLINT: the word lists are this file's vocabulary

struct RuleText {
  LanguageRule rule;
  std::string_view short_name;
  std::string_view category;
  std::string_view rewrite;
};

constexpr std::array kRuleTexts{
    RuleText{
        LanguageRule::kNamedPerson, "named-person", "blame/named-person",
        "name the condition, not the person: say what let the action have this effect (e.g. \"the deploy "
        "tool applied the change to every region at once\")"},
    RuleText{LanguageRule::kHumanError, "human-error", "blame/human-error",
             "describe what made the action easy to get wrong or hard to notice (interface, missing check, "
             "time pressure, unclear runbook)"},
    RuleText{
        LanguageRule::kCounterfactual, "counterfactual", "blame/counterfactual",
        "say what happened and what made the expected action hard or unlikely (e.g. \"the alert went to a "
        "channel nobody watched at night\")"},
    RuleText{LanguageRule::kJudgmental, "judgmental", "blame/judgmental",
             "drop the judgment and describe the action and its context neutrally"},
    RuleText{LanguageRule::kHindsight, "hindsight", "blame/hindsight",
             "describe what people could see at the time, and what signal was missing or drowned out"},
    RuleText{
        LanguageRule::kRootCause, "root-cause", "blame/root-cause",
        "list the contributing conditions (e.g. \"contributing factors: ...\"); incidents rarely have one "
        "cause"},
    RuleText{LanguageRule::kBlameQuestion, "blame-question", "blame/blame-question",
             "ask how: \"how did the change reach production without review?\", \"what made this path the "
             "easiest one?\""},
    RuleText{LanguageRule::kNotActionable, "not-actionable", "completeness/not-actionable",
             "name a change to the system that is specific and bounded (a check, a guardrail, a default, an "
             "alert), with an owner and a date"},
};

const RuleText& TextOf(LanguageRule rule) {
  for (const RuleText& text : kRuleTexts) {
    if (text.rule == rule) return text;
  }
  return kRuleTexts[0];
}

template <size_t N>
bool In(const std::string_view (&set)[N], std::string_view word) {
  for (std::string_view candidate : set) {
    if (candidate == word) return true;
  }
  return false;
}

bool IsNamed(const Word& word, const Roster& roster) {
  if (word.original.size() > 1 && word.original.front() == '@') return true;
  return !word.original.empty() && std::isupper(static_cast<unsigned char>(word.original.front())) &&
         roster.IsName(word.original);
}

bool IsPerson(const Word& word, const Roster& roster) {
  return IsNamed(word, roster) || In(kPersonWords, word.lower);
}

// The first person named in words [from, to), or to.
size_t PersonIn(const SentenceWords& words, size_t from, size_t to, const Roster& roster) {
  for (size_t i = from; i < to; ++i) {
    if (IsPerson(words[i], roster)) return i;
  }
  return to;
}

// A 64-bit set of first bytes, so a rule skips words that start none of its
// phrases with one test instead of comparing each phrase (the hot loop of lint).
constexpr uint64_t FirstByteBit(std::string_view text) {
  return text.empty() ? 0 : uint64_t{1} << (static_cast<unsigned char>(text.front()) & 63);
}

template <class Phrases>
constexpr uint64_t FirstBytes(const Phrases& phrases) {
  uint64_t bits = 0;
  for (const auto& phrase : phrases) bits |= FirstByteBit(std::string_view(phrase));
  return bits;
}

class Checker {
 public:
  Checker(std::string_view sentence, SentenceContext context, const Roster& roster)
      : sentence_(sentence), words_(sentence), context_(context), roster_(roster) {}

  std::vector<LanguageHit> Run() {
    Hindsight();
    Counterfactual();
    NamedPerson();
    HumanError();
    Judgmental();
    RootCause();
    BlameQuestion();
    NotActionable();
    std::vector<LanguageHit> ordered;
    for (LanguageRule rule : kAllLanguageRules) {
      for (LanguageHit& hit : hits_) {
        if (hit.rule == rule) ordered.push_back(std::move(hit));
      }
    }
    return ordered;
  }

 private:
  bool Has(LanguageRule rule) const {
    for (const LanguageHit& hit : hits_) {
      if (hit.rule == rule) return true;
    }
    return false;
  }

  // Records a hit spanning words [first, last] unless the rule already has one.
  void Hit(LanguageRule rule, size_t first, size_t last, std::string_view why) {
    if (Has(rule)) return;
    size_t begin = words_[first].offset;
    size_t end = words_[last].offset + words_[last].original.size();
    std::string_view phrase = sentence_.substr(begin, end - begin);
    hits_.push_back(
        {rule, begin, end - begin, fmt::format("'{}' {}", phrase, why), std::string(TextOf(rule).rewrite)});
  }

  // The word a verb phrase at `at` is about: the nearest word before it,
  // skipping adverbs and the "on call" / "on duty" that follow a role.
  std::optional<size_t> SubjectBefore(size_t at, size_t clause) const {
    size_t i = at;
    while (i > clause) {
      --i;
      const std::string& w = words_[i].lower;
      if (std::find(std::begin(kSubjectSkipWords), std::end(kSubjectSkipWords), w) !=
          std::end(kSubjectSkipWords))
        continue;
      if ((w == "call" || w == "duty" || w == "shift") && i > clause && words_[i - 1].lower == "on") {
        --i;
        continue;
      }
      return i;
    }
    return std::nullopt;
  }

  // Whether "should have" is followed by a thing had, not a past participle.
  bool IsPossession(size_t after) const {
    if (after >= words_.size()) return false;
    const std::string& w = words_[after].lower;
    return std::find(std::begin(kPossessionWords), std::end(kPossessionWords), w) !=
               std::end(kPossessionWords) ||
           std::isdigit(static_cast<unsigned char>(w.front())) != 0;
  }

  void Hindsight() {
    static const uint64_t kFirst =
        FirstBytes(kHindsightPhrases) |
        FirstBytes(std::array<std::string_view, 5>{"obvious", "clearly", "any", "no-brainer", "in"});
    for (size_t i = 0; i < words_.size(); ++i) {
      const std::string& w = words_[i].lower;
      if ((kFirst & FirstByteBit(w)) == 0) continue;
      for (std::string_view phrase : kHindsightPhrases) {
        if (words_.Matches(i, phrase)) {
          Hit(LanguageRule::kHindsight, i,
              i + static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' ')),
              "judges with hindsight");
          return;
        }
      }
      if (w == "obviously" && !words_.AnyBefore(i, 1, {"not"})) {
        Hit(LanguageRule::kHindsight, i, i, "judges with hindsight");
      } else if (w == "obvious" &&
                 words_.AnyBefore(i, 3,
                                  {"was", "is", "were", "been", "be", "seemed", "seems", "an", "the"}) &&
                 !words_.AnyBefore(i, 3, {"not", "wasn't", "isn't", "weren't", "never", "no"}) &&
                 !(i + 1 < words_.size() &&
                   (words_[i + 1].lower == "way" || words_[i + 1].lower == "place"))) {
        Hit(LanguageRule::kHindsight, i, i, "judges with hindsight");
      } else if (w == "clearly" && i + 1 < words_.size() &&
                 (words_[i + 1].lower == "should" || words_[i + 1].lower == "knew" ||
                  words_[i + 1].lower == "ignored" || words_[i + 1].lower == "missed" ||
                  words_[i + 1].lower.ends_with("n't"))) {
        Hit(LanguageRule::kHindsight, i, i + 1, "judges with hindsight");
      } else if (words_.Matches(i, "any competent") || words_.Matches(i, "no-brainer") ||
                 words_.Matches(i, "anyone could have") || words_.Matches(i, "anyone would have") ||
                 words_.Matches(i, "in hindsight it was clear") || words_.Matches(i, "it was clear that")) {
        Hit(LanguageRule::kHindsight, i, i + 1, "judges with hindsight");
      }
    }
  }

  void Counterfactual() {
    if (Has(LanguageRule::kHindsight)) return;  // "should have known" is one finding, not two

    static const uint64_t kFirst = [] {
      uint64_t bits = 0;
      for (const CounterfactualTrigger& trigger : kCounterfactualTriggers)
        bits |= FirstByteBit(trigger.phrase);
      return bits;
    }();
    for (size_t i = 0; i < words_.size(); ++i) {
      if ((kFirst & FirstByteBit(words_[i].lower)) == 0) continue;
      for (const CounterfactualTrigger& trigger : kCounterfactualTriggers) {
        if (!words_.Matches(i, trigger.phrase)) continue;
        size_t clause = words_.ClauseStart(i);
        size_t span = 1 + static_cast<size_t>(std::count(trigger.phrase.begin(), trigger.phrase.end(), ' '));
        bool have = trigger.phrase.ends_with("have") || trigger.phrase.ends_with("'ve");
        if (have && IsPossession(i + span)) continue;  // "we should have a second reviewer"
        auto subject = SubjectBefore(i, clause);
        bool person = subject && IsPerson(words_[*subject], roster_);
        if (trigger.needs_person ? person : (person || clause == i)) {
          Hit(LanguageRule::kCounterfactual, i, i + span - 1, "is a counterfactual about what people did");
          return;
        }
      }
    }
  }

  void NamedPerson() {
    for (size_t i = 1; i < words_.size() && context_ == SentenceContext::kNarrative; ++i) {
      // "the engineer who ...", "the on-call engineer who ...": a person singled out.
      if (words_[i].lower == "who" && In(kRoleWhoWords, words_[i - 1].lower) &&
          words_.AnyBefore(i - 1, 2, {"the", "a", "an"})) {
        Hit(LanguageRule::kNamedPerson, i - 1, i, "makes a person the cause");
        return;
      }
    }
    for (size_t i = 0; i < words_.size(); ++i) {
      if (!IsNamed(words_[i], roster_)) continue;
      for (size_t k = 0; k < words_.size(); ++k) {
        std::string_view cue = words_[k].lower;
        bool strong = std::find(std::begin(kNamedPersonStrongCues), std::end(kNamedPersonStrongCues), cue) !=
                      std::end(kNamedPersonStrongCues);
        bool any = strong ||
                   std::find(std::begin(kNamedPersonCues), std::end(kNamedPersonCues), cue) !=
                       std::end(kNamedPersonCues) ||
                   words_.Matches(k, "did not") || words_.Matches(k, "led to") ||
                   words_.Matches(k, "resulted in") || words_.Matches(k, "took down") ||
                   words_.Matches(k, "brought down");
        if (context_ == SentenceContext::kTimeline ? strong : any) {
          Hit(LanguageRule::kNamedPerson, i, i, "makes a person the cause");
          return;
        }
      }
    }
  }

  void HumanError() {
    static const uint64_t kFirst = FirstBytes(kHumanErrorPhrases);
    for (size_t i = 0; i < words_.size(); ++i) {
      if ((kFirst & FirstByteBit(words_[i].lower)) == 0) continue;
      for (std::string_view phrase : kHumanErrorPhrases) {
        if (!words_.Matches(i, phrase)) continue;
        if (words_.AnyBefore(i, 4,
                             {"not", "no", "never", "rather", "instead", "beyond", "than", "avoid", "avoids",
                              "stop", "isn't", "wasn't", "nor", "without"})) {
          continue;
        }
        Hit(LanguageRule::kHumanError, i,
            i + static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' ')),
            "names a person's error as the cause");
        return;
      }
    }
  }

  void Judgmental() {
    static const uint64_t kFirst = FirstBytes(kJudgmentalWords) | FirstBytes(kJudgmentalPhrases);
    for (size_t i = 0; i < words_.size(); ++i) {
      if ((kFirst & FirstByteBit(words_[i].lower)) == 0) continue;
      bool word = std::find(std::begin(kJudgmentalWords), std::end(kJudgmentalWords), words_[i].lower) !=
                  std::end(kJudgmentalWords);
      size_t last = i;
      if (word && i + 1 < words_.size() &&
          std::find(std::begin(kTechnicalFollowers), std::end(kTechnicalFollowers), words_[i + 1].lower) !=
              std::end(kTechnicalFollowers)) {
        word = false;  // "lazy loading", "dumb terminal": engineering terms
      }
      for (std::string_view phrase : kJudgmentalPhrases) {
        if (words_.Matches(i, phrase)) {
          word = true;
          last = i + static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' '));
        }
      }
      if (!word || words_.AnyBefore(i, 2, {"not", "never", "wasn't", "weren't", "isn't", "no"})) continue;
      Hit(LanguageRule::kJudgmental, i, last, "judges people instead of describing what happened");
      return;
    }
  }

  void RootCause() {
    static const uint64_t kFirst = FirstBytes(kRootCausePhrases);
    for (size_t i = 0; i < words_.size(); ++i) {
      if ((kFirst & FirstByteBit(words_[i].lower)) == 0) continue;
      for (std::string_view phrase : kRootCausePhrases) {
        if (!words_.Matches(i, phrase)) continue;
        if (words_.AnyBefore(i, 4,
                             {"no", "not", "never", "rarely", "seldom", "without", "than", "instead",
                              "beyond", "avoid", "avoids", "isn't", "wasn't", "nor", "any"})) {
          continue;
        }
        Hit(LanguageRule::kRootCause, i,
            i + static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' ')),
            "frames the incident as having a single cause");
        return;
      }
    }
  }

  void BlameQuestion() {
    for (size_t i = 0; i + 1 < words_.size(); ++i) {
      if (words_.Matches(i, "whose fault") || words_.Matches(i, "whose mistake") ||
          words_.Matches(i, "whose error")) {
        Hit(LanguageRule::kBlameQuestion, i, i + 1, "looks for a culprit");
        return;
      }
    }
    if (!words_.is_question() || words_.size() < 2) return;
    for (size_t i = 0; i + 1 < words_.size(); ++i) {
      const std::string& next = words_[i + 1].lower;
      if (words_[i].lower == "who") {
        bool past = next == "was" || next == "were" || next == "did" || next == "didn't" ||
                    next.ends_with("ed") || next == "broke" || next == "made" || next == "let" ||
                    next == "wrote" || next == "forgot" || next == "ran" || next == "took" ||
                    words_.Matches(i + 1, "is responsible") || next == "should";
        if (past && next != "owned") {
          Hit(LanguageRule::kBlameQuestion, i, i + 1, "looks for a culprit");
          return;
        }
      }
      if (words_[i].lower == "why" &&
          (next == "did" || next == "didn't" || next == "would" || next == "wasn't" || next == "weren't" ||
           next == "was" || next == "were")) {
        size_t person = PersonIn(words_, i + 2, std::min(words_.size(), i + 4), roster_);
        if (person < std::min(words_.size(), i + 4) && words_[person].lower != "we") {
          Hit(LanguageRule::kBlameQuestion, i, person, "asks a person to justify themselves");
          return;
        }
      }
    }
  }

  void NotActionable() {
    if (context_ == SentenceContext::kTimeline) return;
    static const uint64_t kFirst = FirstBytes(kNotActionablePhrases);
    for (size_t i = 0; i < words_.size(); ++i) {
      if ((kFirst & FirstByteBit(words_[i].lower)) == 0) continue;
      for (std::string_view phrase : kNotActionablePhrases) {
        if (!words_.Matches(i, phrase)) continue;
        size_t last = i + static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' '));
        if (phrase.find("train") != std::string_view::npos) {
          bool machine = false;
          for (size_t k = last + 1; k < std::min(words_.size(), last + 4); ++k) {
            machine |= std::find(std::begin(kMachineLearningWords), std::end(kMachineLearningWords),
                                 words_[k].lower) != std::end(kMachineLearningWords);
          }
          if (machine) continue;  // retraining a model is a change to the system
        }
        if (words_.AnyBefore(i, 4,
                             {"not", "no", "never", "without", "instead", "rather", "than", "doesn't",
                              "don't", "needn't", "longer"})) {
          continue;
        }
        Hit(LanguageRule::kNotActionable, i, last,
            "asks people to try harder instead of changing the system");
        return;
      }
    }
  }

  std::string_view sentence_;
  SentenceWords words_;
  SentenceContext context_;
  const Roster& roster_;
  std::vector<LanguageHit> hits_;
};

}  // namespace

std::string_view CategoryName(LanguageRule rule) {
  return TextOf(rule).category;
}

std::string_view ShortName(LanguageRule rule) {
  return TextOf(rule).short_name;
}

std::optional<LanguageRule> ParseShortName(std::string_view name) {
  for (const RuleText& text : kRuleTexts) {
    if (text.short_name == name) return text.rule;
  }
  return std::nullopt;
}

std::vector<LanguageHit> CheckSentence(std::string_view sentence, SentenceContext context,
                                       const Roster& roster) {
  return Checker(sentence, context, roster).Run();
}

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> spans;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '.' || c == '?' || c == '!') && (i + 1 == text.size() || text[i + 1] == ' ')) {
      spans.push_back({start, i + 1 - start});
      start = i + 1;
    }
  }
  if (start < text.size()) spans.push_back({start, text.size() - start});
  return spans;
}

}  // namespace candor::incidents
