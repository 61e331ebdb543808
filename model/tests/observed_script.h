// What a scripted program with atomic values shows in every complete
// execution of a search (findings, final states, the values its atomics
// read), for tests that hold DPOR against the naive search: blind updates
// (blind_update_test.cpp) and spin loops (spin_turn_test.cpp).
#pragma once

#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/machine.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace tangle::scripts {

/// Findings, final states and what the program observed (the values read
/// by every atomic that is not a blind update, and the final values) of
/// every complete execution.
struct Observed {
  std::set<std::string> keys;
  std::set<std::string> finals;
  std::set<std::string> values;
  ExploreStats stats;
};

/// Which reads count as observed.
enum class SpinReads {
  Seen,  // every read, each spin turn's too (a loop that counts its turns)
  Hidden // not a spin loop's turns: a loop that only loads and compares
         // leaves nothing of them but that it ended
};

class Recording : public Program {
public:
  Recording(Script script, SpinReads spins)
      : script_(script), inner_(script), spins_(spins) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    if (e.end == EndReason::SleepBlocked || e.end == EndReason::RetryBounded)
      return e;
    Machine final =
        analyzeExecution(e, request.retryBound, request.spuriousWakeups).final;
    // Where main returned while workers ran, how far each got is seen by
    // nobody, and the explorer does not try every point (explorer.cpp):
    // compare the executions in which no thread was cut off.
    for (ThreadId t = 0; t < final.threadCount(); ++t)
      if (final.cutOff(t) && final.hasPending(t))
        return e;
    finals.insert(final.canonical());
    values.insert(observedValues(e));
    return e;
  }
  std::set<std::string> finals, values;

private:
  /// Recomputes the values from the events in their order (and checks the
  /// value each event says it read).
  std::string observedValues(const Execution &e) const {
    std::map<ObjectAddr, uint32_t> value;
    std::map<ThreadId, int> nth;
    std::set<std::string> reads; // in no particular order
    std::string out;
    for (const Event &event : e.events) {
      if (!isAtomicOp(event.op.kind))
        continue;
      const AtomicInstruction &i = script_.atomics.at(event.op.arg);
      uint32_t &v = value[event.op.object];
      EXPECT_EQ(event.op.reserved, v);
      v = applyAtomic(i, v);
      if (i.spinWhileBelow && spins_ == SpinReads::Hidden)
        continue;
      int n = nth[event.thread]++;
      if (i.kind != AtomicInstruction::Store && !isBlindUpdate(event.op))
        reads.insert("t" + std::to_string(event.thread) + "#" +
                     std::to_string(n) + "=" +
                     std::to_string(event.op.reserved) + " ");
    }
    for (const std::string &read : reads)
      out += read;
    for (const auto &[address, v] : value)
      out += "final " + std::to_string(address) + "=" + std::to_string(v) + " ";
    return out;
  }
  Script script_;
  ScriptedProgram inner_;
  SpinReads spins_;
};

inline Observed observe(const Script &script, bool reduce,
                        SpinReads spins = SpinReads::Seen,
                        uint64_t maxExecutions = 5000) {
  Recording program(script, spins);
  ExploreOptions options;
  options.reduce = reduce;
  options.maxExecutions = maxExecutions;
  options.maxFindings = 1000;
  Report r = explore(program, options);
  Observed o;
  for (const Finding &f : r.findings)
    o.keys.insert(f.key);
  o.finals = program.finals;
  o.values = program.values;
  o.stats = r.stats;
  return o;
}

/// Main creates the workers and joins them (or, with `noJoin`, returns
/// while they run).
inline Script withWorkers(Script s, bool noJoin = false) {
  std::vector<Operation> main;
  const size_t workers = s.threads.size();
  for (size_t i = 1; i <= workers; ++i)
    main.push_back(create(i));
  if (!noJoin)
    for (size_t i = 1; i <= workers; ++i)
      main.push_back(join(ThreadId(i)));
  s.threads.insert(s.threads.begin(), main);
  return s;
}

} // namespace tangle::scripts
