// `tangle run`: one recorded run at full speed with a hang watchdog; and
// `tangle trace-dump`, which prints a recorded run's trace.
#pragma once

#include "cli/options.h"
#include "cli/tangle.h"

namespace tangle {

/// Runs a parsed `tangle run`; returns the exit code.
int runRecorded(const CommandLine &commandLine, Console &console,
                const std::string &argv0);

/// `tangle trace-dump FILE`: 0, or 2 with one line for a trace it cannot
/// read.
int dumpTrace(const CommandLine &commandLine, Console &console);

} // namespace tangle
