// The candor program's operator new: as the standard library's, but a block
// of core::kHugePageWorthwhile or more gets the huge-page hint before anyone
// touches it (core/huge_pages.h says why). Such blocks are few and large: the
// JSON parser's buffers for a big scan, a store's bulk vectors. Only the
// program has it, so libraries and tests keep the ordinary allocator.
//
// Not under the sanitizers: AddressSanitizer supplies its own operator new
// and pairs it with its operator delete.

#if defined(__SANITIZE_ADDRESS__)
#define CANDOR_KEEP_OPERATOR_NEW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CANDOR_KEEP_OPERATOR_NEW 1
#endif
#endif

#ifndef CANDOR_KEEP_OPERATOR_NEW

#include <cstdlib>
#include <new>

#include "core/huge_pages.h"

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

#endif  // CANDOR_KEEP_OPERATOR_NEW
