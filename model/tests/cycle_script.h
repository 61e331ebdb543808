// A scripted program for the strategy and shrinking tests: a deadlock
// behind many interleavings of noise.
#pragma once

#include "model/explore/scripted_program.h"

namespace tangle::scripts {

/// `noise` threads take a shared lock `rounds` times each; then three
/// threads take locks 11, 12, 13 in a cycle (philosophers): a deadlock that
/// needs one preemption placed right (a switch away from a blocked thread
/// is none), behind many interleavings of the noise.
inline Script cycle3(int noise, int rounds) {
  std::vector<std::vector<Operation>> workers(3 + noise);
  for (int t = 0; t < noise; ++t)
    for (int r = 0; r < rounds; ++r) {
      workers[t].push_back(lock(1));
      workers[t].push_back(unlock(1));
    }
  for (int i = 1; i <= 3; ++i)
    workers[noise + i - 1] = {lock(10 + i), lock(10 + i % 3 + 1),
                              unlock(10 + i % 3 + 1), unlock(10 + i)};
  return withMain(std::move(workers));
}

} // namespace tangle::scripts
