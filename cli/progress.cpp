// The progress line on a terminal.
#include "cli/progress.h"

#include "llvm/Support/FormatVariadic.h"

namespace tangle {

bool ProgressLine::update(const ExploreStats &stats) {
  if (!enabled_)
    return true;
  auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(200))
    return true;
  last_ = now;
  shown_ = true;
  err_ << llvm::formatv("\rtangle: {0} executions, {1:f1} s", stats.executions,
                        stats.seconds)
       << "\x1b[K";
  err_.flush();
  return true;
}

void ProgressLine::finish() {
  if (!shown_)
    return;
  err_ << "\r\x1b[K";
  err_.flush();
  shown_ = false;
}

} // namespace tangle
