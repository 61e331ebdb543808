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
  // What is covered so far: the preemption bound finished and the
  // estimated size of the whole space.
  std::string bound =
      stats.preemptionsComplete < 0
          ? std::string("no preemption bound done")
          : llvm::formatv("all with <= {0} preemptions",
                          stats.preemptionsComplete)
                .str();
  err_ << llvm::formatv("\rtangle: {0} executions ({1}, of about 10^{2}), "
                        "{3:f1} s",
                        stats.executions, bound,
                        int(stats.estimatedLog10 + 0.5), stats.seconds)
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
