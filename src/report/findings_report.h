#pragma once
// Renders stored findings for `candor findings`: an aligned table for a
// terminal, JSON for machines, CSV for spreadsheets. Pure functions.

#include <string>
#include <vector>

#include "store/store.h"

namespace candor::report {

enum class FindingsFormat { kText, kJson, kCsv };

std::string RenderFindings(const std::vector<store::StoredFinding>& findings, FindingsFormat format);

// One finding as a JSON object (shared by every JSON output of findings).
std::string FindingJson(const store::StoredFinding& stored);

}  // namespace candor::report
