#pragma once
// Text encodings of a finding's list-valued fields, for one column each.
// Lists of strings and name/value pairs are JSON (readable in a SQL shell,
// usable by SQL JSON functions); CWE numbers are "79,89".
// Decode(Encode(x)) == x for any bytes, including invalid UTF-8, which is
// passed through unescaped (valid UTF-8 in, valid JSON out).
// Pure functions, thread-safe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace candor::store {

std::string EncodeCwes(const std::vector<int>& cwes);
core::Result<std::vector<int>> DecodeCwes(std::string_view text);

// ["CVE-2021-1234","GHSA-..."]
std::string EncodeStrings(const std::vector<std::string>& values);
core::Result<std::vector<std::string>> DecodeStrings(std::string_view text);

// {"name":"value",...}, SARIF's shape; order and repeated names are kept.
std::string EncodeFingerprints(const std::vector<core::Fingerprint>& fingerprints);
core::Result<std::vector<core::Fingerprint>> DecodeFingerprints(std::string_view text);

// [{"kind":"inSource","status":"accepted","justification":"..."}]
std::string EncodeSuppressions(const std::vector<core::Suppression>& suppressions);
core::Result<std::vector<core::Suppression>> DecodeSuppressions(std::string_view text);

}  // namespace candor::store
