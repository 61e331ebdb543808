// The record-and-watch half of `tangle run` (docs/runtime.md "Record mode"):
// the record region tangle shares with the program, the hang watchdog that
// reads its live wait-for state, and the hand-off from the launcher to the
// full tangle. Plain C++ and the model's types, no LLVM: the launcher
// (cli/launcher.cpp, the `tangle` executable) links it to run a program
// without loading LLVM, clang or Z3, and hands the run over to the full
// tangle (libexec/tangle-full) only when there is something to explain.
#pragma once

#include "model/detect/finding.h"
#include "runtime/record_protocol.h"

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tangle {

/// Threads and chunks of the record region (sparse: only what is used costs
/// memory): 8,192 thread slots (threads at once: alive, ended and not yet
/// joined, or ended holding a lock), 2^20 thread numbers in a run (the
/// trace's own limit), 8,192 chunks of 4,096 events (32 Mi events; a
/// short-lived thread takes a chunk of its own, and prediction wants every
/// round of a program that creates thousands).
constexpr uint32_t RecordThreads = 8192;
constexpr uint32_t RecordThreadNumbers = 1u << 20;
constexpr uint32_t RecordChunks = 8192;

/// CLOCK_MONOTONIC in ns (the same clock in the launcher and, after exec,
/// in the full tangle).
uint64_t monotonicNs();

/// Whether a thread waiting in `kind` waits for a lock (a mutex or a read
/// or write lock), whose holder the stall report names.
bool lockKind(OpKind kind);

/// Whether a thread waiting to do `op` gave a timeout (a timed lock,
/// condition, semaphore or futex wait): its wait ends by itself, so it is
/// waiting, not blocked for good, and it is no edge of a wait-for cycle.
bool timedWait(const Operation &op);

/// The record region, as tangle maps it.
struct Region {
  rec::Header *header = nullptr;
  size_t size = 0;
  int fd = -1;
  rec::ThreadRecord *threads() const {
    return reinterpret_cast<rec::ThreadRecord *>(
        reinterpret_cast<char *>(header) + header->threadsOffset);
  }
  rec::Chunk *chunks() const {
    return reinterpret_cast<rec::Chunk *>(reinterpret_cast<char *>(header) +
                                          header->chunksOffset);
  }
  rec::ThreadInfo *infos() const {
    return reinterpret_cast<rec::ThreadInfo *>(
        reinterpret_cast<char *>(header) + header->infosOffset);
  }
  /// Thread numbers handed out (the run's threads).
  uint32_t threadCount() const;
  /// The processes of the run's threads (its first, and each one forked).
  size_t processCount() const;
  /// Slots taken (the records to read for the live state).
  uint32_t slotCount() const;
  /// The slot of thread `t` while it holds it (alive, ended holding a lock,
  /// or ended and not yet joined), else null: its live state is gone, it
  /// held nothing and waited for nothing. Read once the program stopped.
  rec::ThreadRecord *slotOf(ThreadId t) const;
  /// Operations the threads recorded: the events counted (a pair of a
  /// mutex's acquisition and release two) and the acquisitions still
  /// pending in the held records (rec::HeldRecord).
  uint64_t recordedOperations() const;
  Region() = default;
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;
  ~Region();
};

/// Writes CLOCK_MONOTONIC_COARSE to the region's coarseNow (the floor of
/// the runtime's stamps, runtime/record.cpp): each look of a watch loop.
void tellCoarseTime(const Region &region);

/// Creates and maps a fresh region; `keepChunks` as rec::Header::keepChunks
/// (0: every chunk, full; N: a ring of chunks of rec::RingChunkEvents).
/// False with `error` when it cannot.
bool createRegion(Region &region, uint32_t keepChunks, std::string &error);
/// Maps the region of descriptor `fd` (handed over by the launcher); takes
/// the descriptor. False with `error` when it is not a record region of
/// this version.
bool adoptRegion(Region &region, int fd, std::string &error);

/// What the watchdog saw when it decided.
struct WatchVerdict {
  FindingKind kind = FindingKind::ProgramHang;
  // Thread numbers (inside the watchdog, until toNumbers: its slots).
  std::vector<ThreadId> threads; // involved, in cycle order
  std::map<ThreadId, ThreadId> waitsOn;
  bool found = false;
  /// For program.hang: how many threads ran without a recorded operation
  /// (more than one: it was decided after LivelockFactor x --hang-after).
  uint32_t loops = 0;
};

/// Two or more threads running without a recorded operation may be
/// lock-free code that moves on unrecorded (record mode records no atomics
/// or plain memory), or threads that spin on each other's flags for good
/// (a livelock): a hang only after this many times --hang-after. So long,
/// too, for a thread that waits again after each timeout of a timed wait
/// while nothing else moves (a retry loop that may still give up by
/// itself) before it counts as blocked.
constexpr uint32_t LivelockFactor = 20;

/// The hang watchdog: looks at the region's live state every 50 ms.
class Watchdog {
public:
  Watchdog(const Region &region, double hangAfter);
  /// Looks once; true when it decided (`out` says what).
  bool look(WatchVerdict &out);

private:
  // The watchdog works on slot indexes (what it reads while the program
  // runs); numbers_ has the number of each slot it listed, which a
  // verdict names once the slots still hold the same threads (a slot
  // reused meanwhile: no verdict at this look).
  using Slot = uint32_t; // an index of the region's thread records
  /// The slots the region lists as alive (no system call).
  std::vector<Slot> listedThreads();
  /// Those of them whose process still runs (a /proc read each).
  std::vector<Slot> aliveThreads();
  /// `out` in thread numbers; false when a slot it names changed hands.
  bool toNumbers(WatchVerdict &out) const;
  /// Whether the program has live threads the region does not list
  /// (past its thread numbers, a process that exec'd or was spawned: they
  /// run unrecorded), which `alive` then does not count: before a stall or
  /// a loop is claimed (/proc read, once a second at most).
  bool unlistedThreadsAlive(const std::vector<Slot> &alive, uint64_t now);
  size_t countUnlistedTasks(const std::vector<Slot> &alive) const;
  /// What a look makes of a thread when nothing moved for --hang-after.
  enum class Judged {
    Blocked,        // in a wait nothing left can end
    Retrying,       // in a timed wait again, after timeouts since anything
                    // else moved: blocked, once that lasted long enough
    BetweenRetries, // timed out a moment ago and about to wait again
    Waiting,        // in a wait that may still end: no stall, no loop
    Running,        // outside every recorded wait: it may loop
  };
  Judged judge(Slot t, uint64_t now) const;
  /// Whether running thread t loops: runnable now, and never asleep since
  /// the last look at it (a thread that wakes from a sleep now and then
  /// does not).
  bool loopsOn(Slot t);
  /// Whether waiting thread t is blocked for good as far as the run can
  /// see, as tangle attach decides (docs/attach.md): not in a wait with a
  /// timeout (it ends by itself), nor in a process-shared futex wait on a
  /// shared page (a process outside the run may wake it). A thread that is
  /// not counts as running: no stall is claimed while it waits.
  bool blockedForGood(Slot t) const;
  /// Sums the slots' progress (events that are not timeouts) and notes
  /// when it, and each slot's timeouts, last moved.
  void noteProgress(uint64_t now);
  /// Whether thread t's last recorded event ends its process (main
  /// returned, exit): it is tearing the process down, which on a loaded
  /// machine may take longer than --hang-after, and its CPU time grows
  /// meanwhile; not a loop.
  bool endingProcess(Slot t) const;
  std::vector<Slot> holdersFor(Slot t, const std::vector<Slot> &alive) const;
  /// Into `out` in slots (toNumbers turns them into numbers).
  bool findCycle(const std::vector<Slot> &alive, uint64_t now, uint64_t minWait,
                 WatchVerdict &out) const;

  const Region &region_;
  uint64_t hangAfterNs_;
  uint64_t lastChange_;
  uint64_t lastProgress_ = 0;
  // By slot: its timeouts at the last look, and when they last moved.
  std::vector<uint64_t> timeoutsSeen_, timedOutAt_;
  std::map<Slot, ThreadId> numbers_;
  struct CpuSample {
    bool sampled = false; // runnable at the last look at it
    uint64_t sleeps = 0;  // its voluntary context switches then
  };
  std::map<ThreadId, CpuSample> cpu_; // by thread number
  uint64_t unlistedCheckedAt_ = 0;
  bool unlistedAlive_ = false;
};

/// How the watched run ended: the program exited or was killed by a signal
/// (`reaped`, with its wait status), tangle was interrupted (the signal),
/// or the watchdog decided (`decided.found`; the program still runs).
struct WatchOutcome {
  pid_t pid = -1;
  bool reaped = false;
  int status = 0;
  int interruptSignal = 0;
  WatchVerdict decided;
};

/// Watches the started program `pid` until one of the above; the program's
/// end wakes it at once (a pidfd), the watchdog looks every 50 ms.
WatchOutcome watchProgram(const Region &region, pid_t pid, double hangAfter,
                          const std::atomic<int> &interrupt);

/// Kills every process of the program and reaps the first.
void endProgram(pid_t pid, bool &reaped, int &status);

/// The launcher's hand-off to the full tangle, in this environment
/// variable: the region's descriptor (inherited), the program's start time
/// and the outcome of the watch. The full tangle unsets it at once.
constexpr const char *RunHandoffEnv = "TANGLE_RUN_HANDOFF";
struct RunHandoff {
  int regionFd = -1;
  uint64_t startedNs = 0;
  WatchOutcome outcome;
};
std::string encodeHandoff(const RunHandoff &handoff);
/// False for a malformed value.
bool decodeHandoff(const std::string &text, RunHandoff &handoff);

} // namespace tangle
