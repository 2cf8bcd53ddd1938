#pragma once
// Finding a repository's CODEOWNERS file the way GitHub does, and reading one.
// Thread-safety: a free function reading the file system; safe to call from
// many threads.

#include <string>

#include "core/error.h"
#include "ownership/codeowners.h"

namespace candor::ownership {

// The first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` under
// `repo_dir` that is a regular file (GitHub's order; GitLab also looks in
// `.gitlab/CODEOWNERS`, checked last). kNotFound naming the directory when
// there is none.
core::Result<std::string> FindCodeownersFile(const std::string& repo_dir);

// Reads and parses the CODEOWNERS file at `path` ("-": standard input),
// refusing files over options.max_bytes before reading them whole.
// Errors: those of ingest::LoadInput and Codeowners::Parse.
core::Result<Codeowners> LoadCodeowners(const std::string& path, const ParseOptions& options = {});

}  // namespace candor::ownership
