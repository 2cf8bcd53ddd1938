#pragma once
// Large buffers (a JSON parser's index of a scan, the program's heap; a
// large scan itself is mapped, ingest/input.h) are filled once, page by
// page. On a virtual machine every 4 KiB page fault costs
// microseconds, so a fresh 100 MB buffer costs tens of milliseconds before
// any work: a quarter of `candor match`'s time at 100,000 results. Asking for
// transparent huge pages (2 MiB) makes that 512 times fewer faults. Only a
// hint: where THP is off or unsupported, nothing changes.
// Thread-safe.

#include <cstddef>

namespace candor::core {

// Buffers from this size on are worth the hint.
inline constexpr size_t kHugePageWorthwhile = size_t{8} << 20;

// Advises the kernel to back the 2 MiB-aligned part of [data, data + size)
// with huge pages. Call before the memory is first touched.
void AdviseHugePages(void* data, size_t size);

}  // namespace candor::core
