// The runtime's one per-process state, and the per-thread state: which mode
// the process is in, the shared region, and (in an execution) the Machine
// and Scheduler that decide who runs.
#pragma once

#include "model/event.h"
#include "model/virtual_clock.h"
#include "runtime/shm_protocol.h"

#include <csignal>
#include <cstdint>
#include <pthread.h>

namespace tangle {
class Machine;
class Scheduler;
} // namespace tangle

namespace tangle::rt {

enum class Mode : uint8_t {
  Passthrough, // not under tangle, or a descendant: call the real functions
  Server,      // started by tangle; becomes the fork server at main
  Controlled,  // an execution: every visible operation is scheduled
  Record,      // `tangle run`: every operation runs for real and is recorded
};

/// What the runtime knows of one thread of an execution (process-local).
struct ThreadRecord {
  pthread_t handle;
  bool hasHandle; // handle is valid: created, not yet joined
  void *(*start)(void *);
  void *arg;
  void *result;      // what its start routine returned (a reuse worker's
                     // pooled thread; otherwise the real join says)
  size_t stackBytes; // what its stack added to the memory limit
  int pooledStack;   // 1 + its stack's slot in the pool (stack_pool.h);
                     // 0: a stack from glibc (zeroed records say so)
  uint64_t clockNs;  // its virtual time: its creator's when created, its
                     // own once ended (runtime/virtual_time.h)
};

struct Runtime {
  Mode mode = Mode::Passthrough;
  shm::Header *shm = nullptr;
  shm::ThreadSlot *slots = nullptr;
  Event *events = nullptr;
  ThreadId *prefix = nullptr;
  ThreadId *sleeping = nullptr;
  PendingOp *pending = nullptr;
  int (*programMain)(int, char **, char **) = nullptr;

  // Per execution (set in the execution child).
  Machine *machine = nullptr;
  Scheduler *scheduler = nullptr;
  ThreadRecord *threads = nullptr; // shm->maxThreads entries
  ProcessId process = 0;           // which process of the execution this is
  int executionGroup = 0; // the execution's process group (its first pid);
                          // a process that left it (setsid) still knows it
  uint64_t maxSteps = 0;
  bool ending = false;     // this process exited, or the execution ends:
                           // no more scheduling here
  bool descendant = false; // forked by an execution: forks still count
};

struct ThreadLocal {
  ThreadId self;      // NoThread: not a thread of the execution
  bool exited;        // its ThreadExit executed; it is on its way out
  uintptr_t stackTop; // frame of the trampoline / main wrapper; walks stop
  Stack exitStack;    // where it called pthread_exit
  VirtualClock clock; // the time it reads (runtime/virtual_time.h)
};

extern Runtime g_runtime;
extern __thread ThreadLocal t_thread __attribute__((tls_model("initial-exec")));

/// Ends every process of the execution still in its process group (those
/// that left it are the fork server's to kill).
inline void killExecutionGroup() {
  if (g_runtime.executionGroup > 0)
    kill(-g_runtime.executionGroup, SIGKILL);
}

/// A call of the program failed on one of tangle's limits (shm::LimitHit).
inline void noteLimitHit(uint32_t hit) {
  if (g_runtime.mode == Mode::Controlled || g_runtime.descendant)
    g_runtime.shm->limitsHit.fetch_or(hit, std::memory_order_relaxed);
}

/// True in record mode (runtime/record.h): operations run for real and are
/// appended to the trace.
inline bool recording() { return g_runtime.mode == Mode::Record; }

/// True when the calling thread's visible operations must be scheduled.
inline bool controlled() {
  return g_runtime.mode == Mode::Controlled && !g_runtime.ending &&
         t_thread.self != NoThread && !t_thread.exited;
}

} // namespace tangle::rt
