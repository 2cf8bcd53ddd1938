#include "threatmodel/threat_diff.h"

#include <unordered_set>

namespace candor::threatmodel {

AssessmentDiff DiffAssessments(const Assessment& before, const Assessment& after) {
  AssessmentDiff diff;
  // A merge of the two id-sorted lists: linear, so 10,000-flow models diff fast.
  size_t i = 0, j = 0;
  while (i < before.threats.size() || j < after.threats.size()) {
    if (j == after.threats.size() ||
        (i < before.threats.size() && before.threats[i].id < after.threats[j].id)) {
      diff.removed.push_back(before.threats[i++]);
    } else if (i == before.threats.size() || after.threats[j].id < before.threats[i].id) {
      diff.added.push_back(after.threats[j++]);
    } else {
      if (before.threats[i].severity != after.threats[j].severity) {
        diff.changed.push_back({before.threats[i], after.threats[j]});
      }
      ++i;
      ++j;
    }
  }
  std::unordered_set<std::string_view> old_ids, new_ids;
  for (const auto& r : before.requirements) old_ids.insert(r.requirement.id);
  for (const auto& r : after.requirements) new_ids.insert(r.requirement.id);
  for (const auto& r : after.requirements)
    if (!old_ids.contains(r.requirement.id)) diff.requirements_added.push_back(r);
  for (const auto& r : before.requirements)
    if (!new_ids.contains(r.requirement.id)) diff.requirements_removed.push_back(r);
  return diff;
}

std::vector<const Threat*> UndecidedAtOrAbove(const AssessmentDiff& diff, core::Severity threshold) {
  std::vector<const Threat*> out;
  for (const Threat& t : diff.added)
    if (t.status == ThreatStatus::kOpen && t.severity >= threshold) out.push_back(&t);
  for (const SeverityChange& c : diff.changed) {
    if (c.after.status == ThreatStatus::kOpen && c.after.severity >= threshold &&
        c.after.severity > c.before.severity) {
      out.push_back(&c.after);
    }
  }
  return out;
}

}  // namespace candor::threatmodel
