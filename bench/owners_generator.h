#pragma once
// Generates a repository-like path list and a CODEOWNERS file over it for the
// ownership benchmark (scripts/bench-owners): a random directory tree, files
// with common extensions, and rules in the mix large real files use
// (gitlab.CODEOWNERS, node.CODEOWNERS): anchored directories, files and
// `dir/*`, `/dir/**/*.ext`, extensions, any-depth names, prefixes, comments
// and a few owner-less lines. Only syntax GitHub and the npm `codeowners`
// package both accept (no `!`, no `[ ]`). Deterministic for a given seed.

#include <cstddef>
#include <cstdint>
#include <string>

namespace candor::bench {

struct OwnersShape {
  size_t rules = 3'000;  // pattern lines, not counting comments and blanks
  size_t paths = 100'000;
  size_t directories = 12'000;
  uint32_t seed = 42;
};

struct OwnersInput {
  std::string codeowners;  // the file's text
  std::string paths;       // one path per line
};

OwnersInput GenerateOwnersInput(const OwnersShape& shape);

}  // namespace candor::bench
