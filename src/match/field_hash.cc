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
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

std::string WithoutWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!core::IsAsciiSpace(c)) out.push_back(c);
  }
  return out;
}

}  // namespace candor::match
