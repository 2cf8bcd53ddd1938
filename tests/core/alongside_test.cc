// RunAlongside: both pieces run, one on a thread of its own and at the same
// time as the other, and neither one's exception is lost or escapes early.

#include "core/alongside.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace candor::core {
namespace {

TEST(AlongsideTest, BothRunAtOnceTheFirstOnItsOwnThread) {
  std::atomic<bool> beside_started = false, here_saw_beside = false;
  std::thread::id beside_thread;
  RunAlongside(
      [&] {
        beside_thread = std::this_thread::get_id();
        beside_started = true;
      },
      [&] {
        // `here` waits (bounded) for `beside`: it can only see it if they overlap.
        for (int i = 0; i < 5000 && !beside_started; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        here_saw_beside = beside_started.load();
      });
  EXPECT_TRUE(here_saw_beside);
  EXPECT_NE(beside_thread, std::this_thread::get_id());
}

TEST(AlongsideTest, WhatTheThreadThrowsIsRethrownOnceBothAreDone) {
  bool here_finished = false;
  EXPECT_THROW(RunAlongside([] { throw std::runtime_error("beside"); },
                            [&] {
                              std::this_thread::sleep_for(std::chrono::milliseconds(20));
                              here_finished = true;
                            }),
               std::runtime_error);
  EXPECT_TRUE(here_finished);
}

TEST(AlongsideTest, WhatThisThreadThrowsLeavesOnlyOnceTheOtherIsDone) {
  std::atomic<bool> beside_finished = false;
  try {
    RunAlongside(
        [&] {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          beside_finished = true;
        },
        [] { throw std::logic_error("here"); });
    FAIL() << "nothing thrown";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "here");
  }
  EXPECT_TRUE(beside_finished);
}

}  // namespace
}  // namespace candor::core
