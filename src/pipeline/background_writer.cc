#include "pipeline/background_writer.h"

#include <utility>

namespace candor::pipeline {

BackgroundWriter::BackgroundWriter(store::Store& store) : store_(store), thread_([this] { Run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

core::Status BackgroundWriter::Add(int64_t scan_id, core::Finding&& finding) {
  if (!filling_.findings.empty() && filling_.scan_id != scan_id) {
    if (auto sent = Send(); !sent) return sent;
  }
  filling_.scan_id = scan_id;
  filling_.findings.push_back(std::move(finding));
  if (filling_.findings.size() >= kBatchSize) return Send();
  return {};
}

core::Status BackgroundWriter::Send() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxWaitingBatches || error_; });
  if (error_) return std::unexpected(*error_);
  queue_.push_back(std::move(filling_));
  filling_ = Batch{};
  filling_.findings.reserve(kBatchSize);
  lock.unlock();
  changed_.notify_all();
  return {};
}

core::Status BackgroundWriter::Drain() {
  if (!filling_.findings.empty()) {
    if (auto sent = Send(); !sent) return sent;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (queue_.empty() && !writing_) || error_; });
  if (error_) return std::unexpected(*error_);
  return {};
}

void BackgroundWriter::Run() {
  while (true) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (stopping_) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
    }
    changed_.notify_all();
    std::optional<core::Error> failed;
    for (const core::Finding& finding : batch.findings) {
      if (auto added = store_.AddFinding(batch.scan_id, finding); !added) {
        failed = added.error();
        break;
      }
    }
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      if (failed && !error_) {
        error_ = std::move(failed);
        queue_.clear();
      }
    }
    changed_.notify_all();
  }
}

}  // namespace candor::pipeline
