// A vector clock over threads: entry t counts the events of thread t that
// happen before (or are) the event the clock belongs to.
#pragma once

#include "model/event.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace tangle {

class VectorClock {
public:
  uint32_t get(ThreadId t) const { return t < size_ ? data()[t] : 0; }
  void set(ThreadId t, uint32_t value) {
    grow(t + 1);
    data()[t] = value;
  }
  void join(const VectorClock &other) {
    grow(other.size_);
    uint32_t *mine = data();
    const uint32_t *theirs = other.data();
    for (uint32_t i = 0; i < other.size_; ++i)
      mine[i] = std::max(mine[i], theirs[i]);
  }
  /// Whether the event numbered `seq` (1-based) of thread t is covered.
  bool covers(ThreadId t, uint32_t seq) const { return get(t) >= seq; }

private:
  /// The explorer keeps a clock per step of every execution it analyses:
  /// up to Inline threads, the entries live in the clock itself, and
  /// making or copying one allocates nothing.
  static constexpr uint32_t Inline = 16;
  const uint32_t *data() const {
    return size_ <= Inline ? small_.data() : large_.data();
  }
  uint32_t *data() { return size_ <= Inline ? small_.data() : large_.data(); }
  /// Entries [size_, n) become 0. Those of small_ beyond size_ are 0
  /// already: nothing writes past size_.
  void grow(uint32_t n) {
    if (n <= size_)
      return;
    if (n > Inline) {
      if (size_ <= Inline)
        large_.assign(small_.begin(), small_.begin() + size_);
      large_.resize(n, 0);
    }
    size_ = n;
  }

  uint32_t size_ = 0;
  std::array<uint32_t, Inline> small_{};
  std::vector<uint32_t> large_; // every entry, once there are more than Inline
};

} // namespace tangle
