#pragma once
// Bandit (Python SAST) JSON reports.

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads the whole report as one run into `sink`.
core::Status ReadBandit(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
