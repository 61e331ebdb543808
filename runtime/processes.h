// Processes of an execution: a fork by a controlled thread makes a child
// process whose one thread is scheduled with every other thread of the
// execution; a wait for a child is decided by the Machine.
#pragma once

#include "model/event.h"

#include <sys/types.h>

namespace tangle::rt {

/// fork() by a controlled thread: the ProcessFork step, then the real fork.
/// The child parks until the scheduler runs its first thread.
pid_t forkProcess(const Stack &stack);

/// waitpid() by a controlled thread. A pid that is not a child forked under
/// control (one of system()'s, say) is waited for for real.
pid_t waitProcess(pid_t pid, int *status, int options, const Stack &stack);

} // namespace tangle::rt
