// A thread's clock in controlled mode (docs/runtime.md, "The virtual
// clock"). The program's time is a function of the thread's own operations
// only: a schedule replays to the same values, and no thread's time depends
// on another's steps, so DPOR sees no dependency it does not know of.
#pragma once

#include <cstdint>

namespace tangle {

constexpr uint64_t NsPerSecond = 1000000000;

/// Where every execution's clocks start, in every check, shard and replay
/// alike: the realtime clocks at 2026-01-01T00:00:00Z, the monotonic ones
/// 1000 s after boot, the CPU-time ones at 0.
constexpr uint64_t VirtualRealtimeBaseNs = 1767225600ull * NsPerSecond;
constexpr uint64_t VirtualMonotonicBaseNs = 1000ull * NsPerSecond;

/// A read advances the clock by a tick: 1 µs the first time, twice the
/// previous tick each further time, at most 1 s. So a loop bounded by T
/// seconds of elapsed time ends within about 20 + T reads, whatever else
/// it does between them.
constexpr uint64_t FirstTickNs = 1000;
constexpr uint64_t MaxTickNs = NsPerSecond;

struct VirtualClock {
  uint64_t elapsedNs = 0; // since the base: the realtime and monotonic clocks
  uint64_t cpuNs = 0;     // the CPU-time clocks: the reads' ticks only
  uint64_t tickNs = 0;    // the last read's tick; 0: none yet

  /// A read of the clock: time passes by the next tick, then is read.
  uint64_t read() {
    tickNs = tickNs == 0               ? FirstTickNs
             : tickNs >= MaxTickNs / 2 ? MaxTickNs
                                       : 2 * tickNs;
    elapsedNs += tickNs;
    cpuNs += tickNs;
    return elapsedNs;
  }

  /// A sleep of `ns`: time passes by its length.
  void pass(uint64_t ns) {
    elapsedNs = ns > UINT64_MAX - elapsedNs ? UINT64_MAX : elapsedNs + ns;
  }

  /// A timed wait that timed out at `elapsed` (a deadline as time since the
  /// base), or a sleep until then: the clock is at least there.
  void reach(uint64_t elapsed) {
    if (elapsed > elapsedNs)
      elapsedNs = elapsed;
  }

  /// The clock of a thread this one creates: it starts at the creator's
  /// time, with its own CPU time and ticks.
  VirtualClock forNewThread() const {
    VirtualClock clock;
    clock.elapsedNs = elapsedNs;
    return clock;
  }
};

/// `absoluteNs` on a clock whose base is `baseNs`, as time since the base
/// (0 before it).
inline uint64_t sinceBase(uint64_t absoluteNs, uint64_t baseNs) {
  return absoluteNs > baseNs ? absoluteNs - baseNs : 0;
}

} // namespace tangle
