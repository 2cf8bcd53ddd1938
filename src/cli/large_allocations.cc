// How the candor program gets its memory (large_allocations.h): a heap whose
// pages come 2 MiB at a time, and an operator new that gives a block of
// core::kHugePageWorthwhile or more the huge-page hint before anyone touches
// it (core/huge_pages.h says why). Only the program has them, so libraries
// and tests keep the ordinary allocator.
//
// Not under the sanitizers: AddressSanitizer supplies its own allocator and
// operator new, and pairs them with its operator delete.

#include "cli/large_allocations.h"

#if defined(__SANITIZE_ADDRESS__)
#define CANDOR_KEEP_OPERATOR_NEW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CANDOR_KEEP_OPERATOR_NEW 1
#endif
#endif

#ifndef CANDOR_KEEP_OPERATOR_NEW

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <new>

#include "core/huge_pages.h"

namespace candor::cli {

void SetUpHeap() {
  // Freed memory is kept for reuse instead of handed back to the kernel at
  // once: a command reads several inputs in turn, and on virtual machines a
  // page touched again after being returned costs a fault each time.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // Every ordinary 4 KiB page costs a fault on first touch: about 3 ms per
  // MB on this project's virtual machines, which made the 60 MB of small
  // allocations of `candor match` at 100,000 results (comparables, layouts,
  // paths, hash tables) a fifth of its time. So the heap starts with a
  // reserve of address space (free until touched) advised for huge pages,
  // and all threads allocate from it (one arena), as glibc's
  // glibc.malloc.hugetlb=1 tunable would do, which only the environment
  // can set. Beyond the reserve the heap grows in ordinary pages.
  constexpr size_t kReserve = size_t{256} << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, kReserve);
  if (void* first = std::malloc(1 << 20)) {  // below the mmap threshold: grows the heap by the reserve
    char* heap_end = static_cast<char*>(sbrk(0));
    if (heap_end > static_cast<char*>(first)) {
      core::AdviseHugePages(first, static_cast<size_t>(heap_end - static_cast<char*>(first)));
    }
    std::free(first);
  }
  mallopt(M_TOP_PAD, 16 << 20);
}

}  // namespace candor::cli

namespace {

// operator delete (the standard library's) frees with std::free, so
// memory from std::malloc pairs with it.
void* Allocate(std::size_t size) noexcept {
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block != nullptr && size >= candor::core::kHugePageWorthwhile) {
    candor::core::AdviseHugePages(block, size);
  }
  return block;
}

void* AllocateOrThrow(std::size_t size) {
  for (;;) {
    if (void* block = Allocate(size)) return block;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

void* operator new(std::size_t size) {
  return AllocateOrThrow(size);
}
void* operator new[](std::size_t size) {
  return AllocateOrThrow(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return Allocate(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return Allocate(size);
}

#else

namespace candor::cli {

void SetUpHeap() {}

}  // namespace candor::cli

#endif  // CANDOR_KEEP_OPERATOR_NEW
