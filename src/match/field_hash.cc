#include "match/field_hash.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace candor::match {

FieldHash& FieldHash::AddSorted(const std::vector<core::Fingerprint>& prints) {
  std::vector<const core::Fingerprint*> sorted;
  for (const auto& print : prints) sorted.push_back(&print);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* print : sorted) Add(print->name).Add(print->value);
  return *this;
}

void FieldHash::Stream(std::string_view bytes) {
  if (!streaming_) {
    XXH3_128bits_reset(&state_);
    XXH3_128bits_update(&state_, buffer_, gathered_);
    streaming_ = true;
  }
  XXH3_128bits_update(&state_, bytes.data(), bytes.size());
}

std::string FieldHash::Hex() const {
  XXH128_hash_t hash = Digest();
  // As fmt's "{:016x}{:016x}", which is slow enough to show for 100,000 results.
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(32, '0');
  for (int i = 0; i < 16; ++i) {
    hex[15 - i] = kDigits[(hash.high64 >> (4 * i)) & 0xF];
    hex[31 - i] = kDigits[(hash.low64 >> (4 * i)) & 0xF];
  }
  return hex;
}

void WithoutWhitespaceInto(std::string_view text, std::string& out) {
  out.resize_and_overwrite(text.size(), [text](char* to, size_t) {
    char* end = to;
    for (char c : text) {
      *end = c;
      end += !core::IsAsciiSpace(c);  // no branch: snippets are mostly code, spaces anywhere
    }
    return static_cast<size_t>(end - to);
  });
}

std::string WithoutWhitespace(std::string_view text) {
  std::string out;
  WithoutWhitespaceInto(text, out);
  return out;
}

}  // namespace candor::match
