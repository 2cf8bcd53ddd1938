#pragma once
// The hashing every identity and matching key in match/ is made of: fields
// streamed into one xxh3 hash, a separator between them so that ("ab","c")
// and ("a","bc") differ. Internal to match/. Not thread-safe (one per key).

#define XXH_STATIC_LINKING_ONLY  // the state on the stack: no allocation per key
#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace candor::match {

class FieldHash {
 public:
  FieldHash() { XXH3_128bits_reset(&state_); }
  FieldHash(const FieldHash&) = delete;
  FieldHash& operator=(const FieldHash&) = delete;

  FieldHash& Add(std::string_view field) {
    XXH3_128bits_update(&state_, field.data(), field.size());
    XXH3_128bits_update(&state_, "\x1f", 1);
    return *this;
  }
  // Fingerprints by name, so the order a tool wrote them in does not matter.
  FieldHash& AddSorted(const std::vector<core::Fingerprint>& prints);

  std::string Hex() const;                                             // all 128 bits: stored identities
  uint64_t Key() const { return XXH3_128bits_digest(&state_).low64; }  // in-memory keys

 private:
  XXH3_state_t state_;
};

// `text` without ASCII white space: code compared regardless of layout.
std::string WithoutWhitespace(std::string_view text);

}  // namespace candor::match
