#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace candor::cli {

ProgressBar::ProgressBar(size_t min_total) : enabled_(isatty(STDERR_FILENO) == 1), min_total_(min_total) {}

ProgressBar::~ProgressBar() {
  Finish();
}

void ProgressBar::Update(const std::string& label, size_t done, size_t total) {
  if (!enabled_ || total < min_total_) return;
  int percent = static_cast<int>(std::min<size_t>(100, done * 100 / std::max<size_t>(total, 1)));
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  fmt::print(stderr, "\r{:.40} [{:#<{}}{:<{}}] {:3}% {:.0f}/{:.0f} MB", label, "", filled, "",
             kWidth - filled, percent, static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
  drawn_ = false;
  last_percent_ = -1;
}

}  // namespace candor::cli
