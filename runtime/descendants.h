// Ending every process a program left behind. A child subreaper (the fork
// server; tangle itself) inherits every orphan below it: a daemon that
// called setsid, a grandchild whose parent exited. Killing its children
// until none is left therefore ends the whole tree, whatever process group
// or session each process moved to. libc only, and async-signal-safe: the
// fork server also runs it from a signal handler when tangle dies.
#pragma once

#include <sys/types.h>

namespace tangle::rt {

/// Writes up to `max` pids of the calling process's children into `pids`,
/// leaving out the `keepCount` pids in `keep`. Returns how many, or -1 when
/// /proc cannot say.
int listChildren(pid_t *pids, int max, const pid_t *keep = nullptr,
                 int keepCount = 0);

/// Whether the calling process has a child that is still running (zombies
/// are reaped on the way). One system call when it has none.
bool hasRunningChildren();

/// SIGKILLs and reaps every child but those in `keep`, and then the
/// orphans that reach this process as their parents die, until none is
/// left. Returns false when /proc cannot list the children.
bool killChildren(const pid_t *keep = nullptr, int keepCount = 0);

} // namespace tangle::rt
