#include "incidents/incident_input.h"

#include "core/text.h"

namespace candor::incidents {
namespace {

using core::ErrorCode;
using core::Fail;

}  // namespace

core::Result<std::string> NormalizeTime(std::string_view text, const core::Clock& clock,
                                        std::string_view where) {
  std::string_view trimmed = core::Trim(text);
  if (trimmed == "now") return core::FormatIso8601(clock.Now());
  if (trimmed.size() > 64) return Fail(ErrorCode::kInvalidInput, "time is too long", std::string(where));
  if (auto time = core::ParseIso8601(trimmed)) return core::FormatIso8601(*time);
  return Fail(ErrorCode::kInvalidInput,
              "'" + std::string(trimmed) + "' is not an ISO 8601 time (e.g. 2026-11-22T14:48:00Z)",
              std::string(where));
}

core::Result<int> ParseSeverity(std::string_view text, std::string_view where) {
  std::string lower = core::ToLower(core::Trim(text));
  if (lower.starts_with("sev")) lower.erase(0, 3);
  if (lower.size() == 1 && lower[0] >= '1' && lower[0] <= '4') return lower[0] - '0';
  return Fail(ErrorCode::kInvalidInput,
              "severity '" + std::string(text) + "' is not SEV1, SEV2, SEV3 or SEV4", std::string(where));
}

std::string SeverityName(int severity) {
  return "SEV" + std::to_string(severity);
}

core::Result<store::IncidentRole> ParseRole(std::string_view text, std::string_view where) {
  std::string lower = core::ToLower(core::Trim(text));
  if (lower == "ic" || lower == "incident-commander") lower = "commander";
  if (lower == "comms") lower = "communications";
  if (lower == "ops") lower = "operations";
  if (lower == "security") lower = "security-partner";
  if (auto role = store::ParseIncidentRole(lower)) return *role;
  return Fail(ErrorCode::kInvalidInput,
              "role '" + std::string(text) +
                  "' is not one of commander, communications, scribe, operations, security-partner",
              std::string(where));
}

}  // namespace candor::incidents
