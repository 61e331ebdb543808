// Names for the ways an execution ends.
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

} // namespace tangle
