#include "ownership/locate.h"

#include <array>
#include <filesystem>
#include <system_error>

#include "ingest/input.h"

namespace candor::ownership {

core::Result<std::string> FindCodeownersFile(const std::string& repo_dir) {
  static constexpr std::array kCandidates{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
                                          ".gitlab/CODEOWNERS"};
  for (const char* candidate : kCandidates) {
    // "." gives ".github/CODEOWNERS", not "./.github/CODEOWNERS", in messages.
    std::filesystem::path path =
        repo_dir == "." ? std::filesystem::path(candidate) : std::filesystem::path(repo_dir) / candidate;
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return path.string();
  }
  return core::Fail(core::ErrorCode::kNotFound,
                    "no CODEOWNERS file in .github/, the root or docs/ (nor .gitlab/)", repo_dir);
}

core::Result<Codeowners> LoadCodeowners(const std::string& path, const ParseOptions& options) {
  ingest::Limits limits;
  limits.max_input_bytes = options.max_bytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return Codeowners::Parse(input->bytes(), input->name(), options);
}

}  // namespace candor::ownership
