#pragma once
// Turning SARIF artifact locations (uri + uriBaseId, resolved through a run's
// originalUriBaseIds and versionControlProvenance) into repo-relative paths
// with '/' separators. Pure string work, no file system access.
// Not thread-safe while bases are being added; Resolve() is const.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candor::ingest::sarif {

// What Resolve() had to guess; the reader turns each into one warning per run.
enum PathIssue : uint32_t {
  kPathUnknownBase = 1u << 0,     // uriBaseId with no originalUriBaseIds entry (Trivy's ROOTPATH)
  kPathAbsoluteNoBase = 1u << 1,  // absolute path no base or repository root matched
  kPathEscapesRoot = 1u << 2,     // "../x": kept as given
  kPathBaseCycle = 1u << 3,       // originalUriBaseIds refer to each other in a loop
};

class UriResolver {
 public:
  // One originalUriBaseIds entry. Views must outlive the resolver.
  void AddBase(std::string_view name, std::string_view uri, std::string_view base_id);
  // A versionControlProvenance mappedTo: the repository root, as a uri and/or base id.
  void AddRepositoryRoot(std::string_view uri, std::string_view base_id);
  // Resolves the base chains; call once after the last Add*, before Resolve().
  void Finish();

  // Writes the normalised repo-relative path of (uri, base_id) to `out` and
  // ORs PathIssue bits into `issues`. http(s) and other non-file URIs are kept
  // as they are.
  void Resolve(std::string_view uri, std::string_view base_id, std::string& out, uint32_t& issues) const;

  bool has_bases() const { return !bases_.empty(); }

 private:
  struct Base {
    std::string_view name;
    std::string_view uri;
    std::string_view base_id;
    bool resolved = false;
    bool known_root = false;  // resolves to an absolute location
    std::string absolute;     // normalised absolute prefix ending in '/', when known_root
    std::string relative;     // repo-relative prefix ending in '/' (or empty)
  };
  const Base* Find(std::string_view name) const;
  void ResolveBase(Base& base, int depth);

  std::vector<Base> bases_;
  std::vector<std::string> repository_roots_;  // absolute prefixes ending in '/'
  std::vector<std::string> relative_roots_;    // roots given relative to a base without a uri
  std::vector<std::pair<std::string_view, std::string_view>> pending_roots_;
  uint32_t base_issues_ = 0;
};

// Helpers, exposed for tests.
// True for "scheme:" URIs other than file: (https://..., urn:...); a drive
// letter ("C:/x") is not a scheme.
bool IsNonFileUri(std::string_view uri);
// file: scheme removed, percent-decoding applied, '\\' -> '/'.
std::string DecodeUriPath(std::string_view uri);
// Removes "." segments and empty segments, collapses "a/../b"; leading ".."
// segments stay. Keeps a leading '/'.
void NormalizeDots(std::string& path);
bool IsAbsolutePath(std::string_view path);  // "/x", "C:/x", "//host/x"

}  // namespace candor::ingest::sarif
