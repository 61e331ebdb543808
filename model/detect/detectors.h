// Detectors read one analysed execution and say what went wrong in it: lock
// misuse at the step it happens, deadlocks and stalls in the final state,
// threads left unjoined, crashes, failed assertions and hangs.
#pragma once

#include "model/detect/finding.h"
#include "model/explore/replay.h"

#include <vector>

namespace tangle {

/// Findings of one execution, each with kind, locations, object, step,
/// threads and key; the caller sets execution, schedule and preemptions.
std::vector<Finding> detectFindings(const Execution &execution,
                                    const ExecutionAnalysis &analysis);

/// For an execution that timed out while its thread with the CPU ran on
/// without any visible operation (Execution::Stuck::Looping): the thread,
/// when another thread could have run and changed what it loops on
/// (enabled, and not itself going round a loop nothing changed). Only the
/// scheduler kept it from running -- a thread of a program built without
/// tangle's instrumentation is not preempted between visible operations --
/// so that is a limit of the exploration, not a hang. NoThread otherwise.
ThreadId starvedSpinner(const Execution &execution,
                        const ExecutionAnalysis &analysis);

} // namespace tangle
