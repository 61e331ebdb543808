// The progress line on a terminal: one line, rewritten at most five times
// a second, erased when exploration ends.
#pragma once

#include "model/explore/explorer.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>

namespace tangle {

class ProgressLine {
public:
  ProgressLine(llvm::raw_ostream &err, bool enabled)
      : err_(err), enabled_(enabled) {}
  ~ProgressLine() { finish(); }
  /// Called after each execution; always returns true (keep exploring).
  bool update(const ExploreStats &stats);
  /// Erases the line.
  void finish();

private:
  llvm::raw_ostream &err_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

} // namespace tangle
