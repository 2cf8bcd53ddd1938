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
  if (filling_.count > 0 && filling_.scan_id != scan_id) {
    if (auto sent = Send(); !sent) return sent;
  }
  filling_.scan_id = scan_id;
  if (filling_.count < filling_.findings.size()) {
    std::swap(filling_.findings[filling_.count], finding);
  } else {
    filling_.findings.push_back(std::move(finding));
  }
  if (++filling_.count >= kBatchSize) return Send();
  return {};
}

core::Status BackgroundWriter::Send() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxWaitingBatches || error_; });
  if (error_) return std::unexpected(*error_);
  queue_.push_back(std::move(filling_));
  if (!written_.empty()) {
    filling_ = std::move(written_.back());
    written_.pop_back();
  } else {
    filling_ = Batch{};
    filling_.findings.reserve(kBatchSize);
  }
  filling_.count = 0;
  lock.unlock();
  changed_.notify_all();
  return {};
}

core::Status BackgroundWriter::Drain() {
  if (filling_.count > 0) {
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
    for (size_t i = 0; i < batch.count; ++i) {
      if (auto added = store_.AddFinding(batch.scan_id, batch.findings[i]); !added) {
        failed = added.error();
        break;
      }
    }
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      // At most as many as can be in flight, so memory stays bounded.
      if (written_.size() < kMaxWaitingBatches) written_.push_back(std::move(batch));
      if (failed && !error_) {
        error_ = std::move(failed);
        queue_.clear();
      }
    }
    changed_.notify_all();
  }
}

}  // namespace candor::pipeline
