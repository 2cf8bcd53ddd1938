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

// Whether `word` (lower case) is a negation: "not", "no", "never", "didn't", ...
bool IsNegation(std::string_view word);

}  // namespace candor::incidents
