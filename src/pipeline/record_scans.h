#pragma once
// `candor ingest` as a library function: read scanners' output files, give
// each finding its identity, and record scans and findings in the store, all
// in one transaction. Either every file is recorded or nothing is.
// The server will call the same function.

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/finding.h"
#include "ingest/format.h"
#include "ingest/input.h"
#include "ownership/owner_resolver.h"
#include "store/store.h"

namespace candor::pipeline {

struct RecordRequest {
  std::vector<std::string> files;  // paths; "-" is standard input
  ingest::Format format = ingest::Format::kAuto;
  ingest::Limits limits;
  std::string repo;
  std::string commit;
  std::string branch;
  core::Stage stage = core::Stage::kMain;
  // The checkout of `commit`, when available: findings without tool
  // fingerprints are then identified by the code around them.
  std::string source_dir;
  // Who owns each finding's path; null: findings carry no team.
  ownership::OwnerResolver* owners = nullptr;
  // Runs inside the transaction after every file is recorded (applying risk
  // decisions, say): an error rolls everything back.
  std::function<core::Status(store::Store&)> before_commit;
};

struct RunOutcome {
  core::RunInfo run;
  bool already_recorded = false;  // the same input for the same commit was ingested before
  size_t findings = 0;
  std::array<size_t, 5> by_severity{};  // indexed by core::Severity
  // For a main-stage scan: findings of this tool that the previous commit's
  // main scan saw and this commit's did not, now fixed (on the tool's first
  // newly recorded run only).
  int64_t fixed = 0;
  size_t unowned = 0;  // findings whose path no team owns (only counted with RecordRequest::owners)
};

struct FileOutcome {
  std::string name;
  ingest::Format format = ingest::Format::kAuto;  // as detected or given
  size_t bytes = 0;
  std::vector<RunOutcome> runs;
  std::vector<std::string> warnings;
};

// Progress of the file being read: (file name, bytes done, bytes total).
using ProgressFn = std::function<void(const std::string&, size_t, size_t)>;

// Records every file or none: on the first error the transaction is rolled
// back and the error (naming the file and position) is returned.
core::Result<std::vector<FileOutcome>> RecordScans(const RecordRequest& request, store::Store& store,
                                                   const core::Clock& clock, const ProgressFn& progress = {});

}  // namespace candor::pipeline
