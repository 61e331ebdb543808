// Counting the Mazurkiewicz traces an exploration runs, for the tests that
// compare DPOR with the naive search trace by trace (model/tests and
// cli/tests): each trace DPOR runs must be one the naive search runs, and
// each must run once.
#pragma once

#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tangle {

/// A Mazurkiewicz trace as a string: for every two dependent steps of
/// different threads, which came first (thread#n: the n-th step of thread).
inline std::string traceOf(const Execution &e, const ExecutionAnalysis &a) {
  std::map<ThreadId, int> nth;
  std::vector<std::string> names;
  for (const Event &event : e.events)
    names.push_back(std::to_string(event.thread) + "#" +
                    std::to_string(nth[event.thread]++));
  std::set<std::string> pairs;
  for (size_t i = 0; i < e.events.size(); ++i)
    for (size_t j = i + 1; j < e.events.size(); ++j)
      if (e.events[i].thread != e.events[j].thread &&
          dependent(a.outcomes[i].access, a.outcomes[j].access))
        pairs.insert(names[i] + "<" + names[j]);
  std::string out;
  for (const std::string &p : pairs)
    out += p + " ";
  return out;
}

/// Adds execution `e`, run for `request`, to `runs` under its trace when it
/// is complete (a sleep-blocked or retry-bounded one is no trace); whether
/// it was.
inline bool countTrace(std::map<std::string, int> &runs, const Execution &e,
                       const ExecutionRequest &request) {
  if (e.end == EndReason::SleepBlocked || e.end == EndReason::RetryBounded)
    return false;
  ++runs[traceOf(
      e, analyzeExecution(e, request.retryBound, request.spuriousWakeups))];
  return true;
}

/// A scripted program whose complete executions are counted by trace.
class TracedScript : public Program {
public:
  explicit TracedScript(Script script) : inner_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    countTrace(runs, e, request);
    return e;
  }
  std::map<std::string, int> runs; // how often each trace ran

private:
  ScriptedProgram inner_;
};

} // namespace tangle
