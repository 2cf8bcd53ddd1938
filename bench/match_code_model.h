#pragma once
// The virtual code base behind the matching benchmark: three languages, the
// Semgrep-style rules that flag lines of them, and the text of every line.
// A line of code is a 64-bit value: its top byte is 0 for plain code and
// r + 1 for a line that rule r flags; the other bits seed its identifiers, so
// equal values render equal text (copied code). Pure functions, thread-safe.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace candor::bench {

enum class Language : uint8_t { kPython, kTypeScript, kJava };

struct MatchRule {
  const char* id;
  Language language;
  const char* level;
  const char* description;
  // The flagged line; {v}, {w} are identifiers, {t} a table, {k} a key, {n} a number.
  const char* code;
  // May quote {line}, {path} or the identifier {v} of the flagged line.
  const char* message;
  bool fingerprinted;  // its results carry partialFingerprints (a minority)
};

std::span<const MatchRule> MatchRules();

constexpr int kCodeRuleShift = 56;
constexpr uint64_t kCodeSeedMask = (uint64_t{1} << kCodeRuleShift) - 1;

inline uint64_t FlaggedCode(size_t rule, uint64_t seed) {
  return (static_cast<uint64_t>(rule + 1) << kCodeRuleShift) | (seed & kCodeSeedMask);
}
// The rule that flags `code`, or -1 for plain code.
inline int CodeRule(uint64_t code) {
  return static_cast<int>(code >> kCodeRuleShift) - 1;
}

const char* Extension(Language language);
// The line's text without its indentation.
std::string RenderCode(uint64_t code, Language language);
std::string RenderMessage(const MatchRule& rule, uint64_t code, int line, std::string_view path);

}  // namespace candor::bench
