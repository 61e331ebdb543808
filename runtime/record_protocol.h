// The shared region of record mode (`tangle run`, docs/runtime.md "Record
// mode"): tangle creates it, the program's runtime appends events to
// per-thread chunks and keeps each thread's live wait-for state there, and
// tangle reads both -- while the program runs (the hang watchdog) and after
// it ended, however it ended (the trace). Nothing here is a futex hand-off.
#pragma once

#include "model/trace/record_trace.h"
#include "runtime/shm_protocol.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace tangle::rec {

/// tangle passes the region's file descriptor in this variable; the runtime
/// unsets it at once (exec'd programs run in passthrough mode).
constexpr const char *RecordFdEnv = "TANGLE_RECORD_FD";

constexpr uint32_t Magic = 0x43524e54; // "TNRC"
// Bump when the layout changes, or what the chunks and wait records hold:
// 11 records futex waits and wakes (FutexWait, FutexResume, FutexWake; a
// thread in a futex wait waits for its FutexResume); 12 counts the events
// of timed waits that timed out apart (ThreadRecord::idleEvents, timeouts)
// and a timed condition wait's wait record has CondTimed.
constexpr uint32_t Version = 12;
/// Events per chunk: a thread takes a new chunk (one atomic add on the
/// region's counter) every ChunkEvents events, never per event.
constexpr uint32_t ChunkEvents = 4096;
/// Events a chunk takes when the threads keep a ring of chunks
/// (Header::keepChunks): a report shows a thread's last steps, not its last
/// thousands, and a chunk's pages are mapped (zero-filled) when a thread
/// takes it: in the lock-heavy benchmark, mapping 15 chunks of 49 pages
/// each was about a fifth of `tangle run`'s CPU time (docs/bench.md). 85
/// events are one page (the chunk's header and 85 events of 48 bytes: 4,096
/// bytes; chunks start on a page), where 256 were 4 and 1,024 13: on this
/// machine's virtual CPUs the first touch of a page costs 10-18 us, more
/// than a short run's events in it.
constexpr uint32_t RingChunkEvents = 85;
/// Locks one thread can hold at once as far as the watchdog knows; more
/// are counted in heldOverflow and not named.
constexpr uint32_t MaxHeld = 16;

/// What a blocked thread waits for, set before the real blocking call and
/// cleared after it (the watchdog's wait-for state).
struct WaitRecord {
  std::atomic<uint32_t> waiting; // 1 while the thread is in the call
  uint32_t reserved;
  uint64_t since; // CLOCK_MONOTONIC_COARSE ns (a tick behind CLOCK_MONOTONIC)
  Operation op;   // what it waits to do (object, arg: the mutex of a cond)
  Stack stack;    // where, walked when the thread blocks
};

/// A lock the thread holds: its acquisition (stamp, call site, operation).
/// A mutex's acquisition is `pending` until its release: no event of its
/// own, the release writes one event for both (packPair). Whoever reads the
/// region takes a pending acquisition from here (the run ended, hung or
/// crashed with the lock held).
struct HeldRecord {
  uint64_t object;
  uint64_t time; // the acquisition's stamp (unique in its thread)
  uint64_t pc;
  uint64_t arg;  // the acquisition's op.arg (a mutex's type)
  uint32_t kind; // OpKind of the acquisition (MutexLock, RwRdLock, ...)
  uint32_t count; // recursive acquisitions
  uint32_t pending; // 1: the acquisition has no event in the chunks yet
  uint32_t reserved;
};

/// A mutex's acquisition and its release in one event of the chunks: one
/// 48-byte write per lock/unlock pair instead of two (record mode's hot
/// path, docs/bench.md "Record mode's overhead"). Only in the region:
/// tangle splits it back into the two events when it reads the chunks
/// (unpackPair), so a trace and every reader see both, as before. The
/// release's event, with
///   op.flags    PairedFlag | the acquisition's OpKind,
///   op.reserved the release's stamp minus the acquisition's,
///   thread, result  the acquisition's call site (low, high 32 bits):
///               the thread is the chunk's, the release's result was 0.
/// A pair that does not fit (held 2^32 ns or more, a failed release) is
/// written as two events.
constexpr uint16_t PairedFlag = 0x8000;

inline bool fitsPair(uint64_t acquired, uint64_t released, int32_t result) {
  return result == 0 && released > acquired &&
         released - acquired <= UINT32_MAX;
}

static_assert(offsetof(RecordedEvent, thread) == 8 &&
              offsetof(RecordedEvent, result) == 12 &&
              offsetof(RecordedEvent, op) == 16 &&
              offsetof(Operation, flags) == 2 &&
              offsetof(Operation, reserved) == 4 &&
              offsetof(Operation, object) == 8 && sizeof(OpKind) == 2);

/// Six 8-byte stores (every store before the next lock's atomic
/// instruction waits for it to drain: docs/bench.md).
inline void packPair(RecordedEvent &e, const HeldRecord &acquired,
                     uint64_t time, uint64_t pc) {
  typedef uint64_t __attribute__((may_alias)) Word;
  static_assert(sizeof(RecordedEvent) == 6 * sizeof(Word));
  Word *w = reinterpret_cast<Word *>(&e);
  w[0] = time;
  w[1] = acquired.pc; // thread, result: its little-endian halves
  w[2] = uint64_t(OpKind::MutexUnlock) |
         uint64_t(PairedFlag | acquired.kind) << 16 |
         (time - acquired.time) << 32;
  w[3] = acquired.object;
  w[4] = acquired.arg;
  w[5] = pc;
}

inline bool isPair(const RecordedEvent &e) {
  return e.op.kind == OpKind::MutexUnlock && (e.op.flags & PairedFlag);
}

/// The acquisition held record `held` of thread `thread` stands for (a
/// pending one, or one a ring of chunks left out).
inline RecordedEvent heldAcquisition(const HeldRecord &held, ThreadId thread) {
  RecordedEvent e;
  e.time = held.time;
  e.thread = thread;
  e.op.kind = OpKind(held.kind);
  e.op.object = held.object;
  e.op.arg = held.arg;
  e.pc = held.pc;
  return e;
}

/// The two events of pair `e`, of thread `thread`.
inline void unpackPair(const RecordedEvent &e, ThreadId thread,
                       RecordedEvent &acquire, RecordedEvent &release) {
  acquire = RecordedEvent();
  acquire.time = e.time - e.op.reserved;
  acquire.thread = thread;
  acquire.op.kind = OpKind(e.op.flags & ~PairedFlag);
  acquire.op.object = e.op.object;
  acquire.op.arg = e.op.arg;
  acquire.pc = uint64_t(e.thread) | uint64_t(uint32_t(e.result)) << 32;
  release = e;
  release.thread = thread;
  release.result = 0;
  release.op.flags = 0;
  release.op.reserved = 0;
}

enum class ThreadState : uint32_t { Unused, Alive, Ended };

/// ThreadRecord::letGo: a slot is free again once all three are set
/// (whoever sets the last frees it, runtime/record.cpp's letGo).
constexpr uint32_t SlotEnded = 1; // ended holding nothing, and gone or retired
constexpr uint32_t SlotHandleGone = 2; // joined or detached
constexpr uint32_t SlotCreated = 4;    // the creator wrote its handle
constexpr uint32_t SlotLetGo = SlotEnded | SlotHandleGone | SlotCreated;

/// A slot of the region's thread records: the live state of one thread at
/// a time. Its thread's number (a ThreadId: what the events, the trace and
/// the reports name) is `number`, not the slot's index: a slot is reused
/// once its thread ended holding nothing and was joined or detached
/// (docs/runtime.md, "Thread slots"), the numbers never are.
struct alignas(64) ThreadRecord {
  std::atomic<uint32_t> state; // ThreadState
  ThreadId parent;             // the creating (or forking) thread
  int32_t osPid, osTid;
  uint64_t startRoutine; // 0 for a process's first thread
  uint64_t handle;       // its pthread_t, for join and detach
  // 0: no handle yet, 1: `handle` names it, 2: joined or detached (never
  // 1 again: the creator and the thread itself both set it, from 0 only).
  std::atomic<uint32_t> hasHandle;
  // The number of the thread in the slot, NoThread while it is free: a
  // reader that reads it before and after what it reads knows the slot was
  // not given to another thread in between.
  std::atomic<uint32_t> number;
  // Events: chunk indexes in order, the last one being filled. `events`
  // counts the operations recorded in this slot so far, by every thread it
  // held (never reset: the watchdog's progress is their sum, which a reuse
  // must not move back), the slot's thread's own since `eventsBase`: a
  // pair event two, a pending acquisition none until its event is written
  // (the summary adds the pending ones). The chunk's `count` is
  // release-stored after each event: a reader sees whole events, also
  // after a crash.
  std::atomic<uint64_t> events;
  uint32_t currentChunk;       // index of the chunk being filled
  std::atomic<uint32_t> letGo; // rec::SlotLetGo bits
  WaitRecord wait;
  uint32_t heldCount;
  uint32_t heldOverflow;
  HeldRecord held[MaxHeld];
  // The watchdog asks a thread where it loops (SIGRTMIN + HangSignalOffset).
  std::atomic<uint32_t> sampled;
  uint32_t nextFree; // free: the slot below it in Header::freeThreads, + 1
  Stack sample;
  // (Here, not beside `events`: the fields the lock path writes, the held
  // records above all, keep the offsets they had before slots were reused.)
  uint64_t eventsBase;
  // Of `events`, those that are no progress: the events of a timed wait
  // that timed out, and a timed condition wait's CondWait while its wait
  // lasts (docs/runtime.md, "Timed waits"). The watchdog's progress is the
  // sum of events - idleEvents, so a thread that waits again after each
  // timeout, while nothing else moves, does not look like progress. Never
  // reset, as `events`; stored before the events they count.
  std::atomic<uint64_t> idleEvents;
  // Timed waits that timed out, by every thread the slot held.
  std::atomic<uint64_t> timeouts;
};

/// What the trace needs of a thread after its slot went to another: one
/// record per thread number (Header::maxNumbers), written when the number
/// is handed out and when the thread starts, never reused.
struct ThreadInfo {
  ThreadId parent;
  uint32_t slot; // its slot while ThreadRecord::number says so
  int32_t osPid, osTid;
  uint64_t startRoutine;
};

// Page-aligned, so that a ring chunk is one page (RingChunkEvents).
struct alignas(4096) Chunk {
  ThreadId thread;   // NoThread: free (Header::freeChunks)
  uint32_t sequence; // this thread's n-th chunk
  std::atomic<uint32_t> count;
  uint32_t next; // free: the chunk below it in Header::freeChunks, + 1
  RecordedEvent events[ChunkEvents];
};

static_assert(sizeof(Chunk) % 4096 == 0 &&
              offsetof(Chunk, events) +
                      sizeof(RecordedEvent) * RingChunkEvents ==
                  4096);

/// What the program recorded about its own crash (the crash handlers of
/// record mode), read by tangle after the program died of a signal.
struct CrashRecord {
  std::atomic<uint32_t> recorded;
  int32_t signal;
  ThreadId thread;
  uint32_t assertion;
  char message[shm::MessageMax];
  Stack stack;
};

struct Header {
  uint32_t magic, version, headerSize;
  std::atomic<uint32_t> runtimeMismatch; // a runtime from another build
  uint64_t regionSize;
  uint32_t maxThreads; // thread slots (alive at once)
  uint32_t chunkCapacity;
  uint64_t threadsOffset, chunksOffset;
  uint32_t maxNumbers; // thread numbers (ThreadInfo records) in a run
  uint32_t reserved0;
  uint64_t infosOffset;
  std::atomic<uint32_t> threadCount; // thread numbers handed out
  std::atomic<uint32_t> slotsUsed;   // slots ever taken (may pass maxThreads)
  std::atomic<uint32_t> chunksUsed;  // chunks handed out (may pass capacity)
  std::atomic<uint64_t> dropped;     // events lost: no chunk or thread left
  std::atomic<uint32_t> mainReached; // the module list is written
  // 0: every chunk is kept (a trace was asked for). N: each thread keeps
  // its first chunk and reuses its last N in a ring (the report needs only
  // the last steps, the locks held and the creations; writing into memory
  // already in the cache, not 48 fresh bytes an event, is most of record
  // mode's speed).
  uint32_t keepChunks;
  // Events each chunk takes before the thread takes the next: ChunkEvents,
  // or RingChunkEvents with keepChunks.
  uint32_t chunkFill;
  // What the program used that is not recorded (Unwatched, a bit each)
  // and the first call site of each.
  std::atomic<uint32_t> unwatched;
  uint32_t reserved1;
  std::atomic<uint64_t> unwatchedPc[uint32_t(Unwatched::Count_)];
  // The run's last stamp taken from this word (runtime/record.cpp's now():
  // every event but a mutex's), on a cache line of its own. In the
  // header's first page with the fields above, which both tangle and the
  // program touch anyway (record region version 7): a page more of the
  // region touched is a page fault more in each process.
  alignas(64) std::atomic<uint64_t> lastStamp;
  // CLOCK_MONOTONIC_COARSE in ns, written by tangle's watch loop at each
  // look: the floor of every stamp (runtime/record.cpp's stamp()), so that
  // a thread's stamps follow the real time without a clock read per event.
  // On a line of its own: the threads only read it.
  alignas(64) std::atomic<uint64_t> coarseNow;
  // With keepChunks: the chunks of threads that ended, which the next
  // threads take before new ones (runtime/record.cpp, freeChunk): a stack,
  // the top chunk's index + 1 in the low 32 bits (0: empty) and a count of
  // changes in the high 32 (a pop that read a stale top fails its
  // compare-and-swap); each free chunk's `next` is the one below it + 1.
  alignas(64) std::atomic<uint64_t> freeChunks;
  // The slots of threads that ended and were joined or detached, for the
  // next threads (runtime/record.cpp, freeSlot): a stack as freeChunks,
  // each free slot's `nextFree` the one below it + 1.
  alignas(64) std::atomic<uint64_t> freeThreads;
  alignas(64) uint32_t moduleCount;
  shm::ModuleRecord modules[shm::MaxModules];
  CrashRecord crash;
};

struct Layout {
  uint64_t threadsOffset, infosOffset, chunksOffset, size;
};

inline Layout computeLayout(uint32_t maxThreads, uint32_t maxNumbers,
                            uint32_t chunkCapacity) {
  Layout l;
  l.threadsOffset = shm::alignUp(sizeof(Header), 4096);
  l.infosOffset = shm::alignUp(
      l.threadsOffset + sizeof(ThreadRecord) * uint64_t(maxThreads), 4096);
  l.chunksOffset = shm::alignUp(
      l.infosOffset + sizeof(ThreadInfo) * uint64_t(maxNumbers), 4096);
  l.size = shm::alignUp(l.chunksOffset + sizeof(Chunk) * uint64_t(chunkCapacity),
                        4096);
  return l;
}

} // namespace tangle::rec
