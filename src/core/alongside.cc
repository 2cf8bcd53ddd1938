#include "core/alongside.h"

#include <exception>
#include <thread>

namespace candor::core {

void RunAlongside(const std::function<void()>& beside, const std::function<void()>& here) {
  std::exception_ptr beside_threw;
  {
    // A jthread: joined however this scope is left, `here` throwing included.
    std::jthread thread([&] {
      try {
        beside();
      } catch (...) {
        beside_threw = std::current_exception();
      }
    });
    here();
  }
  if (beside_threw) std::rethrow_exception(beside_threw);
}

}  // namespace candor::core
