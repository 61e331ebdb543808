// The trace of a recorded run (`tangle run --trace FILE`,
// docs/trace-format.md "Recorded runs"): every thread's operations in its
// own order, each with a monotonic timestamp and its call site. Unlike an
// explored execution it has no schedule: the threads ran freely, and the
// timestamps order operations on one object as they really happened
// (acquisitions are stamped after the lock was taken, releases before it
// was given up). A later lock-order graph or prediction reads it as is.
#pragma once

#include "model/event.h"
#include "model/trace/trace_file.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace tangle {

constexpr uint32_t RecordTraceVersion = 2;

/// What a program used that record mode does not record (docs/cli.md,
/// "run"): a run that used one of these says so, since a hang, an order or
/// a race there was not watched. Numbered in the trace: append only.
enum class Unwatched : uint32_t {
  Pipes,          // pipe, pipe2
  MessageQueues,  // mq_open
  FileLocks,      // flock, fcntl record locks, lockf
  Spawns,         // popen, vfork: a child that runs unrecorded
  Clones,         // clone: a thread or process the runtime did not start
  Cancellation,   // pthread_cancel
  MemoryAccesses, // the ThreadSanitizer hooks: data races are not checked
  Futexes,        // syscall(SYS_futex) other than a wait or a wake (requeue,
                  // wake-op, PI locks): waits and wakes are recorded
  Count_
};
/// "pipes", "message queues", ... (plural, for "did not watch: ...").
const char *unwatchedName(Unwatched what);

/// One kind of call the run did not record, and its first call site.
struct UnwatchedUse {
  Unwatched what = Unwatched::Pipes;
  uint64_t pc = 0; // return address into the caller; 0 unknown
};

/// One recorded operation. `op` is as in Event (model/event.h); `pc` is the
/// return address into the caller of the intercepted function (its call
/// site; look it up at pc - 1).
struct RecordedEvent {
  uint64_t time = 0; // CLOCK_MONOTONIC, ns
  ThreadId thread = NoThread;
  int32_t result = 0; // what the call returned (an errno value, a ThreadId)
  Operation op;
  uint64_t pc = 0;
};
static_assert(sizeof(RecordedEvent) == 48);
static_assert(std::is_trivially_copyable_v<RecordedEvent>);

/// A module loaded in the program: runtime address = loadBias + file
/// address; [begin, end) its mapped range.
struct RecordedModule {
  std::string path;
  uint64_t loadBias = 0, begin = 0, end = 0;
};

struct RecordedThread {
  ThreadId id = NoThread;
  ThreadId parent = NoThread; // creator, or the forking thread; none for 0
  int32_t osPid = 0, osTid = 0;
  uint64_t startRoutine = 0; // 0 for a process's first thread
  bool ended = false;        // its ThreadExit was recorded
  std::vector<RecordedEvent> events;
};

/// How the recorded run ended.
enum class RecordedEnd : uint8_t {
  Exited,      // the first process exited; status = its exit status
  Crashed,     // killed by a signal; status = the signal
  Stopped,     // tangle ended it: a hang (the report says which)
  Interrupted, // tangle was interrupted
  Count_
};

struct RecordedRun {
  std::string program;
  std::vector<RecordedModule> modules;
  RecordedEnd end = RecordedEnd::Exited;
  int32_t status = 0;
  uint64_t dropped = 0; // events the region had no room for
  std::vector<UnwatchedUse> unwatched; // at most one of each, in enum order
  std::vector<RecordedThread> threads; // threads[i].id == i
};

/// How many processes `pids` (one OS process id per thread; 0 unknown: a
/// thread numbered that never ran) name: a forked child's thread is a
/// thread of a process of its own, which a run's summary counts apart.
inline size_t countProcesses(std::vector<int32_t> pids) {
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  return size_t(std::count_if(pids.begin(), pids.end(),
                              [](int32_t pid) { return pid > 0; }));
}
inline size_t countProcesses(const RecordedRun &run) {
  std::vector<int32_t> pids;
  for (const RecordedThread &thread : run.threads)
    pids.push_back(thread.osPid);
  return countProcesses(std::move(pids));
}

/// Makes the stamps of a run read from the record region unique over the
/// run (docs/trace-format.md, "What the timestamps mean"): the runtime's
/// stamps strictly increase within a thread and order every event after
/// what it synchronised with, but two threads may share one. Merges the
/// threads' sequences by (stamp, thread), then raises each stamp to one
/// more than the one before it in that merge: the order stays, each
/// thread's and each object's, and no two events share a stamp.
void makeStampsUnique(RecordedRun &run);

/// Returns "" on success, else a one-line error (and `run` is left empty).
std::string writeRecordedRun(const std::string &path, const RecordedRun &run);
std::string readRecordedRun(const std::string &path, RecordedRun &run);
/// The same from an open file, called `name` in errors (for fuzzing).
std::string readRecordedRun(FILE *file, const std::string &name,
                            RecordedRun &run);

} // namespace tangle
