#pragma once
// The hashing every identity and matching key in match/ is made of: fields
// streamed into one xxh3 hash, a separator between them so that ("ab","c")
// and ("a","bc") differ. Internal to match/. Not thread-safe (one per key).

#define XXH_STATIC_LINKING_ONLY  // the state on the stack: no allocation per key
#include <xxhash.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace candor::match {

class FieldHash {
 public:
  FieldHash() = default;
  FieldHash(const FieldHash&) = delete;
  FieldHash& operator=(const FieldHash&) = delete;

  FieldHash& Add(std::string_view field) {
    Append(field);
    Append("\x1f");
    return *this;
  }
  // Another key, as its 8 bytes: a part already hashed is not hashed again.
  FieldHash& AddKey(uint64_t key) {
    char bytes[sizeof key];
    std::memcpy(bytes, &key, sizeof key);
    return Add(std::string_view(bytes, sizeof bytes));
  }
  // Fingerprints by name, so the order a tool wrote them in does not matter.
  FieldHash& AddSorted(const std::vector<core::Fingerprint>& prints);

  std::string Hex() const;                         // all 128 bits: stored identities
  void AppendHex(std::string& out) const;          // the same, appended to `out`
  uint64_t Key() const { return Digest().low64; }  // in-memory keys

 private:
  // Keys are short: they are gathered here and hashed in one call, which is
  // several times faster than streaming each field into xxh3's state. The
  // state takes over for a long key; the hash is the same either way.
  static constexpr size_t kGathered = 512;

  void Append(std::string_view bytes) {
    if (!streaming_ && gathered_ + bytes.size() <= kGathered) {
      bytes.copy(buffer_ + gathered_, bytes.size());
      gathered_ += bytes.size();
      return;
    }
    Stream(bytes);
  }
  void Stream(std::string_view bytes);
  XXH128_hash_t Digest() const {
    return streaming_ ? XXH3_128bits_digest(&state_) : XXH3_128bits(buffer_, gathered_);
  }

  char buffer_[kGathered];
  size_t gathered_ = 0;
  bool streaming_ = false;
  XXH3_state_t state_;
};

// `text` without ASCII white space: code compared regardless of layout.
std::string WithoutWhitespace(std::string_view text);
// The same into `out`, replacing what it held.
void WithoutWhitespaceInto(std::string_view text, std::string& out);

}  // namespace candor::match
