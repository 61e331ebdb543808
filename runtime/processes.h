// Processes of an execution: a fork by a controlled thread makes a child
// process whose one thread is scheduled with every other thread of the
// execution; a wait for a child is decided by the Machine.
#pragma once

#include "model/event.h"

#include <sys/types.h>
#include <sys/wait.h>

namespace tangle::rt {

/// fork() by a controlled thread: the ProcessFork step, then the real fork.
/// The child parks until the scheduler runs its first thread.
pid_t forkProcess(const Stack &stack);

/// vfork()'s parent after the fork: the step that waits until child `pid`
/// has exec'd or exited, leaving it to the program's own wait.
void awaitVforkChild(pid_t pid, const Stack &stack);

/// waitpid() by a controlled thread. A pid that is not a child forked under
/// control (one of system()'s, say) is waited for for real.
pid_t waitProcess(pid_t pid, int *status, int options, const Stack &stack);

/// kill() by a controlled thread of a process of the execution: a child
/// killed by a signal that ends it is the ProcessKill step, then the real
/// kill. Signals the model cannot follow (caught, ignored or blocked by
/// the child; stopping signals; a process that is not the caller's child)
/// end the execution with an error saying so.
int killProcess(pid_t pid, int signal, const Stack &stack);

/// waitid() by a controlled thread (WEXITED, optionally WNOHANG and
/// WNOWAIT), decided by the Machine like waitpid.
int waitProcessId(idtype_t type, id_t id, siginfo_t *info, int options,
                  const Stack &stack);

/// A child that runs another program from its start (posix_spawn, popen)
/// or for the length of the call (system: `reaped`): the ProcessSpawn step.
/// `pid` 0 when not known. Returns the model's process.
/// `actions`: the spawn has file actions (they may hand it any pipe end).
ProcessId spawnProcess(pid_t pid, bool reaped, bool actions,
                       const Stack &stack);

/// The children the calling thread has made, for finding the one a libc
/// call (popen) made: fills at most `capacity` pids, returns how many.
int childPids(pid_t *pids, int capacity);

} // namespace tangle::rt
