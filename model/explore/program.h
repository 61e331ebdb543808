// What the explorer explores: a Program runs one execution along a requested
// schedule and returns what happened. Live programs (cli/) re-execute the
// real binary under the runtime's control; scripted programs (tests, bench)
// interpret lists of operations.
#pragma once

#include "model/event.h"
#include "model/file_identity.h"
#include "model/memory_access.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tangle {

/// How the scheduler chooses once the prefix is done (scheduler.h). Plain
/// data: the runtime's shared request carries it as it is.
struct SchedulePolicy {
  enum Kind : uint32_t {
    Default, // the running thread goes on; else the lowest-numbered
    Pct,     // PCT (Burckhardt et al., ASPLOS'10): the highest priority runs
    Pos,     // partial-order sampling (Yuan et al., CAV'18)
  };
  static constexpr uint32_t MaxChangePoints = 2; // PCT depth <= 3
  Kind kind = Default;
  uint32_t depth = 0; // PCT: the bug depth d, d - 1 change points
  uint64_t seed = 0;  // the thread priorities and POS's redraws
  /// PCT: after step changePoints[i] (counted from 1) the thread that made
  /// it drops to priority i + 1, below every initial priority.
  uint64_t changePoints[MaxChangePoints] = {0, 0};
};

struct ExecutionRequest {
  std::vector<ThreadId> prefix;   // thread chosen at each of the first steps
  std::vector<ThreadId> sleeping; // sleep set once the prefix is done
  /// After the prefix, under the default policy: the threads to run next
  /// (the rest of a race's reversal, explorer.cpp), followed while each can
  /// run and is not asleep; at the first that cannot, the default scheduler
  /// takes over. A hint never makes an execution diverge.
  std::vector<ThreadId> hint;
  /// A recorded order replayed (prediction): the kind of operation each
  /// prefix entry was recorded as (Scheduler::setRecordedKinds); empty for
  /// an ordinary prefix. No hint with it.
  std::vector<OpKind> recordedKinds;
  uint64_t maxSteps = 100000;     // per-execution limit on visible operations
  double timeoutSeconds = 10;     // per-execution wall-clock limit
  /// timeoutSeconds is what is left of the whole search's --timeout, less
  /// than --execution-timeout: running out of it says nothing about the
  /// program (no hang is judged, no limit of the execution noted).
  bool timeoutIsBudget = false;
  uint32_t retryBound = 2;        // see schedulable() in scheduler.h
  bool spuriousWakeups = false;   // condition waits may wake unsignalled
  SchedulePolicy policy;          // after the prefix; no sleep set with it
};

/// Of an execution's maxSteps visible operations, atomics may take this
/// share; past it they run unscheduled (a loop of a million atomic
/// increments would otherwise end as a hang), and the exploration is
/// incomplete.
inline uint64_t atomicStepBudget(uint64_t maxSteps) { return maxSteps / 2; }

enum class EndReason : uint8_t {
  Exited,       // the process ended: every thread exited, or exit() was called
  Deadlock,     // live threads remain and none can run
  SleepBlocked, // stopped early: every continuation is explored elsewhere
  RetryBounded, // stopped early: only retries past the retry bound remained
  StepLimit,    // maxSteps visible operations and still running
  Timeout,      // timeoutSeconds passed without the execution ending
  Crashed,      // killed by a signal (a failed assertion is a SIGABRT)
  Diverged,     // the program did not follow the requested prefix
  Error,        // the program could not be run; see Execution::error
  LimitReached, // a limit of the exploration (threads, processes, the
                // model's memory) or a call tangle does not model stopped
                // it: never a finding; Execution::limit names it
};

const char *endReasonName(EndReason reason);

struct CrashInfo {
  int signal = 0;
  ThreadId thread = NoThread; // the thread running when it happened
  bool assertion = false;     // __assert_fail or abort()
  std::string message;        // the assertion's text, when there is one
  std::string misuse;         // the finding id given to tangle_misuse()
  Stack stack;
};

struct Execution {
  std::vector<Event> events;
  /// The pending operation of each live thread when the execution ended.
  std::vector<PendingOp> pending;
  EndReason end = EndReason::Exited;
  int exitStatus = 0;
  CrashInfo crash;
  std::string error; // for EndReason::Error, Diverged and LimitReached
  /// For EndReason::LimitReached: a short key for what stopped the
  /// execution ("thread-limit", "process-limit", "unmodelled-call", ...);
  /// the exploration is incomplete, "stopped by" it. `error` says it in a
  /// sentence.
  std::string limit;
  /// Instrumented memory accesses in the order they happened (one thread
  /// runs at a time). Empty, with accessesLogged false, for a program not
  /// compiled with the ThreadSanitizer hooks: races were not checked.
  std::vector<MemoryAccess> accesses;
  bool accessesLogged = false;
  /// Heap blocks allocated by the execution's threads, in order: where, how
  /// big, and the allocating stack (frames[0] in the caller of malloc).
  struct Allocation {
    uint64_t address = 0;
    uint64_t size = 0;
    ThreadId thread = NoThread;
    Stack stack;
    uint32_t access = 0; // its entry in `accesses`
  };
  std::vector<Allocation> allocations;
  bool accessLogFull = false; // the log overflowed: races checked in part
  /// The execution ran past its step limit (ExecutionRequest::maxSteps):
  /// the steps after the limit ran on to the program's end, scheduled as
  /// usual but not recorded (counted here), so nothing after it is
  /// analysed and its end (exit, deadlock) says nothing about the recorded
  /// steps. A crash is still the program's.
  bool truncated = false;
  uint64_t unrecordedSteps = 0;
  /// For EndReason::Timeout: what the thread that had the CPU was doing
  /// when the time ran out. Only a thread that loops without any visible
  /// operation is evidence of a hang (program.hang).
  enum class Stuck : uint8_t {
    Looping,  // running, no visible operation for a while: a hang
    Stepping, // still making visible operations: too long, not stuck
    Blocked,  // asleep in a system call tangle does not model
  };
  Stuck stuck = Stuck::Looping;
  std::string blockedIn; // Blocked: the system call, by name
  /// It ran out of the time ExecutionRequest::timeoutIsBudget gave it: the
  /// search's --timeout ended it (EndReason::Timeout, or Error when that
  /// came before the end of its schedule prefix). Nothing in how it ended
  /// is the program's.
  bool budgetEnded = false;

  /// The execution made more atomic operations than it may schedule
  /// (AtomicStepBudget); the rest ran unscheduled, unexplored.
  bool atomicsUnscheduled = false;
  /// The files the accesses and file locks name, with their paths.
  std::vector<FileName> files;

  /// The path of file key `key` (a lock key names its file), or nullptr.
  const std::string *filePath(uint64_t key) const {
    for (const FileName &f : files)
      if (f.key == fileOfLock(key))
        return &f.path;
    return nullptr;
  }
};

/// The process of each event's thread when it ran (thread numbers are
/// reused, objects/ids.h, so the final state does not say): a created
/// thread is in its creator's process, a forked one in the process its
/// fork recorded.
std::vector<ProcessId> eventProcesses(const Execution &execution);

class Program {
public:
  virtual ~Program() = default;
  virtual Execution run(const ExecutionRequest &request) = 0;
  /// run(), into `out`, all of which it replaces. The explorer hands back
  /// the previous execution when nothing else kept it: an implementation
  /// may reuse the room of its vectors rather than allocate the events of
  /// every execution anew.
  virtual void runInto(const ExecutionRequest &request, Execution &out) {
    out = run(request);
  }
};

} // namespace tangle
