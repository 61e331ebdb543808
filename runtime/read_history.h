// The reads each (thread, operation, object, call site) saw before its last
// step: how the runtime tells a poll's turn from a loop over a table
// (SameMemory in model/event.h, takeNewMemory in tsan_interface.cpp).
// Header-only and libc-only: the preloaded runtime has no C++ library.
#pragma once

#include <stdint.h>
#include <string.h>

namespace tangle::rt {

/// The hash of the reads before the last step of each of the Slots keys
/// used most recently. Fully associative, least recently used out: a loop
/// whose steps (those of every thread that runs in it) have at most Slots
/// keys finds each of them again whatever their values. (A table indexed
/// by the key's bits did not: three steps of one poll whose keys fell into
/// one set of two ways evicted each other on every turn, so that no turn
/// looked like the one before, the poll was never recognised and the
/// poller ran to the execution timeout; whether they fell into one set
/// depended on where the program was loaded.)
struct ReadHistory {
  static constexpr int Slots = 64;
  struct Seen {
    uint64_t key, hash;
  };
  Seen seen[Slots]; // the most recently used first
  int used;

  /// Whether `key`'s reads hashed to `hash` before its last step too;
  /// records `hash` as its latest. A key not kept is news.
  bool repeats(uint64_t key, uint64_t hash) {
    int at = 0;
    while (at < used && seen[at].key != key)
      ++at;
    const bool same = at < used && seen[at].hash == hash;
    if (at == used) { // a new key: the least recently used one goes
      if (used < Slots)
        ++used;
      at = used - 1;
    }
    memmove(&seen[1], &seen[0], size_t(at) * sizeof(Seen));
    seen[0] = {key, hash};
    return same;
  }
};

} // namespace tangle::rt
