// What the fork server's children share, whether they run one execution
// (fork_server.cpp) or many (reuse_worker.cpp).
#pragma once

#include <cstdint>

namespace tangle::rt {

/// Once in a process that runs executions: the working set populated, its
/// own process group, the program's signal mask, death with the server.
void prepareExecutionProcess();

/// Before each execution: standard input from its start again.
void reopenStdin();

/// Tells tangle that request `seq` is answered (its result in the region).
void reportDone(uint32_t seq);

/// True in a worker the fork server forked to probe (fork_server.cpp,
/// g_probed), until runWorker takes it over (leaveProbe).
bool inProbe();
void leaveProbe();

/// In a probing worker whose first execution stands: what it wrote so far
/// goes out, and its standard output and error are its own again.
void finishProbeOutput();

} // namespace tangle::rt
