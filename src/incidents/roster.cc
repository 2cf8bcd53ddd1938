#include "incidents/roster.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace candor::incidents {

void Roster::Add(std::string_view full_name) {
  for (std::string_view part : core::Split(core::Trim(full_name), ' ')) {
    part = core::Trim(part);
    // One-letter initials would match too much prose ("I", "A").
    if (part.size() >= 2) names_.emplace(part);
  }
}

bool Roster::IsName(std::string_view word) const {
  if (word.ends_with("'s")) {
    word.remove_suffix(2);
  } else if (word.ends_with("\xE2\x80\x99s")) {  // a typographic apostrophe
    word.remove_suffix(4);
  }
  return !word.empty() && names_.contains(std::string(word));
}

Roster ParseRoster(std::string_view text) {
  Roster roster;
  for (std::string_view line : core::Split(text, '\n')) {
    line = core::Trim(line);
    if (line.empty() || line.front() == '#') continue;
    roster.Add(line);
  }
  return roster;
}

core::Result<Roster> LoadRoster(const std::string& path) {
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (error) return core::Fail(core::ErrorCode::kNotFound, "cannot read names file", path);
  if (size > kMaxRosterBytes)
    return core::Fail(core::ErrorCode::kLimitExceeded, "names file is larger than 1 MB", path);
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) return core::Fail(core::ErrorCode::kIo, "cannot read names file", path);
  std::string text = buffer.str();
  int line = 1;
  for (char c : text) {
    if (c == '\n') {
      ++line;
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') {
      return core::Fail(core::ErrorCode::kInvalidInput, "control character in a name",
                        path + ":" + std::to_string(line) + ":1");
    }
  }
  return ParseRoster(text);
}

}  // namespace candor::incidents
