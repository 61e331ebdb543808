// tangle's own signals. SIGINT, SIGTERM and SIGHUP stop a run in order: the
// execution in flight is abandoned, the findings so far are reported (verdict
// `incomplete`, stopped by "interrupted"), everything is cleaned up, and
// tangle exits 128 + the signal. A second one ends tangle at once (the
// fork server and the scratch folder's guard still clean up after it).
// SIGPIPE only marks the output as closed: writes then fail with EPIPE.
#pragma once

#include <atomic>

namespace tangle {

/// Installs the handlers (once per process; later calls do nothing).
void installInterruptHandlers();

/// The signal that asked tangle to stop, or 0. What LaunchOptions and the
/// exploration's progress callback watch.
const std::atomic<int> &interruptSignal();

/// 128 + the signal, the shell's convention: 130 for SIGINT, 143 for
/// SIGTERM, 129 for SIGHUP.
int interruptExitCode();

/// Exit code when the report could not be written because its reader went
/// away (`tangle check x.c | head -1`): 141, as if killed by SIGPIPE.
constexpr int ExitOutputClosed = 141;

/// As if `signal` had arrived: the launcher received it before it handed
/// the run over (cli/record_watch.h).
void adoptInterrupt(int signal);

/// For tests: as if `signal` had arrived (0 clears).
void setInterruptForTesting(int signal);

} // namespace tangle
