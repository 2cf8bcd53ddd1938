#include "match/field_hash.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace candor::match {

FieldHash& FieldHash::AddSorted(const std::vector<core::Fingerprint>& prints) {
  // Sorted on the stack when there are few (nearly always): this runs for
  // every fingerprinted result of every log read.
  constexpr size_t kOnStack = 8;
  const core::Fingerprint* on_stack[kOnStack];
  std::vector<const core::Fingerprint*> on_heap;
  const core::Fingerprint** sorted = on_stack;
  if (prints.size() > kOnStack) {
    on_heap.resize(prints.size());
    sorted = on_heap.data();
  }
  for (size_t i = 0; i < prints.size(); ++i) sorted[i] = &prints[i];
  std::sort(sorted, sorted + prints.size(), [](auto* a, auto* b) { return a->name < b->name; });
  for (size_t i = 0; i < prints.size(); ++i) Add(sorted[i]->name).Add(sorted[i]->value);
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
  std::string hex;
  AppendHex(hex);
  return hex;
}

void FieldHash::AppendHex(std::string& out) const {
  XXH128_hash_t hash = Digest();
  // As fmt's "{:016x}{:016x}", which is slow enough to show for 100,000 results.
  static constexpr char kDigits[] = "0123456789abcdef";
  const size_t at = out.size();
  out.resize(at + 32);
  for (int i = 0; i < 16; ++i) {
    out[at + 15 - i] = kDigits[(hash.high64 >> (4 * i)) & 0xF];
    out[at + 31 - i] = kDigits[(hash.low64 >> (4 * i)) & 0xF];
  }
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
