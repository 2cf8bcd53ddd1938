#include "incidents/finding_tags.h"

#include <algorithm>

namespace candor::incidents {
namespace {

void AddOnce(std::vector<std::string>& tags, std::string tag) {
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
}

}  // namespace

core::Status AddFindingTags(store::Store& store, const std::vector<std::string>& finding_refs,
                            std::vector<std::string>& tags) {
  if (finding_refs.empty()) return {};
  auto findings = store.QueryFindings({});
  if (!findings) return std::unexpected(std::move(findings.error()));
  for (const store::StoredFinding& stored : *findings) {
    const bool linked = std::any_of(finding_refs.begin(), finding_refs.end(), [&](const std::string& ref) {
      return ref == std::to_string(stored.id) || ref == stored.finding.identity;
    });
    if (!linked) continue;
    for (int cwe : stored.finding.cwes) AddOnce(tags, "cwe:" + std::to_string(cwe));
    if (!stored.finding.rule_id.empty()) AddOnce(tags, "rule:" + stored.finding.rule_id);
  }
  return {};
}

}  // namespace candor::incidents
