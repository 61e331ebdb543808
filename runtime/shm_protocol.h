// The shared-memory protocol between tangle (cli/live_program.cpp) and the
// runtime's fork server and executions: one memfd region, laid out as a
// Header followed by arrays at the offsets the header records.
// docs/runtime.md describes the protocol.
#pragma once

#include "model/blind_sites.h"
#include "model/event.h"
#include "model/explore/program.h"
#include "model/memory_access.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tangle::shm {

/// tangle passes the region's file descriptor in this variable; the runtime
/// unsets it at once so that exec'd descendants run in passthrough mode.
constexpr const char *ControlFdEnv = "TANGLE_CONTROL_FD";
/// With a fixed layout, tangle pads the environment with this variable so
/// that main's stack starts at the same address whatever the size of the
/// environment and the arguments (cli/live_program.cpp, stackPadding); the
/// runtime unsets it with the control descriptor's.
constexpr const char *StackPadEnv = "TANGLE_STACK_PAD";

constexpr uint32_t Magic = 0x4c474e54; // "TNGL"
constexpr uint32_t Version = 26;       // bump when the layout changes
constexpr size_t MaxModules = 256;
constexpr size_t ModulePathMax = 1024;
constexpr size_t MessageMax = 1024;
constexpr size_t MisuseIdMax = 64;
constexpr size_t LimitKeyMax = 32;
/// Code ranges of blind-update call sites and wrappers (model/blind_sites.h).
constexpr size_t MaxBlindRanges = 4096;

enum class ServerState : uint32_t { Starting, Ready, Failed };
enum class Command : uint32_t { Run, Quit };

struct ModuleRecord {
  uint64_t loadBias;
  uint64_t begin, end;
  char path[ModulePathMax];
};

/// Limits of tangle's (--limit-memory, --limit-open-files,
/// --limit-processes) a call of the program failed on: what the program
/// does after such a failure is the limit's doing, not a finding.
enum LimitHit : uint32_t {
  MemoryLimitHit = 1,    // an allocation returned null
  OpenFilesLimitHit = 2, // an open failed with EMFILE
  ProcessLimitHit = 4,   // a fork failed with EAGAIN
};

/// Written by the execution when it crashes or fails an assertion.
struct CrashRecord {
  int32_t signal;
  ThreadId thread;
  uint32_t assertion; // __assert_fail or abort() was called
  uint32_t hasStack;
  std::atomic<uint32_t> hangSampled; // the hang signal recorded `stack`
  char message[MessageMax];
  char misuse[MisuseIdMax]; // the finding id given to tangle_misuse()
  Stack stack;
};

/// One per thread of an execution. `go` is the futex word the thread sleeps
/// on while another thread runs: 1 means "your operation executed, run".
struct alignas(64) ThreadSlot {
  std::atomic<uint32_t> go;
  uint32_t pending; // `posted` has not executed yet
  int32_t osTid;    // for the hang signal (tgkill) when an execution times out
  int32_t osPid;    // the process the thread belongs to
  int32_t result;   // what its last executed operation returned (the step
                    // may run in another process than the thread's)
  PendingOp posted; // the thread's last posted operation, with its stack
};

/// Sent by tangle to the running thread of an execution that timed out: its
/// handler records where the thread is, so the hang names the loop.
constexpr int HangSignalOffset = 5; // SIGRTMIN + 5

/// The fork server's parent-death signal, which tangle also sends to end a
/// run: the server kills every process of the program, then exits.
constexpr int CleanupSignalOffset = 6; // SIGRTMIN + 6

struct Header {
  // These four stay first in every version: they detect a tangle and a
  // runtime from different builds.
  uint32_t magic;
  uint32_t version;
  uint32_t headerSize;      // sizeof(Header)
  uint32_t runtimeMismatch; // set by a runtime that does not speak this
  uint64_t regionSize;

  // Set by tangle before the program starts.
  uint32_t maxThreads;
  uint32_t maxProcesses;
  uint64_t eventCapacity; // events and schedule-prefix entries
  uint64_t memoryLimitBytes;
  uint64_t cpuLimitSeconds;
  int32_t stdinFd; // a memfd holding the input; reopened by each execution
  uint32_t showOutput;
  uint32_t realTime; // 1: the program reads the real clock (--real-time)
  uint64_t slotsOffset, eventsOffset, prefixOffset, sleepingOffset,
      pendingOffset;
  uint64_t accessCapacity, accessesOffset; // the memory-access log

  // Fork server -> tangle, once, when main is reached.
  std::atomic<uint32_t> serverState; // futex word (ServerState)
  int32_t serverPid;
  int32_t execErrno; // unused (tangle's child reports through a pipe)
  uint32_t moduleCount;
  ModuleRecord modules[MaxModules];

  // Request: tangle fills these, then increments requestSeq and wakes it.
  std::atomic<uint32_t> requestSeq; // futex word
  // Those that may sleep on requestSeq / doneSeq (futexWaitCounted).
  std::atomic<uint32_t> requestSleepers, doneSleepers;
  uint32_t command;                 // Command
  uint64_t prefixLength;
  uint64_t sleepingCount;
  uint64_t hintLength; // the hint follows the prefix in the prefix entries
  uint64_t maxSteps;
  uint32_t retryBound;
  uint32_t spuriousWakeups;
  // A recorded order (ExecutionRequest::recordedKinds): the entries after
  // the prefix hold each entry's recorded kind instead of a hint.
  uint32_t recordedOrder;
  SchedulePolicy policy; // how to choose after the prefix

  // Result: written by the execution while it runs and by the fork server
  // when it has reaped the execution; then doneSeq = requestSeq, woken.
  std::atomic<uint32_t> doneSeq; // futex word
  int32_t executionPid;
  int32_t waitStatus; // from waitpid
  uint32_t forkFailed;
  std::atomic<uint32_t> forks; // by the execution and its forked descendants
  std::atomic<uint64_t> eventCount;
  std::atomic<uint32_t> running; // the thread that has the CPU now
  uint32_t threadCount;          // slots in use by this execution
  uint32_t endRecorded;          // the execution recorded endReason itself
  uint32_t endReason;            // EndReason
  uint32_t pendingCount;
  // Memory accesses (runtime/tsan_interface.cpp). memoryInstrumented is set
  // once, by __tsan_init, when the program was compiled with the hooks.
  uint32_t memoryInstrumented;
  uint32_t accessOverflow; // the log filled up: the race check is partial
  uint64_t accessCount;    // written only by the running thread
  // Atomics (runtime/tsan_interface.cpp): those scheduled so far, and
  // whether some ran unscheduled because the execution used its budget.
  uint64_t atomicSteps;
  uint32_t atomicsUnscheduled;
  // Atomics run unscheduled (a thread alone, or past the budget) that
  // changed their value: progress no step shows, which tangle looks at
  // before it calls a timed-out execution a hang (cli/live_program.cpp,
  // judgeTimeout). Written only by the running thread.
  uint64_t unscheduledChanges;
  char message[MessageMax]; // for EndReason::Error, Diverged, LimitReached
  char limitKey[LimitKeyMax]; // for EndReason::LimitReached
  CrashRecord crash;

  // Blind updates (model/blind_sites.h): set by tangle once the fork server
  // is ready (runtime addresses) and before the first request; read by
  // every execution. blindRanges holds blindSiteCount call sites, then
  // blindWrapperCount wrapper functions, each list sorted.
  uint32_t blindSiteCount;
  uint32_t blindWrapperCount;
  CodeRange blindRanges[MaxBlindRanges];

  // Past maxSteps the execution goes on unrecorded (runtime/controller.cpp):
  // truncated is set, and the steps after it are only counted.
  uint32_t truncated;
  uint64_t unrecordedSteps;

  // Limits of tangle's a call of the execution failed on (LimitHit bits).
  std::atomic<uint32_t> limitsHit;
  // Where the program maps this region (the fork server, and so every
  // execution and process it forks): a futex wait there is the runtime's own
  // hand-off, any other one a block tangle does not model
  // (cli/blocked_thread.h).
  uint64_t programRegionBase;

  // --reuse-process (runtime/reuse_worker.h). Set by tangle before the
  // first request: whether to run executions in a reuse worker.
  uint32_t reuseAsked;
  // Written by the fork server and its workers: set once a worker refused
  // a request (reuseRefusal says why; every request from then on runs in a
  // process of its own); the workers started and the executions they ran.
  uint32_t reuseOff;
  char reuseRefusal[128];
  uint32_t workersStarted;
  uint64_t reusedExecutions;
  // Executions that changed what a rewind cannot undo, each its worker's
  // last (reuseTaint: the first such change).
  uint32_t workersTainted;
  char reuseTaint[128];
  // A worker that refuses its request sets this before it exits: the fork
  // server runs the request again in a process of its own.
  uint32_t requestRefused;
  // Set by the worker that runs the first request (it probes: fork_server
  // .cpp): the first thing that did that a worker would have to end or
  // refuse for. The fork server then runs every request in a process of
  // its own.
  char reuseDeclined[128];
  // Fibers (runtime/fibers.h): set by tangle, whether workers may run an
  // execution's threads as fibers of one OS thread. fibersOff, once a
  // worker found the program does what a fiber cannot
  // (fibersDeclined says what): workers from then on run OS threads. The
  // executions that ran with fibers; the pid of the worker running them (a
  // grant by another process of the execution wakes it on `running`).
  uint32_t fibersAsked;
  uint32_t fibersOff;
  char fibersDeclined[160];
  uint64_t fiberExecutions;
  int32_t fiberProcess;
  // Set by tangle before the first request when it and the program run on
  // CPUs of their own (cli/live_program.cpp, "split"): how long a worker
  // waiting for the next request spins before it sleeps (0: it sleeps at
  // once, as it must when it shares tangle's CPU).
  uint32_t spinNanoseconds;
  // The request a worker took last (worker -> fork server). A worker
  // answers before it rewinds: one whose rewind then failed never took the
  // request tangle may have sent since (fork_server.cpp, serve).
  uint32_t takenSeq;
  // 1 from a worker's answer until its rewind ended (or the fork server
  // reaped it). Tangle reads the workers' counts once it is 0 (polling: a
  // wake-up would cost every execution a system call).
  std::atomic<uint32_t> rewinding;
};

/// Clears what an execution writes of the result, for a request about to
/// run (tangle, before each request; the fork server, before it runs a
/// request a worker refused).
inline void clearResult(Header &h) {
  h.executionPid = 0;
  h.waitStatus = 0;
  h.forkFailed = 0;
  h.forks.store(0, std::memory_order_relaxed);
  h.eventCount.store(0, std::memory_order_relaxed);
  h.running.store(0, std::memory_order_relaxed);
  h.threadCount = 0;
  h.endRecorded = 0;
  h.endReason = 0;
  h.pendingCount = 0;
  h.accessCount = 0;
  h.accessOverflow = 0;
  h.atomicSteps = 0;
  h.atomicsUnscheduled = 0;
  h.unscheduledChanges = 0;
  h.limitsHit.store(0, std::memory_order_relaxed);
  h.message[0] = 0;
  h.limitKey[0] = 0;
  h.truncated = 0;
  h.unrecordedSteps = 0;
  h.requestRefused = 0;
  // Shared memory nobody else touches between executions: the atomic
  // inside is cleared with the rest.
  memset(static_cast<void *>(&h.crash), 0, sizeof(h.crash));
}

/// Where each part of a region lives, computed the same way on both sides.
struct Layout {
  uint64_t slotsOffset, eventsOffset, prefixOffset, sleepingOffset,
      pendingOffset, accessesOffset, size;
};

inline uint64_t alignUp(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

inline Layout computeLayout(uint32_t maxThreads, uint64_t eventCapacity,
                            uint64_t accessCapacity = 0) {
  Layout l;
  l.slotsOffset = alignUp(sizeof(Header), 4096);
  l.eventsOffset =
      alignUp(l.slotsOffset + sizeof(ThreadSlot) * uint64_t(maxThreads), 4096);
  l.prefixOffset =
      alignUp(l.eventsOffset + sizeof(Event) * eventCapacity, 4096);
  l.sleepingOffset =
      alignUp(l.prefixOffset + sizeof(ThreadId) * eventCapacity, 64);
  l.pendingOffset =
      alignUp(l.sleepingOffset + sizeof(ThreadId) * uint64_t(maxThreads), 64);
  l.accessesOffset =
      alignUp(l.pendingOffset + sizeof(PendingOp) * uint64_t(maxThreads), 64);
  l.size =
      alignUp(l.accessesOffset + sizeof(MemoryAccess) * accessCapacity, 4096);
  return l;
}

template <typename T> T *at(Header *h, uint64_t offset) {
  return reinterpret_cast<T *>(reinterpret_cast<char *>(h) + offset);
}

static_assert(std::atomic<uint32_t>::is_always_lock_free);
static_assert(std::atomic<uint64_t>::is_always_lock_free);

} // namespace tangle::shm
