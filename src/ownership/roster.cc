#include "ownership/roster.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "core/text.h"
#include "ingest/input.h"
#include "yaml/yaml_reader.h"

namespace candor::ownership {
namespace {

const store::TeamRecord* FindTeam(const std::vector<store::TeamRecord>& teams, std::string_view name) {
  for (const store::TeamRecord& team : teams) {
    if (team.name == name) return &team;
  }
  return nullptr;
}

// The first cycle of parent links, as "a -> b -> a"; empty when none.
std::string FindCycle(const std::vector<store::TeamRecord>& teams) {
  enum class Mark { kUnseen, kOnPath, kDone };
  std::vector<Mark> marks(teams.size(), Mark::kUnseen);
  std::vector<std::string> path;
  std::string cycle;
  std::function<void(size_t)> visit = [&](size_t index) {
    marks[index] = Mark::kOnPath;
    path.push_back(teams[index].name);
    for (const std::string& parent : teams[index].parents) {
      if (!cycle.empty()) return;
      const auto* found = FindTeam(teams, parent);
      const auto next = static_cast<size_t>(found - teams.data());
      if (marks[next] == Mark::kOnPath) {
        auto start = std::find(path.begin(), path.end(), parent);
        for (auto it = start; it != path.end(); ++it) cycle += *it + " -> ";
        cycle += parent;
        return;
      }
      if (marks[next] == Mark::kUnseen) visit(next);
    }
    path.pop_back();
    marks[index] = Mark::kDone;
  };
  for (size_t i = 0; i < teams.size() && cycle.empty(); ++i) {
    if (marks[i] == Mark::kUnseen) visit(i);
  }
  return cycle;
}

core::Result<std::vector<store::TeamRecord>> Walk(const YAML::Node& root, std::string_view file_name) {
  yaml::YamlReader reader(file_name, 1'000'000);
  auto entries = reader.Mapping(root, "the roster", {"version", "teams"});
  if (!entries) return std::unexpected(entries.error());
  std::vector<store::TeamRecord> teams;
  std::vector<std::string> team_origins;
  std::vector<std::vector<YAML::Node>> parent_nodes;
  for (const auto& entry : *entries) {
    if (entry.key == "version") {
      auto version = reader.Integer(entry.value, "version");
      if (!version) return std::unexpected(version.error());
      if (*version != 1)
        return reader.Error(entry.value, fmt::format("version {} is not known; use 1", *version));
      continue;
    }
    if (auto visited = reader.Visit(entry.value); !visited) return std::unexpected(visited.error());
    if (!entry.value.IsMap())
      return reader.Error(entry.value, "'teams' must map each team's name to its roster");
    for (auto it = entry.value.begin(); it != entry.value.end(); ++it) {
      const YAML::detail::iterator_value pair = *it;  // by value: yaml-cpp hands out a temporary
      if (!pair.first.IsScalar() || core::Trim(pair.first.Scalar()).empty()) {
        return reader.Error(pair.first, "a team's name must be a plain word");
      }
      store::TeamRecord team;
      team.name = std::string(core::Trim(pair.first.Scalar()));
      if (FindTeam(teams, team.name) != nullptr) {
        return reader.Error(pair.first, fmt::format("team '{}' is listed twice", team.name));
      }
      std::vector<YAML::Node> parents;
      if (!pair.second.IsNull()) {
        auto fields = reader.Mapping(pair.second, fmt::format("team '{}'", team.name),
                                     {"channel", "members", "parents"});
        if (!fields) return std::unexpected(fields.error());
        for (const auto& field : *fields) {
          if (field.key == "channel") {
            auto channel = reader.String(field.value, "channel");
            if (!channel) return std::unexpected(channel.error());
            team.channel = *channel;
            continue;
          }
          auto items = reader.OneOrMany(field.value, field.key);
          if (!items) return std::unexpected(items.error());
          for (const YAML::Node& item : *items) {
            std::string value(core::Trim(item.Scalar()));
            auto& list = field.key == "members" ? team.members : team.parents;
            if (std::find(list.begin(), list.end(), value) != list.end()) {
              return reader.Error(item, fmt::format("'{}' is listed twice in team '{}'", value, team.name));
            }
            list.push_back(value);
            if (field.key == "parents") parents.push_back(item);
          }
        }
      }
      teams.push_back(std::move(team));
      parent_nodes.push_back(std::move(parents));
    }
  }
  for (size_t i = 0; i < teams.size(); ++i) {
    for (size_t j = 0; j < teams[i].parents.size(); ++j) {
      if (FindTeam(teams, teams[i].parents[j]) == nullptr) {
        return reader.Error(parent_nodes[i][j],
                            fmt::format("parent '{}' of team '{}' is not a team of the roster",
                                        teams[i].parents[j], teams[i].name));
      }
    }
  }
  if (std::string cycle = FindCycle(teams); !cycle.empty()) {
    const std::string first = cycle.substr(0, cycle.find(' '));
    size_t index = static_cast<size_t>(FindTeam(teams, first) - teams.data());
    return reader.Error(parent_nodes[index].empty() ? root : parent_nodes[index][0],
                        fmt::format("teams nest in a cycle: {}", cycle));
  }
  return teams;
}

}  // namespace

core::Result<std::vector<store::TeamRecord>> ParseRoster(std::string_view yaml_text,
                                                         std::string_view file_name) {
  return yaml::ParseDocument<std::vector<store::TeamRecord>>(
      yaml_text, file_name, {"roster", kMaxRosterBytes},
      [&](const YAML::Node& root) { return Walk(root, file_name); });
}

core::Result<std::vector<store::TeamRecord>> LoadRoster(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = kMaxRosterBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return ParseRoster(input->bytes(), input->name());
}

std::string TeamOfOwner(const std::vector<store::TeamRecord>& roster, std::string_view owner) {
  for (const store::TeamRecord& team : roster) {
    for (const std::string& member : team.members) {
      if (core::EqualsIgnoreCase(member, owner)) return team.name;
    }
  }
  if (owner.starts_with('@')) {
    if (auto slash = owner.find('/'); slash != std::string_view::npos)
      return std::string(owner.substr(slash + 1));
  }
  return {};
}

}  // namespace candor::ownership
