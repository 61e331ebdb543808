// What the fork server's children share, whether they run one execution
// (fork_server.cpp) or many (reuse_worker.cpp).
#pragma once

namespace tangle::rt {

/// Once in a process that runs executions: the working set populated, its
/// own process group, the program's signal mask, death with the server.
void prepareExecutionProcess();

/// Before each execution: standard input from its start again.
void reopenStdin();

} // namespace tangle::rt
