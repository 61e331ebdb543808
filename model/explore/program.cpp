// Names for the ways an execution ends, and which process ran each event.
#include "model/explore/program.h"

namespace tangle {

const char *endReasonName(EndReason reason) {
  switch (reason) {
  case EndReason::Exited:
    return "exited";
  case EndReason::Deadlock:
    return "deadlock";
  case EndReason::SleepBlocked:
    return "sleep-blocked";
  case EndReason::RetryBounded:
    return "retry-bounded";
  case EndReason::StepLimit:
    return "step-limit";
  case EndReason::Timeout:
    return "timeout";
  case EndReason::Crashed:
    return "crashed";
  case EndReason::Diverged:
    return "diverged";
  case EndReason::Error:
    return "error";
  case EndReason::LimitReached:
    return "limit-reached";
  }
  return "?";
}

std::vector<ProcessId> eventProcesses(const Execution &execution) {
  std::vector<ProcessId> out;
  out.reserve(execution.events.size());
  std::vector<ProcessId> current(1, 0); // by thread number, as of now
  for (const Event &event : execution.events) {
    if (event.thread >= current.size())
      current.resize(event.thread + 1, 0);
    out.push_back(current[event.thread]);
    bool fork = event.op.kind == OpKind::ProcessFork;
    if ((fork || event.op.kind == OpKind::ThreadCreate) && event.result >= 0) {
      auto child = static_cast<ThreadId>(event.result);
      if (child >= current.size())
        current.resize(child + 1, 0);
      current[child] = fork ? ProcessId(event.op.reserved) : out.back();
    }
  }
  return out;
}

} // namespace tangle
