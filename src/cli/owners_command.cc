// candor owners: which team owns a path, and which CODEOWNERS line says so.

#include <fmt/format.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "ownership/codeowners.h"
#include "ownership/locate.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor owners src/main.cc docs/index.md
  git ls-files | candor owners --format json
  candor owners --codeowners .github/CODEOWNERS --dialect github -- lib/foo.js

Without --codeowners the file is found as GitHub finds it: .github/CODEOWNERS, CODEOWNERS,
docs/CODEOWNERS (then .gitlab/CODEOWNERS) under --repo-dir. The last matching line wins; in a
GitLab file with [Sections] the owners are the union of each section's last match.)EX";

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + JsonString(items[i]);
  return out + "]";
}

std::string TextLine(const std::string& path, const ownership::Ownership& owners, const std::string& file) {
  if (!owners.owned()) {
    if (owners.line == 0) return fmt::format("{}: unowned\n", path);
    return fmt::format("{}: unowned ({}:{} has no owners)\n", path, file, owners.line);
  }
  std::string list;
  for (const auto& owner : owners.owners) list += (list.empty() ? "" : " ") + owner;
  return fmt::format("{}: {} ({}:{})\n", path, list, file, owners.line);
}

std::string JsonLine(const std::string& path, const ownership::Ownership& owners) {
  std::string sections;
  for (const auto& match : owners.matches) {
    sections += fmt::format("{}{{\"section\":{},\"optional\":{},\"line\":{},\"owners\":{}}}",
                            sections.empty() ? "" : ",", JsonString(match.section), match.optional,
                            match.line, JsonList(match.owners));
  }
  return fmt::format("{{\"path\":{},\"owners\":{},\"line\":{},\"matches\":[{}]}}\n", JsonString(path),
                     JsonList(owners.owners), owners.line == 0 ? "null" : std::to_string(owners.line),
                     sections);
}

}  // namespace

int RunOwners(std::span<char* const> args) {
  CLI::App app{"Print each path's owners and the CODEOWNERS line that matched.", "owners"};
  app.footer(std::string(kExamples));
  std::string codeowners_path, repo_dir = ".", format = "text", dialect = "auto";
  std::vector<std::string> paths;
  app.add_option("--codeowners", codeowners_path, "CODEOWNERS file (default: found under --repo-dir)");
  app.add_option("--repo-dir", repo_dir, "Repository to find the CODEOWNERS file in (default: .)");
  app.add_option("--format", format, "text or json (one JSON object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--dialect", dialect, "auto (GitLab if the file has [Sections]), github or gitlab")
      ->check(CLI::IsMember({"auto", "github", "gitlab"}));
  app.add_option("paths", paths, "Repository-relative paths; none or '-': read them from standard input");
  if (auto exit = ParseArgs(app, args)) return *exit;

  if (codeowners_path.empty()) {
    auto found = ownership::FindCodeownersFile(repo_dir);
    if (!found) return ReportError(found.error());
    codeowners_path = *found;
  }
  ownership::ParseOptions options;
  options.dialect = dialect == "github"   ? ownership::Dialect::kGitHub
                    : dialect == "gitlab" ? ownership::Dialect::kGitLab
                                          : ownership::Dialect::kAuto;
  auto codeowners = ownership::LoadCodeowners(codeowners_path, options);
  if (!codeowners) return ReportError(codeowners.error());

  bool json = format == "json";
  std::string out;
  auto answer = [&](const std::string& path) {
    if (path.empty()) return;
    auto owners = codeowners->OwnersOf(path);
    out += json ? JsonLine(path, owners) : TextLine(path, owners, codeowners_path);
    if (out.size() > (1 << 16)) {
      fmt::print("{}", out);
      out.clear();
    }
  };
  bool from_stdin = paths.empty();
  for (const auto& path : paths) {
    if (path == "-") {
      from_stdin = true;
    } else {
      answer(path);
    }
  }
  if (from_stdin) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      answer(line);
    }
  }
  fmt::print("{}", out);
  return 0;
}

}  // namespace candor::cli
