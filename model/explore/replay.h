// Replaying an execution through the Machine: the effect of every event, and
// at each state the enabled threads and their next operations. The explorer
// builds its tree and finds races from this; the detectors read it too.
#pragma once

#include "model/explore/program.h"
#include "model/machine.h"

#include <string>
#include <utility>
#include <vector>

namespace tangle {

/// A live thread's operation that never executed: it waits (or was about to
/// run) when the execution ended.
struct VirtualEvent {
  ThreadId thread = NoThread;
  Operation op;
  Access access;
  bool enabled = false;
};

struct ExecutionAnalysis {
  std::vector<Outcome> outcomes; // per event
  /// Per state i (before event i; i == events.size() is the end), filled
  /// for i >= the `detailFrom` given to analyzeExecution.
  std::vector<std::vector<ThreadId>> enabled;
  std::vector<std::vector<std::pair<ThreadId, Access>>> next;
  std::vector<ThreadId> defaults;    // the default scheduler's choice at i
  std::vector<uint32_t> preemptions; // context switches away from an
                                     // enabled thread before state i
  std::vector<VirtualEvent> virtuals;
  Machine final;     // the state at the end, pending operations posted
  std::string error; // set when the events do not replay
};

/// `retryBound` and `spuriousWakeups` must be the ones the execution ran
/// with (scheduler.h, ExecutionRequest).
ExecutionAnalysis analyzeExecution(const Execution &execution,
                                   size_t detailFrom = 0,
                                   uint32_t retryBound = 2,
                                   bool spuriousWakeups = false);

} // namespace tangle
