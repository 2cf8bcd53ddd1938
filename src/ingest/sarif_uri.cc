#include "ingest/sarif_uri.h"

#include <algorithm>

#include "core/text.h"

namespace candor::ingest::sarif {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool HasDrive(std::string_view path) {
  return path.size() >= 2 && IsAlpha(path[0]) && path[1] == ':' && (path.size() == 2 || path[2] == '/');
}

// Appends the decoded path of `uri` to `out`.
void AppendDecoded(std::string_view uri, std::string& out) {
  if (core::StartsWithIgnoreCase(uri, "file:")) {
    uri.remove_prefix(5);
    if (uri.starts_with("//")) {
      uri.remove_prefix(2);
      // file://host/path: "localhost" and "" mean this machine; other hosts stay as a UNC path.
      size_t slash = uri.find('/');
      std::string_view host = uri.substr(0, slash);
      if (!host.empty() && !core::EqualsIgnoreCase(host, "localhost")) {
        out += "//";
      } else {
        uri.remove_prefix(host.size());
      }
    }
    // "/C:/x" is the drive path "C:/x".
    if (uri.size() >= 3 && uri[0] == '/' && HasDrive(uri.substr(1))) uri.remove_prefix(1);
  }
  const size_t start = out.size();
  // Copies the runs between escapes whole: most URIs have no escape at all.
  size_t i = 0;
  while (i < uri.size()) {
    size_t percent = uri.find('%', i);
    if (percent == std::string_view::npos) percent = uri.size();
    out.append(uri.substr(i, percent - i));
    if (percent == uri.size()) break;
    int hi = percent + 2 < uri.size() ? HexValue(uri[percent + 1]) : -1;
    int lo = percent + 2 < uri.size() ? HexValue(uri[percent + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i = percent + 3;
    } else {
      out += '%';
      i = percent + 1;
    }
  }
  // Backslashes, given or decoded, separate path segments too.
  std::replace(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(), '\\', '/');
}

bool NeedsDotNormalization(std::string_view path) {
  // A "." or ".." segment starts the path or follows a '/'; an empty one is "//".
  // One pass over the bytes: most paths have neither.
  bool suspect = path.starts_with('.');
  for (size_t i = 0; !suspect && i + 1 < path.size(); ++i) {
    suspect = path[i] == '/' && (path[i + 1] == '.' || path[i + 1] == '/');
  }
  if (!suspect) return false;
  size_t start = 0;
  if (path.starts_with('/')) start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return true;
    if (segment.empty() && end != path.size()) return true;  // "a//b"
    start = end + 1;
  }
  return false;
}

bool StartsWithDir(std::string_view path, std::string_view prefix) {
  // `prefix` ends with '/', so a match is on a segment boundary.
  return !prefix.empty() && path.starts_with(prefix);
}

void EnsureTrailingSlash(std::string& path) {
  if (!path.empty() && path.back() != '/') path += '/';
}

}  // namespace

bool IsNonFileUri(std::string_view uri) {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;  // "C:" is a drive
  if (!IsAlpha(uri[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = uri[i];
    if (!(IsAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) return false;
  }
  return !core::EqualsIgnoreCase(uri.substr(0, colon), "file");
}

std::string DecodeUriPath(std::string_view uri) {
  std::string out;
  AppendDecoded(uri, out);
  return out;
}

bool IsAbsolutePath(std::string_view path) {
  return path.starts_with('/') || HasDrive(path);
}

void NormalizeDots(std::string& path) {
  if (!NeedsDotNormalization(path)) return;
  const bool rooted = path.starts_with('/');
  const bool trailing = path.size() > 1 && path.ends_with('/');
  std::vector<std::string_view> kept;
  std::string_view view(path);
  size_t start = rooted ? 1 : 0;
  while (start <= view.size()) {
    size_t end = view.find('/', start);
    if (end == std::string_view::npos) end = view.size();
    std::string_view segment = view.substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty() && kept.back() != "..") {
        kept.pop_back();
      } else if (!rooted) {
        kept.push_back(segment);
      }
      continue;
    }
    kept.push_back(segment);
  }
  std::string out;
  out.reserve(path.size());
  if (rooted) out += '/';
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (trailing && !kept.empty()) out += '/';
  path = std::move(out);
}

void UriResolver::AddBase(std::string_view name, std::string_view uri, std::string_view base_id) {
  Base base;
  base.name = name;
  base.uri = uri;
  base.base_id = base_id;
  bases_.push_back(std::move(base));
}

void UriResolver::AddRepositoryRoot(std::string_view uri, std::string_view base_id) {
  pending_roots_.emplace_back(uri, base_id);
}

const UriResolver::Base* UriResolver::Find(std::string_view name) const {
  for (const Base& base : bases_) {
    if (base.name == name) return &base;
  }
  return nullptr;
}

void UriResolver::ResolveBase(Base& base, int depth) {
  if (base.resolved) return;
  base.resolved = true;                                    // set first, so a cycle stops here
  if (base.uri.empty() || IsNonFileUri(base.uri)) return;  // the root itself, location unknown
  std::string decoded = DecodeUriPath(base.uri);
  EnsureTrailingSlash(decoded);
  if (IsAbsolutePath(decoded)) {
    NormalizeDots(decoded);
    base.known_root = true;
    base.absolute = std::move(decoded);
    return;
  }
  if (base.base_id.empty()) {
    base.relative = std::move(decoded);
    NormalizeDots(base.relative);
    return;
  }
  Base* parent = const_cast<Base*>(Find(base.base_id));
  if (parent == nullptr) {
    base_issues_ |= kPathUnknownBase;
  } else if (depth > 32 || parent == &base) {
    base_issues_ |= kPathBaseCycle;
  } else {
    ResolveBase(*parent, depth + 1);
    if (parent->known_root) {
      base.known_root = true;
      base.absolute = parent->absolute + decoded;
      NormalizeDots(base.absolute);
    }
    base.relative = parent->relative;
  }
  base.relative += decoded;
  NormalizeDots(base.relative);
}

void UriResolver::Finish() {
  for (Base& base : bases_) ResolveBase(base, 0);
  for (auto [uri, base_id] : pending_roots_) {
    std::string root;
    if (!base_id.empty()) {
      const Base* base = Find(base_id);
      if (base == nullptr || !base->known_root) {
        if (base != nullptr) relative_roots_.push_back(base->relative + DecodeUriPath(uri));
        continue;
      }
      root = base->absolute;
    }
    AppendDecoded(uri, root);
    EnsureTrailingSlash(root);
    NormalizeDots(root);
    if (IsAbsolutePath(root)) repository_roots_.push_back(std::move(root));
  }
  for (std::string& root : relative_roots_) {
    EnsureTrailingSlash(root);
    NormalizeDots(root);
  }
  std::erase_if(relative_roots_, [](const std::string& root) { return root.empty() || root == "/"; });
  pending_roots_.clear();
}

void UriResolver::Resolve(std::string_view uri, std::string_view base_id, std::string& out,
                          uint32_t& issues) const {
  out.clear();
  if (IsNonFileUri(uri)) {
    out.assign(uri);
    return;
  }
  AppendDecoded(uri, out);
  if (!IsAbsolutePath(out)) {
    if (!base_id.empty()) {
      const Base* base = Find(base_id);
      if (base == nullptr) {
        issues |= kPathUnknownBase;
      } else if (!base->relative.empty()) {
        out.insert(0, base->relative);
        issues |= base_issues_;
      }
    }
    NormalizeDots(out);
    for (const std::string& root : relative_roots_) {
      if (StartsWithDir(out, root)) {
        out.erase(0, root.size());
        break;
      }
    }
    if (out == ".." || out.starts_with("../")) {
      issues |= kPathEscapesRoot;
      out.clear();
      AppendDecoded(uri, out);  // kept as given
    }
    return;
  }
  NormalizeDots(out);
  for (const std::string& root : repository_roots_) {
    if (StartsWithDir(out, root)) {
      out.erase(0, root.size());
      return;
    }
  }
  const Base* best = nullptr;
  for (const Base& base : bases_) {
    if (base.known_root && StartsWithDir(out, base.absolute) &&
        (best == nullptr || base.absolute.size() < best->absolute.size())) {
      best = &base;
    }
  }
  if (best != nullptr) {
    out.replace(0, best->absolute.size(), best->relative);
    return;
  }
  issues |= kPathAbsoluteNoBase;
  size_t slashes = out.find_first_not_of('/');
  out.erase(0, slashes == std::string::npos ? out.size() : slashes);
}

}  // namespace candor::ingest::sarif
