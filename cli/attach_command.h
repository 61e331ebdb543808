// `tangle attach PID` and `tangle attach --core CORE BINARY`: explain a
// process that tangle did not start and that hangs now (or hung when it was
// dumped), from its threads' registers, stacks and glibc's lock words.
#pragma once

#include "cli/attach_image.h"
#include "cli/options.h"
#include "cli/tangle.h"

namespace tangle {

/// Exit code of `tangle attach` when the process is not hung (a thread
/// runs, sleeps with a timeout or waits for the world outside).
constexpr int ExitNotHung = 5;

/// Runs a parsed `tangle attach`; returns the exit code.
int runAttach(const CommandLine &commandLine, Console &console);

/// What one thread is doing, read from its registers and memory.
enum class ThreadActivity {
  Running,  // in user code
  Sleeping, // in a call that ends by itself (a sleep, a timed wait)
  Mutex,    // pthread_mutex_lock
  RwRead,   // pthread_rwlock_rdlock
  RwWrite,  // pthread_rwlock_wrlock
  Condition,
  Join,
  Semaphore,
  Barrier,
  Futex,   // a futex wait of code tangle does not know
  Child,   // waitpid/wait/waitid
  Syscall, // another blocking call (read, accept, pause...)
};

struct ThreadActivityView {
  ThreadActivity activity = ThreadActivity::Running;
  uint64_t object = 0; // the lock, condition... (its address)
  pid_t holder = 0;    // the OS thread that holds the lock / is joined
  long syscall = -1;
  int64_t child = 0;       // for Child: the pid waited for (-1: any)
  bool childAlive = false; // for Child: it is, so the wait may end
  Stack stack;             // return addresses, innermost in the program's code
};

/// Reads what `thread` of `image` is doing; `functionAt` names the function
/// at a code address ("" when unknown) so that glibc's entry points tell a
/// mutex from a condition.
ThreadActivityView
readThreadActivity(const ProcessImage &image, const ImageThread &thread,
                   const std::function<std::string(uint64_t)> &functionAt);

} // namespace tangle
