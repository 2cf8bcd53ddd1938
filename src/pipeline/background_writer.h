#pragma once
// Writes findings to the store on a second thread while the reader parses
// the next ones. Reading and writing each take a large share of an ingest,
// so on a machine with two cores both run at once. Findings travel in
// batches and only a few batches may wait, so memory in flight stays small.
//
// Thread-safety: one producer thread calls Add and Drain. Between the first
// Add and the Drain that follows, only the writer thread touches the store;
// after Drain returns the caller may use the store again.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "store/store.h"

namespace candor::pipeline {

class BackgroundWriter {
 public:
  explicit BackgroundWriter(store::Store& store);
  ~BackgroundWriter();  // stops the thread; unwritten findings are dropped
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Queues `finding` to be recorded as seen by `scan_id`. Returns the first
  // error the writer met, so the reader can stop early. Leaves in `finding`
  // an already written one, whose buffers a reader may reuse
  // (core::ClearForReuse), so reading allocates little once batches circulate.
  core::Status Add(int64_t scan_id, core::Finding&& finding);
  // Waits until everything queued is written; returns the first error.
  core::Status Drain();

 private:
  struct Batch {
    int64_t scan_id = 0;
    std::vector<core::Finding> findings;  // the first `count` are to be written; the rest are spare
    size_t count = 0;
  };
  static constexpr size_t kBatchSize = 1024;
  static constexpr size_t kMaxWaitingBatches = 4;

  core::Status Send();  // hands filling_ to the writer, waiting while the queue is full
  void Run();           // the writer thread

  store::Store& store_;
  Batch filling_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;           // guarded by mutex_
  std::vector<Batch> written_;        // guarded by mutex_; batches to fill again
  bool writing_ = false;              // guarded by mutex_
  bool stopping_ = false;             // guarded by mutex_
  std::optional<core::Error> error_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace candor::pipeline
