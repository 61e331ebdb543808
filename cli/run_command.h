// `tangle run`: one recorded run at full speed with a hang watchdog; and
// `tangle trace-dump`, which prints a recorded run's trace.
#pragma once

#include "cli/live_program.h"
#include "cli/options.h"
#include "cli/tangle.h"
#include "model/trace/record_trace.h"

namespace tangle {

/// Runs a parsed `tangle run`; returns the exit code.
int runRecorded(const CommandLine &commandLine, Console &console,
                const std::string &argv0);

/// One free run of `launch`'s program in record mode, without the watchdog,
/// ended after `timeoutSeconds` (for tangle check's prediction,
/// docs/prediction.md). "" on success, else why not.
std::string recordFreeRun(const LaunchOptions &launch, const std::string &name,
                          double timeoutSeconds, RecordedRun &run);

/// The modules of a recorded run, for a Symbolizer.
std::vector<LoadedModule> modulesOf(const RecordedRun &run);
/// A recorded event as an execution's event (its thread, operation,
/// result and call site).
Event toEvent(const RecordedEvent &e);

/// `tangle trace-dump FILE`: 0, or 2 with one line for a trace it cannot
/// read.
int dumpTrace(const CommandLine &commandLine, Console &console);

} // namespace tangle
