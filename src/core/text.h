#pragma once
// Small string helpers shared by every module. Pure functions, thread-safe.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace candor::core {

// ' ', '\t', '\n', '\r', '\f', '\v': the ASCII white space, locale-free.
// Inline: called for every character of the texts matching compares.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
// '0' to '9', locale-free.
constexpr bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view text);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);
std::string_view Trim(std::string_view text);
std::vector<std::string_view> Split(std::string_view text, char separator);
// Hash for string-keyed unordered maps that are looked up by string_view
// without making a string: unordered_map<std::string, T, StringHash, std::equal_to<>>.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Levenshtein distance, for "did you mean" suggestions on short words.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace candor::core
