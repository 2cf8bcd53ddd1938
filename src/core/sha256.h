#pragma once
// SHA-256, for records whose integrity must hold against a deliberate edit
// (the decision log's hash chain). Content addressing of inputs uses the
// faster, non-cryptographic XXH3 (ingest::DigestHex) instead.
// Thread-safe.

#include <string>
#include <string_view>

namespace candor::core {

// Lower-case hex of SHA-256(bytes): 64 characters.
std::string Sha256Hex(std::string_view bytes);

}  // namespace candor::core
