#pragma once
// The owning team of a path: what puts a team on every ingested and checked
// finding. CODEOWNERS decides first (its owners read as teams through the
// roster); a path no CODEOWNERS line matches belongs to the service's team
// (service.yaml); a path whose matching line has no owners, or whose owners
// are in no team, is unowned: an ownership gap, reported as such.
// Thread-safety: TeamOf caches, so one resolver per thread.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "ownership/codeowners.h"
#include "store/store.h"

namespace candor::ownership {

class OwnerResolver {
 public:
  OwnerResolver() = default;  // owns nothing: every path is unowned
  OwnerResolver(std::optional<Codeowners> codeowners, std::vector<store::TeamRecord> roster,
                std::string service_team);

  // The owning team of repo-relative `path` ("" for a finding without one,
  // e.g. a dependency: the service's team); empty when nobody owns it.
  const std::string& TeamOf(std::string_view path);
  // Whether anything could own a path at all (a CODEOWNERS file or a service).
  bool configured() const { return codeowners_.has_value() || !service_team_.empty(); }

 private:
  std::string Resolve(std::string_view path) const;

  std::optional<Codeowners> codeowners_;
  std::vector<store::TeamRecord> roster_;
  std::string service_team_;
  std::unordered_map<std::string, std::string, core::StringHash, std::equal_to<>> cache_;
};

// Where ownership comes from for a checkout. Empty fields: found under
// repo_dir as GitHub does (CODEOWNERS) and at .candor/service.yaml and
// .candor/teams.yaml; missing files are fine (nothing owns). `roster` adds
// the store's teams after the file's.
struct OwnershipSources {
  std::string repo_dir = ".";
  std::string codeowners_file;
  std::string service_file;
  std::string roster_file;
};

struct LoadedOwnership {
  OwnerResolver resolver;
  std::optional<store::ServiceRecord> service;
};

// Reads what `sources` names. A named file that cannot be read or parsed is
// an error (FILE:LINE:COL); a file found by looking is read only if present.
core::Result<LoadedOwnership> LoadOwnership(const OwnershipSources& sources,
                                            std::vector<store::TeamRecord> store_roster);

}  // namespace candor::ownership
