#pragma once
// Team rosters (`.candor/teams.yaml`, or the store's copy): which people and
// which CODEOWNERS team handles belong to which team, and how teams nest.
// This is how a CODEOWNERS owner that names a person (@dana, an email) is
// read as the team that owns the path: Candor records teams, never people,
// as owners of findings. Thread-safe: plain functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace candor::ownership {

inline constexpr size_t kMaxRosterBytes = size_t{4} << 20;

// Parses a roster file:
//   version: 1
//   teams:
//     payments:
//       channel: "#payments"
//       members: ["@dana", "sam@example.com", "@acme/payments-eng"]
//       parents: [commerce]
// Refused with FILE:LINE:COL: YAML syntax, unknown keys, a parent that is
// not a team of the file, a cycle of parents (naming it), a member listed
// twice in one team.
core::Result<std::vector<store::TeamRecord>> ParseRoster(std::string_view yaml_text,
                                                         std::string_view file_name);
core::Result<std::vector<store::TeamRecord>> LoadRoster(const std::string& path);

// The team a CODEOWNERS owner means: "@org/slug" is the roster team listing
// it as a member, else the team named "slug"; "@user" and emails are the
// first team (in roster order) listing them. Empty when no team does.
std::string TeamOfOwner(const std::vector<store::TeamRecord>& roster, std::string_view owner);

}  // namespace candor::ownership
