#pragma once
// Trivy JSON reports (filesystem, image, repository, kubernetes): vulnerabilities, misconfigurations,
// secrets.

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads the whole report as one run into `sink`.
core::Status ReadTrivy(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
