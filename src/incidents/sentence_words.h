#pragma once
// A sentence as words, for the language rules: lower-cased words with their
// byte offsets, quoted material ("...", `...`, <!-- -->) left out because it
// reports someone else's words, and Markdown emphasis ignored. Pure values.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace candor::incidents {

struct Word {
  std::string_view original;  // as written ("Bob's", "@sam")
  std::string lower;          // lower-cased, typographic apostrophes made ASCII
  size_t offset = 0;          // in the sentence
  bool clause_start = false;  // first word after , ; : ( or a conjunction
};

class SentenceWords {
 public:
  explicit SentenceWords(std::string_view sentence);

  const std::vector<Word>& words() const { return words_; }
  size_t size() const { return words_.size(); }
  const Word& operator[](size_t i) const { return words_[i]; }
  // Whether the words from `at` on are `phrase` (lower case, space-separated).
  // Inline: the rules call it for every word and every phrase.
  bool Matches(size_t at, std::string_view phrase) const;
  // The index of the first place `phrase` occurs at or after `from`, or size().
  size_t Find(std::string_view phrase, size_t from = 0) const;
  // Whether any of `any` occurs within the `window` words before `at`.
  bool AnyBefore(size_t at, size_t window, std::initializer_list<std::string_view> any) const;
  // Where the clause holding word `at` starts.
  size_t ClauseStart(size_t at) const;
  // Whether the sentence, quotes aside, ends with a question mark.
  bool is_question() const { return question_; }

 private:
  std::vector<Word> words_;
  bool question_ = false;
};

inline bool SentenceWords::Matches(size_t at, std::string_view phrase) const {
  // Called for every word and every rule phrase: no allocation, and the first
  // byte decides most calls before any search or comparison.
  if (at >= words_.size() || phrase.empty() || words_[at].lower.empty() || words_[at].lower[0] != phrase[0]) {
    return false;
  }
  while (true) {
    size_t space = phrase.find(' ');
    std::string_view part = phrase.substr(0, space);
    if (at >= words_.size() || words_[at].lower != part) return false;
    if (space == std::string_view::npos) return true;
    phrase.remove_prefix(space + 1);
    ++at;
  }
}

// Whether `word` (lower case) is a negation: "not", "no", "never", "didn't", ...
bool IsNegation(std::string_view word);

}  // namespace candor::incidents
