#include "ownership/owner_resolver.h"

#include <filesystem>

#include "ownership/locate.h"
#include "ownership/roster.h"
#include "ownership/service_file.h"

namespace candor::ownership {

OwnerResolver::OwnerResolver(std::optional<Codeowners> codeowners, std::vector<store::TeamRecord> roster,
                             std::string service_team)
    : codeowners_(std::move(codeowners)),
      roster_(std::move(roster)),
      service_team_(std::move(service_team)) {}

const std::string& OwnerResolver::TeamOf(std::string_view path) {
  // Findings share few paths; resolving each once keeps ingest's cost flat.
  if (auto found = cache_.find(path); found != cache_.end()) return found->second;
  return cache_.emplace(std::string(path), Resolve(path)).first->second;
}

std::string OwnerResolver::Resolve(std::string_view path) const {
  if (path.empty() || !codeowners_) return service_team_;
  Ownership owners = codeowners_->OwnersOf(path);
  if (owners.line == 0) return service_team_;  // no rule matches: the service's team
  for (const std::string& owner : owners.owners) {
    if (std::string team = TeamOfOwner(roster_, owner); !team.empty()) return team;
  }
  return {};  // un-owned by the file, or owned only by people in no team
}

core::Result<LoadedOwnership> LoadOwnership(const OwnershipSources& sources,
                                            std::vector<store::TeamRecord> store_roster) {
  namespace fs = std::filesystem;
  std::error_code ignored;
  auto present = [&](const std::string& given, const std::string& default_path) -> std::string {
    if (!given.empty()) return given;
    return fs::is_regular_file(default_path, ignored) ? default_path : std::string();
  };
  const fs::path candor_dir = fs::path(sources.repo_dir) / ".candor";
  LoadedOwnership loaded;

  std::optional<Codeowners> codeowners;
  std::string codeowners_file = sources.codeowners_file;
  if (codeowners_file.empty()) {
    auto found = FindCodeownersFile(sources.repo_dir);
    if (found) codeowners_file = *found;  // none found: nothing owns by CODEOWNERS
  }
  if (!codeowners_file.empty()) {
    auto parsed = LoadCodeowners(codeowners_file);
    if (!parsed) return std::unexpected(parsed.error());
    codeowners = std::move(*parsed);
  }

  std::vector<store::TeamRecord> roster;
  if (std::string file = present(sources.roster_file, (candor_dir / "teams.yaml").string()); !file.empty()) {
    auto parsed = LoadRoster(file);
    if (!parsed) return std::unexpected(parsed.error());
    roster = std::move(*parsed);
  }
  roster.insert(roster.end(), std::make_move_iterator(store_roster.begin()),
                std::make_move_iterator(store_roster.end()));

  std::string service_team;
  if (std::string file = present(sources.service_file, (candor_dir / "service.yaml").string());
      !file.empty()) {
    auto parsed = LoadServiceFile(file);
    if (!parsed) return std::unexpected(parsed.error());
    service_team = parsed->team;
    loaded.service = std::move(*parsed);
  }
  loaded.resolver = OwnerResolver(std::move(codeowners), std::move(roster), std::move(service_team));
  return loaded;
}

}  // namespace candor::ownership
