// Exact interleaving counts of a scripted program, for the benchmark's
// "what would a naive search cost" columns. Both counts are computed by
// memoised recursion over states (each thread's position + each mutex's
// owner), never by enumerating executions, so they stay cheap when the
// counts are astronomically large.
#pragma once

#include "model/explore/scripted_program.h"

#include <cstdint>
#include <string>

namespace tangle::bench {

struct InterleavingCounts {
  bool ok = false;
  std::string error;
  /// Complete executions a naive depth-first search visits: every maximal
  /// sequence of visible operations (thread start/exit, create, join, lock,
  /// unlock, process exit), ending when the process ends or no thread can
  /// run (a deadlock).
  long double naive = 0;
  /// Mazurkiewicz traces: maximal executions up to reordering of adjacent
  /// independent operations (operations on different objects). On lock-only
  /// programs this is the number of distinct lock-acquisition orders, the
  /// least number of executions any exploration that misses nothing can run
  /// (what optimal DPOR achieves). Computed by a sleep-set search memoised on
  /// (state, sleep set).
  long double traces = 0;
  uint64_t states = 0;     // distinct states visited
  uint64_t deadlocked = 0; // distinct deadlocked end states
};

/// Counts the interleavings of `script` (Script conventions of
/// scripted_program.h; only the main thread may create threads). Gives up
/// (ok = false) beyond `maxStates` memo entries.
InterleavingCounts countInterleavings(const Script &script,
                                      uint64_t maxStates = 20000000);

} // namespace tangle::bench
