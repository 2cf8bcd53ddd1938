#include "ingest/sarif_extract.h"

#include <algorithm>

#include "core/text.h"

namespace candor::ingest::sarif {
namespace {

bool IsAlnum(char c) {
  return core::IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
char Upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Digits at `text[pos...]` as a number; sets `end`. Returns -1 when none or too long.
int ReadNumber(std::string_view text, size_t pos, size_t& end) {
  end = pos;
  int value = 0;
  while (end < text.size() && core::IsAsciiDigit(text[end])) {
    if (end - pos >= 7) return -1;
    value = value * 10 + (text[end] - '0');
    ++end;
  }
  return end == pos ? -1 : value;
}

size_t FindIgnoreCase(std::string_view text, std::string_view word, size_t from) {
  for (size_t i = from; i + word.size() <= text.size(); ++i) {
    if (core::EqualsIgnoreCase(text.substr(i, word.size()), word)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

bool AppendCwes(std::string_view text, std::vector<int>& out) {
  bool found = false;
  size_t pos = 0;
  while ((pos = FindIgnoreCase(text, "cwe", pos)) != std::string_view::npos) {
    size_t at = pos + 3;
    pos = at;
    if (at < text.size() && (text[at] == '-' || text[at] == ':' || text[at] == '_')) ++at;
    size_t end = 0;
    int number = ReadNumber(text, at, end);
    if (number > 0 && (end == text.size() || !IsAlnum(text[end]))) {
      out.push_back(number);
      found = true;
      pos = end;
    }
  }
  return found;
}

int ParseCweId(std::string_view id) {
  id = core::Trim(id);
  if (core::StartsWithIgnoreCase(id, "cwe")) {
    id.remove_prefix(3);
    if (!id.empty() && (id[0] == '-' || id[0] == ':')) id.remove_prefix(1);
  }
  size_t end = 0;
  int number = ReadNumber(id, 0, end);
  return (number > 0 && end == id.size()) ? number : 0;
}

bool AppendAdvisories(std::string_view text, std::vector<std::string>& out) {
  bool found = false;
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && IsAlnum(text[i - 1])) continue;
    std::string_view rest = text.substr(i);
    if (core::StartsWithIgnoreCase(rest, "CVE-")) {
      // CVE-YYYY-NNNN, at least four digits after the year.
      size_t year_end = 0;
      if (ReadNumber(rest, 4, year_end) < 0 || year_end != 8 || year_end >= rest.size() ||
          rest[year_end] != '-') {
        continue;
      }
      size_t end = year_end + 1;
      while (end < rest.size() && core::IsAsciiDigit(rest[end]) && end - year_end <= 8) ++end;
      if (end - year_end - 1 < 4) continue;
      std::string id(rest.substr(0, end));
      std::transform(id.begin(), id.end(), id.begin(), Upper);
      out.push_back(std::move(id));
      found = true;
      i += end - 1;
    } else if (core::StartsWithIgnoreCase(rest, "GHSA-")) {
      // GHSA-xxxx-xxxx-xxxx
      if (rest.size() < 19) continue;
      bool ok = true;
      for (size_t k = 5; k < 19 && ok; ++k) {
        ok = (k == 9 || k == 14) ? rest[k] == '-' : IsAlnum(rest[k]);
      }
      if (!ok || (rest.size() > 19 && IsAlnum(rest[19]))) continue;
      std::string id = "GHSA-";
      for (size_t k = 5; k < 19; ++k) id += Lower(rest[k]);
      out.push_back(std::move(id));
      found = true;
      i += 18;
    }
  }
  return found;
}

void SortUnique(std::vector<int>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

void SortUnique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

bool ParseDependencyLines(std::string_view text, core::Dependency& out) {
  std::string_view package, version, fixed, type;
  int packages = 0, versions = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = core::Trim(text.substr(start, end - start));
    start = end + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = core::Trim(line.substr(0, colon));
    std::string_view value = core::Trim(line.substr(colon + 1));
    if (key == "Package") {
      package = value;
      ++packages;
    } else if (key == "Installed Version" || key == "Version") {
      version = value;
      ++versions;
    } else if (key == "Fixed Version" || key == "Fix Version") {
      fixed = value;
    } else if (key == "Type") {
      type = value;
    }
  }
  if (packages != 1 || versions != 1 || package.empty() || version.empty()) return false;
  out.package = package;
  out.installed_version = version;
  out.fixed_version = fixed;
  out.ecosystem = type;
  return true;
}

}  // namespace candor::ingest::sarif
