#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal and
// the work is large enough to be worth watching. Not thread-safe.

#include <cstddef>
#include <string>

namespace candor::cli {

class ProgressBar {
 public:
  // `min_total` is the smallest amount of work that earns a bar.
  explicit ProgressBar(size_t min_total = size_t{16} << 20);
  ~ProgressBar();

  void Update(const std::string& label, size_t done, size_t total);
  void Finish();  // clears the line

 private:
  bool enabled_;
  bool drawn_ = false;
  size_t min_total_;
  int last_percent_ = -1;
};

}  // namespace candor::cli
