#pragma once
// Reading a unified diff (git diff, git format-patch, diff -u) into a
// ChangeSet, in one pass over the text, without recursion.
//
// Understood: "diff --git" headers and git's extended headers (new/deleted
// file mode, old/new mode, similarity and dissimilarity index, rename and
// copy from/to, index); "---"/"+++" names with or without a/ b/ prefixes
// (also git's mnemonic ones), /dev/null, diff -u timestamps and git's
// C-quoted names; "Binary files ... differ" and "GIT binary patch" (skipped,
// the file marked binary); "\ No newline at end of file"; CRLF line ends;
// hunk headers with omitted counts and section text. Text before the first
// file and between files (a commit message and email headers, diffstat,
// "Index:" lines, the "-- " signature) is skipped. An empty line inside a
// hunk counts as an empty context line, as git apply reads it (mail and
// editors strip the lone space git writes).
//
// Errors (kInvalidInput, `where` = "name:line:column"): a malformed hunk
// header, a hunk whose body has more or fewer lines than its header says,
// something else where a hunk line is expected, a hunk before any file
// header, hunks out of order, a quoted name that does not decode, the same
// file changed twice (a patch series; apply the patches one at a time), and
// combined diffs of merges ("@@@", kUnsupported). Input over
// limits.max_input_bytes is kLimitExceeded.
// Pure functions, thread-safe.

#include <string_view>

#include "core/error.h"
#include "diff/change_set.h"
#include "ingest/input.h"

namespace candor::diff {

// `text` is the whole diff; `name` (a path or "<stdin>") prefixes error
// locations. Files appear in the order of the diff.
core::Result<ChangeSet> ParseUnifiedDiff(std::string_view text, std::string_view name,
                                         const ingest::Limits& limits = {});

// The same over a loaded input (ingest::LoadInput has applied the size limit
// already; a byte-order mark it removed is counted back into columns).
core::Result<ChangeSet> ParseUnifiedDiff(const ingest::InputBuffer& input, const ingest::Limits& limits = {});

}  // namespace candor::diff
