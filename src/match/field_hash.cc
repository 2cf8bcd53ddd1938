#include "match/field_hash.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

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
  const XXH128_hash_t hash = Digest();
  // As fmt's "{:016x}{:016x}", which is slow enough to show for 100,000
  // results: two digits a byte from a table, written through a pointer.
  static constexpr auto kPairs = [] {
    constexpr char kDigits[] = "0123456789abcdef";
    std::array<char, 512> pairs{};
    for (size_t byte = 0; byte < 256; ++byte) {
      pairs[2 * byte] = kDigits[byte >> 4];
      pairs[2 * byte + 1] = kDigits[byte & 0xF];
    }
    return pairs;
  }();
  const size_t at = out.size();
  out.resize_and_overwrite(at + 32, [&](char* text, size_t) {
    char* to = text + at;
    for (const uint64_t half : {hash.high64, hash.low64}) {
      for (int shift = 56; shift >= 0; shift -= 8, to += 2)
        std::memcpy(to, &kPairs[2 * ((half >> shift) & 0xFF)], 2);
    }
    // The length asked for, not the size given: GCC 12's libstdc++ gives the
    // capacity it grew the string to (up to twice the old one), and
    // returning that left bytes of an earlier identity after the hex.
    return at + 32;
  });
}

void WithoutWhitespaceInto(std::string_view text, std::string& out) {
  // Whether to keep a byte, from a table: the six comparisons of
  // IsAsciiSpace per byte cost twice as much.
  static constexpr auto kKeep = [] {
    std::array<uint8_t, 256> keep{};
    for (size_t c = 0; c < 256; ++c) keep[c] = core::IsAsciiSpace(static_cast<char>(c)) ? 0 : 1;
    return keep;
  }();
  out.resize_and_overwrite(text.size(), [text](char* to, size_t) {
    char* end = to;
    for (char c : text) {
      *end = c;
      end += kKeep[static_cast<unsigned char>(c)];  // no branch: snippets are mostly code, spaces anywhere
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
