#pragma once
// `.candor/decisions.yaml`: the team's risk decisions, kept in the repository
// and reviewed like code (docs/decisions.md has the format). Reading a file
// checks each decision on its own; whether its approver had the authority and
// whether it is new enough to record are the register's questions
// (decisions/register.h). Thread-safe: plain functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/error.h"

namespace candor::decisions {

inline constexpr size_t kMaxDecisionsFileBytes = size_t{4} << 20;
inline constexpr size_t kMaxDecisions = 10000;

// Parses a decisions file. Refused with FILE:LINE:COL (kInvalidInput):
// YAML syntax, unknown keys, wrong types, a duplicate id, an unknown kind or
// severity, a scope with none or more than one of identity / rule / threat,
// a malformed path glob, a missing rationale, team, approver or approver
// role, accept_risk or fix_scheduled without `expires`, an expiry not after
// `created`. Over the size or count bounds: kLimitExceeded.
core::Result<std::vector<core::Decision>> ParseDecisions(std::string_view yaml_text,
                                                         std::string_view file_name);
// Reads PATH (bounded) and parses it; kNotFound or kIo when it cannot be read.
core::Result<std::vector<core::Decision>> LoadDecisions(const std::string& path);

// Checks the fields every decision needs (ParseDecisions' rules, for a
// decision made on the command line); `where` prefixes the message.
core::Status ValidateDecision(const core::Decision& decision, std::string_view where);

}  // namespace candor::decisions
