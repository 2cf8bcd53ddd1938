#include "core/severity.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace candor::core {

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "info";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity s :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (EqualsIgnoreCase(name, ToString(s))) return s;
  }
  return std::nullopt;
}

Severity SeverityFromCvssScore(double score) {
  if (score >= 9.0) return Severity::kCritical;
  if (score >= 7.0) return Severity::kHigh;
  if (score >= 4.0) return Severity::kMedium;
  if (score > 0.0) return Severity::kLow;
  return Severity::kInfo;
}

std::optional<Severity> SeverityFromSarifLevel(std::string_view level) {
  if (level == "error") return Severity::kHigh;
  if (level == "warning") return Severity::kMedium;
  if (level == "note") return Severity::kLow;
  if (level == "none") return Severity::kInfo;
  return std::nullopt;
}

std::optional<Severity> SeverityFromToolWord(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, Severity>, 16> kWords{{
      {"critical", Severity::kCritical},
      {"high", Severity::kHigh},
      {"error", Severity::kHigh},
      {"medium", Severity::kMedium},
      {"moderate", Severity::kMedium},
      {"warning", Severity::kMedium},
      {"low", Severity::kLow},
      {"minor", Severity::kLow},
      {"note", Severity::kLow},
      {"info", Severity::kInfo},
      {"informational", Severity::kInfo},
      {"information", Severity::kInfo},
      {"none", Severity::kInfo},
      {"unknown", Severity::kInfo},
      {"negligible", Severity::kInfo},
      {"undefined", Severity::kInfo},
  }};
  for (const auto& [name, severity] : kWords) {
    if (EqualsIgnoreCase(word, name)) return severity;
  }
  return std::nullopt;
}

}  // namespace candor::core
