#pragma once
// Two pieces of work on the machine's two cores: one on a thread of its own,
// the other on the calling thread. The one way Candor splits work in two
// (reading a baseline beside the current log, and the like).

#include <functional>

namespace candor::core {

// Runs `beside` on a new thread while `here` runs on this one, and returns
// once both have finished. What `beside` throws (out of memory) is rethrown
// here after both finished; what `here` throws leaves once `beside` is done.
// The two must not touch the same data.
void RunAlongside(const std::function<void()>& beside, const std::function<void()>& here);

}  // namespace candor::core
