#include "incidents/sentence_words.h"

#include <algorithm>

#include "core/text.h"

namespace candor::incidents {
namespace {

bool IsWordByte(unsigned char c) {
  return std::isalnum(c) != 0 || c == '\'' || c == '-' || c == '@' || c >= 0x80;
}

// Blanks out quoted material so no rule reads it; returns the copy.
std::string MaskQuotes(std::string_view sentence) {
  std::string text(sentence);
  auto blank = [&](size_t from, size_t to) { std::fill(text.begin() + from, text.begin() + to, ' '); };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 4, "<!--") == 0) {
      size_t end = text.find("-->", i + 4);
      end = end == std::string::npos ? text.size() : end + 3;
      blank(i, end);
      i = end - 1;
    } else if (text[i] == '`' || text[i] == '"') {
      size_t end = text.find(text[i], i + 1);
      if (end == std::string::npos) continue;
      blank(i, end + 1);
      i = end;
    } else if (text.compare(i, 3, "\xE2\x80\x9C") == 0) {  // “ ... ”
      size_t end = text.find("\xE2\x80\x9D", i + 3);
      if (end == std::string::npos) continue;
      blank(i, end + 3);
      i = end + 2;
    } else if (text[i] == '\'' && (i == 0 || !IsWordByte(text[i - 1]))) {
      // 'single quotes' open after a non-word byte and close before one.
      for (size_t end = i + 1; end < text.size(); ++end) {
        if (text[end] == '\'' && (end + 1 == text.size() || !IsWordByte(text[end + 1]))) {
          blank(i, end + 1);
          i = end;
          break;
        }
      }
    } else if (text[i] == '*' || text[i] == '_') {
      text[i] = ' ';
    }
  }
  return text;
}

bool IsConjunction(std::string_view word) {
  return word == "and" || word == "but" || word == "because" || word == "so" || word == "when" ||
         word == "while" || word == "since" || word == "although" || word == "though" || word == "which" ||
         word == "that" || word == "after" || word == "before" || word == "until" || word == "if";
}

}  // namespace

bool IsNegation(std::string_view word) {
  return word == "not" || word == "no" || word == "never" || word == "without" || word.ends_with("n't") ||
         word == "nor" || word == "rarely" || word == "seldom";
}

SentenceWords::SentenceWords(std::string_view sentence) {
  std::string masked = MaskQuotes(sentence);
  std::string_view trimmed = core::Trim(masked);
  question_ = trimmed.ends_with('?');
  bool clause_start = true;
  size_t i = 0;
  while (i < masked.size()) {
    auto c = static_cast<unsigned char>(masked[i]);
    if (!IsWordByte(c) || c == '\'' || c == '-') {
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == '.' || c == '!' || c == '?')
        clause_start = true;
      ++i;
      continue;
    }
    size_t start = i;
    while (i < masked.size() && IsWordByte(static_cast<unsigned char>(masked[i]))) ++i;
    size_t end = i;
    while (end > start && (masked[end - 1] == '\'' || masked[end - 1] == '-')) --end;
    Word word;
    word.original = sentence.substr(start, end - start);
    word.lower = core::ToLower(word.original);
    for (size_t at; (at = word.lower.find("\xE2\x80\x99")) != std::string::npos;)
      word.lower.replace(at, 3, "'");
    word.offset = start;
    word.clause_start = clause_start || IsConjunction(word.lower);
    clause_start = false;
    words_.push_back(std::move(word));
  }
}

size_t SentenceWords::Find(std::string_view phrase, size_t from) const {
  for (size_t i = from; i < words_.size(); ++i) {
    if (Matches(i, phrase)) return i;
  }
  return words_.size();
}

bool SentenceWords::AnyBefore(size_t at, size_t window, std::initializer_list<std::string_view> any) const {
  for (size_t i = at > window ? at - window : 0; i < at; ++i) {
    for (std::string_view candidate : any) {
      if (words_[i].lower == candidate) return true;
    }
  }
  return false;
}

size_t SentenceWords::ClauseStart(size_t at) const {
  while (at > 0 && !words_[at].clause_start) --at;
  return at;
}

}  // namespace candor::incidents
