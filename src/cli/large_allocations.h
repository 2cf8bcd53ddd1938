#pragma once
// How the candor program gets its memory: see large_allocations.cc.

namespace candor::cli {

// Sets malloc up for the program: freed memory kept for reuse, and a heap
// whose pages come 2 MiB at a time. Call first thing in main().
void SetUpHeap();

}  // namespace candor::cli
