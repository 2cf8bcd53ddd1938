#pragma once
// The header of one hunk of a unified diff: "@@ -OLD[,COUNT] +NEW[,COUNT] @@"
// and, after it, optional section text (the enclosing function, which git
// writes). An omitted count means 1. Pure function, thread-safe.

#include <string_view>

#include "diff/change_set.h"
#include "diff/diff_path.h"

namespace candor::diff {

// Largest line number or count accepted: sums of two stay far from INT_MAX.
inline constexpr int kMaxHunkNumber = 1'000'000'000;

// Reads `line` (which starts with "@@"). Errors name the offset of the first
// byte that does not fit. A count of 0 needs no start line other than 0, and
// a nonzero count needs a start of at least 1.
PathResult<Hunk> ParseHunkHeader(std::string_view line);

}  // namespace candor::diff
