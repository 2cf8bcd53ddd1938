#pragma once
// What people type about incidents, checked: times in ISO 8601 (stored as UTC
// seconds, "2026-11-22T14:48:00Z"), severities SEV1..SEV4, role names. Errors
// are kInvalidInput naming the option or field (`where`).

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "store/incident_records.h"

namespace candor::incidents {

// Accepts "2026-11-22T14:48:00Z", "2026-11-22T14:48Z", "2026-11-22 14:48:00",
// fractional seconds, numeric offsets ("+01:00", "-0500"), and "now".
core::Result<std::string> NormalizeTime(std::string_view text, const core::Clock& clock,
                                        std::string_view where);
// "SEV1".."SEV4" (any case) or "1".."4".
core::Result<int> ParseSeverity(std::string_view text, std::string_view where);
std::string SeverityName(int severity);  // "SEV2"
core::Result<store::IncidentRole> ParseRole(std::string_view text, std::string_view where);

}  // namespace candor::incidents
