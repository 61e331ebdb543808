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

} // namespace tangle
