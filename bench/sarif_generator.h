#pragma once
// Generates large, realistic SARIF 2.1.0 logs for benchmarks: a CodeQL-like
// driver with rules (help, CWE tags, security-severity) and results with
// locations, regions, snippets, partial fingerprints and some code flows.
// Deterministic for a given seed.

#include <cstddef>
#include <cstdint>
#include <string>

namespace candor::bench {

struct SarifShape {
  size_t results = 250'000;
  size_t rules = 200;
  size_t files = 5'000;
  uint32_t seed = 42;
};

std::string GenerateSarif(const SarifShape& shape);

}  // namespace candor::bench
