#include "incidents/repeats.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/clock.h"

namespace candor::incidents {
namespace {

std::vector<std::string> Shared(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both;
}

}  // namespace

std::vector<Repeat> FindRepeats(const std::vector<store::IncidentRecord>& incidents,
                                const std::vector<store::ActionItemRecord>& actions,
                                std::chrono::days window) {
  std::map<int64_t, FollowThrough> follow_through;
  for (const auto& item : actions) {
    FollowThrough& f = follow_through[item.incident_id];
    bool done = item.status == store::ActionStatus::kDone;
    bool systemic = item.kind == store::ActionKind::kSystemic;
    f.total += 1;
    f.done += done;
    f.systemic_total += systemic;
    f.systemic_done += systemic && done;
  }
  struct Dated {
    const store::IncidentRecord* incident;
    core::TimePoint opened;
  };
  std::vector<Dated> dated;
  for (const auto& incident : incidents) {
    if (auto opened = core::ParseIso8601(incident.opened_at)) dated.push_back({&incident, *opened});
  }
  std::stable_sort(dated.begin(), dated.end(),
                   [](const Dated& a, const Dated& b) { return a.opened < b.opened; });
  std::vector<Repeat> repeats;
  for (size_t later = 0; later < dated.size(); ++later) {
    Repeat repeat{*dated[later].incident, {}};
    for (size_t earlier = later; earlier-- > 0;) {
      if (dated[later].opened - dated[earlier].opened > window) break;
      auto services = Shared(dated[earlier].incident->services, dated[later].incident->services);
      auto tags = Shared(dated[earlier].incident->tags, dated[later].incident->tags);
      if (services.empty() || tags.empty()) continue;
      repeat.earlier.push_back({*dated[earlier].incident, std::move(services), std::move(tags),
                                follow_through[dated[earlier].incident->id]});
    }
    if (!repeat.earlier.empty()) repeats.push_back(std::move(repeat));
  }
  return repeats;
}

}  // namespace candor::incidents
