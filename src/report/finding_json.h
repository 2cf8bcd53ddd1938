#pragma once
// What a finding is, as JSON: the fields every machine format that lists
// findings shares (`candor check --format json`, `candor findings --format
// json`), in this order: tool, tool_version, rule_id, rule_name, category,
// severity, tool_severity, cwe[], advisories[], path, start_line,
// start_column, end_line, end_column, message, help, help_uri, identity,
// fingerprints{}, partial_fingerprints{}, then dependency{} for a
// dependency finding. Each format adds its own fields after these.
// Fingerprints are objects by name; of two with the same name the first wins.
// Pure function, thread-safe.

#include <nlohmann/json.hpp>

#include "core/finding.h"

namespace candor::report {

nlohmann::ordered_json FindingJsonFields(const core::Finding& finding);

}  // namespace candor::report
