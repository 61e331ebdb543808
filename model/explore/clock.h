// A vector clock over threads: entry t counts the events of thread t that
// happen before (or are) the event the clock belongs to.
#pragma once

#include "model/event.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tangle {

class VectorClock {
public:
  uint32_t get(ThreadId t) const { return t < c_.size() ? c_[t] : 0; }
  void set(ThreadId t, uint32_t value) {
    if (t >= c_.size())
      c_.resize(t + 1, 0);
    c_[t] = value;
  }
  void join(const VectorClock &other) {
    if (other.c_.size() > c_.size())
      c_.resize(other.c_.size(), 0);
    for (size_t i = 0; i < other.c_.size(); ++i)
      c_[i] = std::max(c_[i], other.c_[i]);
  }
  /// Whether the event numbered `seq` (1-based) of thread t is covered.
  bool covers(ThreadId t, uint32_t seq) const { return get(t) >= seq; }

private:
  std::vector<uint32_t> c_;
};

} // namespace tangle
