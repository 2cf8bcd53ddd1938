#pragma once
// Candor's severity scale and the mappings from the scales tools use.
// See docs/severity.md for the table users read; keep the two in step.

#include <optional>
#include <string_view>

namespace candor::core {

// Ordered: a larger value is more severe, so `>=` filters work directly.
enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

std::string_view ToString(Severity severity);
// Accepts Candor's own names, case-insensitively ("high", "HIGH").
std::optional<Severity> ParseSeverity(std::string_view name);

// GitHub code scanning's reading of `properties.security-severity`:
// >= 9.0 critical, >= 7.0 high, >= 4.0 medium, > 0 low, otherwise info.
Severity SeverityFromCvssScore(double score);

// SARIF `level` (result, or the rule's defaultConfiguration): error -> high,
// warning -> medium, note -> low, none -> info. Unknown levels give nullopt.
std::optional<Severity> SeverityFromSarifLevel(std::string_view level);

// Words native tools use ("CRITICAL", "moderate", "ERROR", "UNKNOWN", ...),
// case-insensitively. Unknown words give nullopt so each reader decides.
std::optional<Severity> SeverityFromToolWord(std::string_view word);

}  // namespace candor::core
