#pragma once
// The language rules of `candor postmortem lint`: one sentence in, the blame
// (and not-actionable) phrases found in it out, each with a system-focused
// rewrite. Rules favour precision: a phrase about a system ("the check should
// have caught it") or in quotes is not blame, and a timeline may say who did
// what. Measured against tests/data/postmortem-corpus/. Pure; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "incidents/roster.h"

namespace candor::incidents {

enum class LanguageRule {
  kNamedPerson,     // a person as the cause ("Bob's change broke it", "the engineer who ...")
  kHumanError,      // "human error", "operator error" as a cause
  kCounterfactual,  // "should have", "failed to", "neglected to" about people
  kJudgmental,      // "careless", "sloppy", "negligent"
  kHindsight,       // "obviously", "should have known"
  kRootCause,       // single-root-cause framing
  kBlameQuestion,   // "who approved this?", "why did you ...?"
  kNotActionable,   // "be more careful", "pay more attention", "retrain"
};
inline constexpr LanguageRule kAllLanguageRules[] = {
    LanguageRule::kNamedPerson,   LanguageRule::kHumanError,   LanguageRule::kCounterfactual,
    LanguageRule::kJudgmental,    LanguageRule::kHindsight,    LanguageRule::kRootCause,
    LanguageRule::kBlameQuestion, LanguageRule::kNotActionable};

// "blame/named-person", ..., "completeness/not-actionable": the category lint prints.
std::string_view CategoryName(LanguageRule rule);
// "named-person", ...: the short name the corpus uses.
std::string_view ShortName(LanguageRule rule);
std::optional<LanguageRule> ParseShortName(std::string_view name);

// Where a sentence stands: a timeline's factual entries may name people.
enum class SentenceContext { kNarrative, kTimeline };

struct LanguageHit {
  LanguageRule rule;
  size_t offset = 0;  // byte offset of the phrase in the sentence
  size_t length = 0;
  std::string message;  // what is wrong, naming the phrase
  std::string rewrite;  // a system-focused way to say it
};

// The hits in `sentence`, at most one per rule, in rule order.
std::vector<LanguageHit> CheckSentence(std::string_view sentence, SentenceContext context,
                                       const Roster& roster);

// Splits prose into sentences at '.', '?' or '!' followed by white space or the
// end (so "v1.2" and "e.g." inside words stay whole). Offsets into `text`.
struct SentenceSpan {
  size_t offset;
  size_t length;
};
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace candor::incidents
