#pragma once
// `.candor/service.yaml`: what a service is and who owns it (service name,
// owning team, tier, data classification, security champion and partner).
// Many repos' files make the service catalog (`candor service add`).
// Thread-safe: plain functions.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace candor::ownership {

inline constexpr size_t kMaxServiceFileBytes = size_t{64} << 10;

// Parses a service file. Required: service, team. Refused with FILE:LINE:COL
// (kInvalidInput): YAML syntax, unknown keys ("did you mean"), values that
// are not single words or names, a missing required key.
core::Result<store::ServiceRecord> ParseServiceFile(std::string_view yaml_text, std::string_view file_name);
core::Result<store::ServiceRecord> LoadServiceFile(const std::string& path);

}  // namespace candor::ownership
