// Record mode: each intercepted operation runs for real and is appended to
// its thread's chunk of the record region; a thread about to block notes
// what it waits for, and each thread keeps the locks it holds, so that
// tangle's hang watchdog can read the live wait-for state at any moment.
// Timestamps order the operations on one object as they really happened:
// an acquisition is stamped after the real call took the object, a release
// before the real call gives it up (see stamp() below: a hybrid clock, each
// thread's own, carried from a mutex's release to its next acquisition by a
// word of the mutex itself).
#include "runtime/record.h"
#include "runtime/futexes.h"

#include "runtime/modules.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/record_mutex.h"
#include "runtime/record_protocol.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"

#include <cerrno>
#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

namespace tangle::rt {

RecordRegion g_recordRegion;
__thread RecordThread t_record __attribute__((tls_model("initial-exec"))) = {
    NoThread, nullptr, nullptr, 0, {}, 0, 0, 0, 0, 0};

namespace {

constexpr uint32_t MaxRing = 4;
static_assert(MaxRing == sizeof(RecordThread::ring) / sizeof(uint32_t));

uint64_t addr(const void *p) { return reinterpret_cast<uintptr_t>(p); }

uint64_t clockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

// Event stamps (docs/trace-format.md, "Recorded runs"; docs/runtime.md,
// "Record mode"). Each thread keeps its own clock, t_record.clock, in
// nanoseconds of CLOCK_MONOTONIC: an event's stamp is one more than the
// thread's last stamp, raised to a floor that orders it after what it
// synchronised with, and to the coarse time tangle's watch loop writes in
// the region (rec::Header::coarseNow) so that stamps follow the real time.
// Stamps of one thread strictly increase; an event that came after another
// through an object (the release that let an acquisition in, a post and
// the wait it ended, a create and the thread's start) has a larger stamp.
// Two threads' stamps may be equal: tangle merges the threads' sequences
// when it reads the region (cli/run_command.cpp's collect) into the unique
// stamps of the trace.
//
// Where the floor comes from:
// - a mutex (the hot path, docs/bench.md "Record mode's overhead"): from a
//   word of the mutex itself, glibc's robust-list link (__list.__next),
//   which glibc uses only for robust mutexes. A release writes its stamp
//   there before the real unlock, an acquisition reads it after the real
//   lock: a plain store and a plain load of the mutex's own cache line
//   (which the lock just took), no atomic read-modify-write, no shared
//   word. Robust mutexes take the run's word instead;
// - everything else (conditions, semaphores, barriers, rwlocks, spinlocks,
//   threads, processes, once, sleeps): the run's word, lastStamp, raised by
//   a compare-and-swap, and the coarse clock read (~16 ns) at each, as
//   before: these calls are rarer, or block anyway.

// (stamp(), the hot path's stamp, is in runtime/record_mutex.h.)

/// A stamp ordered after every earlier stamp taken from the run's word
/// (and after `floor`), raised to the coarse monotonic clock (a read of the
/// vDSO's page, ~16 ns).
uint64_t now(uint64_t floor = 0) {
  uint64_t want = clockNs(CLOCK_MONOTONIC_COARSE);
  if (t_record.clock + 1 > want)
    want = t_record.clock + 1;
  if (floor + 1 > want)
    want = floor + 1;
  std::atomic<uint64_t> &last = g_recordRegion.header->lastStamp;
  uint64_t seen = last.load(std::memory_order_relaxed);
  uint64_t next;
  do {
    next = want > seen ? want : seen + 1;
  } while (!last.compare_exchange_weak(seen, next, std::memory_order_relaxed));
  t_record.clock = next;
  return next;
}

/// The stamp of an acquisition of m (after the real call took it).
__attribute__((always_inline)) inline uint64_t
acquiredStamp(pthread_mutex_t *m) {
  uint64_t *word = orderWord(m);
  if (!word)
    return now();
  return stamp(__atomic_load_n(word, __ATOMIC_RELAXED));
}

/// The stamp of a release of m (before the real call gives it up), written
/// to the mutex for its next acquisition when this call will release it:
/// a normal mutex is released by any thread, a recursive or error-checking
/// one only by its owner.
__attribute__((always_inline)) inline uint64_t releaseStamp(pthread_mutex_t *m,
                                                            MutexType type) {
  uint64_t *word = orderWord(m);
  if (!word)
    return now();
  uint64_t s = stamp(0);
  bool owner = t_record.slot && m->__data.__owner == t_record.slot->osTid;
  if (owner || type == MutexType::Normal || type == MutexType::Default)
    __atomic_store_n(word, s, __ATOMIC_RELAXED);
  return s;
}

// Thread slots (docs/runtime.md, "Thread slots"). A thread number is
// handed out once per run (threadCount, a ThreadInfo each); a slot, the
// thread's live state that the watchdog reads, is taken from the free
// slots (those of threads that ended holding nothing and were joined or
// detached) before a new one: a program that starts a thread per task
// needs as many slots as it has threads at once, not in all.

/// Pushes slot `index` on the stack `top` (Header::freeThreads or
/// freeChunks: the index + 1 in the low 32 bits, a count of changes in the
/// high 32, so that a pop that read a stale top fails its
/// compare-and-swap), `next` the slot's or chunk's link.
void pushFree(std::atomic<uint64_t> &stack, uint32_t &next, uint32_t index) {
  uint64_t top = stack.load(std::memory_order_acquire);
  do
    next = uint32_t(top);
  while (!stack.compare_exchange_weak(
      top, ((top >> 32) + 1) << 32 | (index + 1), std::memory_order_release,
      std::memory_order_acquire));
}

/// The top of a free stack (`nextOf` the link of an index), or false when
/// it is empty.
template <typename NextOf>
bool popFree(std::atomic<uint64_t> &stack, NextOf nextOf, uint32_t &index) {
  uint64_t top = stack.load(std::memory_order_acquire);
  while (uint32_t(top) != 0) {
    uint32_t i = uint32_t(top) - 1;
    uint32_t next = nextOf(i);
    if (stack.compare_exchange_weak(top, ((top >> 32) + 1) << 32 | next,
                                    std::memory_order_acq_rel,
                                    std::memory_order_acquire)) {
      index = i;
      return true;
    }
  }
  return false;
}

/// Slot `index` goes to the free slots: its thread ended holding nothing,
/// retired (writes nothing to it any more), and was joined or detached.
/// The readers see it unused, with no number, before the next thread's.
void freeSlot(uint32_t index) {
  rec::Header &h = *g_recordRegion.header;
  rec::ThreadRecord &slot = g_recordRegion.threads[index];
  slot.state.store(uint32_t(rec::ThreadState::Unused),
                   std::memory_order_release);
  slot.number.store(NoThread, std::memory_order_release);
  pushFree(h.freeThreads, slot.nextFree, index);
}

/// Sets `bit` (rec::SlotLetGo bits) in slot `index`; the last of the
/// three frees the slot. Each is set once: the end by the joiner (the
/// thread is gone) or by a detached thread at its end (it retires), the
/// handle's by the joiner or detacher, the creator's after it wrote the
/// handle (a thread that detaches itself and ends at once must not have
/// its slot taken by the next thread before its creator is done with it).
void letGo(uint32_t index, uint32_t bit) {
  rec::ThreadRecord &slot = g_recordRegion.threads[index];
  uint32_t before = slot.letGo.fetch_or(bit, std::memory_order_acq_rel);
  if ((before | bit) == rec::SlotLetGo && before != rec::SlotLetGo)
    freeSlot(index);
}

/// The thread's handle, in its slot (from 0 only: a detach or a join may
/// have set 2 already).
void noteHandle(rec::ThreadRecord &slot, pthread_t handle) {
  slot.handle = uint64_t(handle);
  uint32_t none = 0;
  slot.hasHandle.compare_exchange_strong(none, 1, std::memory_order_release);
}

/// A new thread number and a slot (for a thread or a forked process about
/// to start), or NoThread when the slots (alive at once) or the numbers
/// (in the run) ran out.
ThreadId claimThread(ThreadId parent, uint64_t startRoutine) {
  rec::Header &h = *g_recordRegion.header;
  uint32_t index;
  if (!popFree(
          h.freeThreads,
          [](uint32_t i) { return g_recordRegion.threads[i].nextFree; },
          index)) {
    if (h.slotsUsed.load(std::memory_order_relaxed) >= h.maxThreads)
      return NoThread; // (no add: a thread without a slot asks each event)
    index = h.slotsUsed.fetch_add(1, std::memory_order_relaxed);
    if (index >= h.maxThreads)
      return NoThread;
  }
  uint32_t id = h.threadCount.fetch_add(1, std::memory_order_relaxed);
  rec::ThreadRecord &slot = g_recordRegion.threads[index];
  if (id >= h.maxNumbers) {
    pushFree(h.freeThreads, slot.nextFree, index);
    return NoThread;
  }
  // The slot's previous thread ended holding nothing and waiting for
  // nothing; what a reader may still see of it is its number (checked
  // after every read) and its counters.
  slot.parent = parent;
  slot.startRoutine = startRoutine;
  slot.osPid = getpid(); // a join may come before the thread runs
  slot.osTid = 0;        // the watchdog lists it once it runs
  slot.handle = 0;
  slot.hasHandle.store(0, std::memory_order_relaxed);
  slot.heldOverflow = 0;
  slot.letGo.store(0, std::memory_order_relaxed);
  slot.eventsBase = slot.events.load(std::memory_order_relaxed);
  rec::ThreadInfo &info = g_recordRegion.infos[id];
  info.parent = parent;
  info.slot = index;
  info.osPid = slot.osPid;
  info.startRoutine = startRoutine;
  slot.number.store(id, std::memory_order_release);
  return id;
}

/// The slot of thread `id`, which holds it (its number's own).
rec::ThreadRecord &slotOf(ThreadId id) {
  return g_recordRegion.threads[g_recordRegion.infos[id].slot];
}

/// The calling OS thread becomes thread `id`. Its clock goes on from the
/// forking thread's (a forked child) and starts no earlier than now.
void bindThread(ThreadId id) {
  uint64_t clock = t_record.clock;
  uint64_t coarse = clockNs(CLOCK_MONOTONIC_COARSE);
  t_record = {id, nullptr, nullptr, 0, {}, clock > coarse ? clock : coarse,
              0,  0,       0,       0};
  if (id == NoThread)
    return;
  rec::ThreadRecord &slot = slotOf(id);
  t_record.slot = &slot;
  slot.osPid = getpid();
  slot.osTid = static_cast<int32_t>(gettid());
  g_recordRegion.infos[id].osPid = slot.osPid;
  g_recordRegion.infos[id].osTid = slot.osTid;
  slot.state.store(uint32_t(rec::ThreadState::Alive),
                   std::memory_order_release);
}

/// A thread the runtime did not see start (made by a library before the
/// region was attached, or by clone) gets a number at its first event.
__attribute__((always_inline)) inline bool ensureBound() {
  if (t_record.id != NoThread)
    return true;
  if (t_record.retired) // ended: it gave its slot back
    return false;
  bindThread(claimThread(NoThread, 0));
  return t_record.id != NoThread;
}

/// A chunk of a thread that ended, for the next thread to take (with
/// keepChunks: nobody reads an ended thread's last steps). A new chunk is a
/// page the program touches for the first time, 10-18 us on this machine's
/// virtual CPUs: a program that starts a thread per task paid it for each
/// thread's first three chunks, and ran out of chunks after ~2,700 threads.
void freeChunk(uint32_t index) {
  rec::Chunk &chunk = g_recordRegion.chunks[index];
  chunk.thread = NoThread; // the reader skips it from now on
  pushFree(g_recordRegion.header->freeChunks, chunk.next, index);
}

/// The top of the free chunks, or false when there is none.
bool popFreeChunk(uint32_t &index) {
  return popFree(
      g_recordRegion.header->freeChunks,
      [](uint32_t i) { return g_recordRegion.chunks[i].next; }, index);
}

/// With keepChunks, at the thread's end: its chunks go to the free ones. An
/// event it records after this (a destructor's lock) takes a chunk anew.
void releaseChunks() {
  rec::Header &h = *g_recordRegion.header;
  RecordThread &t = t_record;
  uint32_t keep = h.keepChunks < MaxRing ? h.keepChunks : MaxRing;
  if (!keep || t.chunks == 0)
    return;
  freeChunk(t.first);
  for (uint32_t i = 0; i < keep && i + 1 < t.chunks; ++i)
    freeChunk(t.ring[i]);
  t.chunk = nullptr;
  t.chunks = 0;
}

__attribute__((noinline)) rec::Chunk *takeChunk() {
  rec::Header &h = *g_recordRegion.header;
  RecordThread &t = t_record;
  uint32_t keep = h.keepChunks < MaxRing ? h.keepChunks : MaxRing;
  if (keep && t.chunks > keep) {
    // The ring: the chunk that held the thread's events `keep` chunks ago
    // (its first chunk stays).
    uint32_t index = t.ring[(t.chunks - 1) % keep];
    rec::Chunk &chunk = g_recordRegion.chunks[index];
    chunk.count.store(0, std::memory_order_relaxed);
    chunk.sequence = t.chunks++;
    t.slot->currentChunk = index;
    return &chunk;
  }
  uint32_t index;
  bool reused = keep && popFreeChunk(index);
  if (!reused) {
    index = h.chunksUsed.fetch_add(1, std::memory_order_relaxed);
    if (index >= h.chunkCapacity)
      return nullptr;
  }
  if (keep && t.chunks > 0)
    t.ring[(t.chunks - 1) % keep] = index;
  if (keep && t.chunks == 0)
    t.first = index;
  rec::Chunk &chunk = g_recordRegion.chunks[index];
  if (reused) {
    chunk.count.store(0, std::memory_order_relaxed);
  } else {
    // The chunk's pages are fresh shared memory: one call maps them all
    // instead of a page fault every 85 events (MADV_POPULATE_WRITE, Linux
    // 5.14; where it is missing the pages fault in as before). Only the
    // pages the thread fills: in a ring, a chunk's first page.
    constexpr int PopulateWrite = 23;
    const uintptr_t page = 4096;
    uintptr_t begin = reinterpret_cast<uintptr_t>(&chunk) & ~(page - 1);
    auto filled =
        reinterpret_cast<uintptr_t>(&chunk.events[g_recordRegion.fill]);
    uintptr_t end = (filled + page - 1) & ~(page - 1);
    madvise(reinterpret_cast<void *>(begin), end - begin, PopulateWrite);
  }
  // Once a chunk, the thread's clock catches up with the real time (a
  // thread whose events only raise it by one each).
  uint64_t coarse = clockNs(CLOCK_MONOTONIC_COARSE);
  if (coarse > t.clock)
    t.clock = coarse;
  chunk.thread = t_record.id;
  chunk.sequence = t_record.chunks++;
  t_record.slot->currentChunk = index;
  return &chunk;
}

/// nextEvent's way when the thread has no number or no room in its chunk.
__attribute__((noinline)) RecordedEvent *nextEventSlow(unsigned lost) {
  RecordThread &t = t_record;
  if (!ensureBound()) {
    g_recordRegion.header->dropped.fetch_add(lost, std::memory_order_relaxed);
    return nullptr;
  }
  rec::Chunk *chunk = t.chunk;
  if (!chunk ||
      chunk->count.load(std::memory_order_relaxed) == g_recordRegion.fill) {
    chunk = takeChunk();
    if (!chunk) {
      g_recordRegion.header->dropped.fetch_add(lost, std::memory_order_relaxed);
      return nullptr;
    }
    t.chunk = chunk;
  }
  return &chunk->events[chunk->count.load(std::memory_order_relaxed)];
}

/// The thread's next event in its chunk (taking a new chunk when it is
/// full), to be filled and then published by commitEvent; null when there
/// is no room, the `lost` events it would have held counted as dropped.
__attribute__((always_inline)) inline RecordedEvent *nextEvent(unsigned lost) {
  RecordThread &t = t_record;
  rec::Chunk *chunk = t.chunk;
  if (__builtin_expect(t.id == NoThread || !chunk, 0))
    return nextEventSlow(lost);
  uint32_t i = chunk->count.load(std::memory_order_relaxed);
  if (__builtin_expect(i == g_recordRegion.fill, 0))
    return nextEventSlow(lost);
  return &chunk->events[i];
}

/// Publishes the event nextEvent gave, holding `operations` operations (a
/// pair two).
__attribute__((always_inline)) inline void commitEvent(unsigned operations) {
  RecordThread &t = t_record;
  // Whole events only, for a reader in another process, also after a crash.
  t.chunk->count.store(t.chunk->count.load(std::memory_order_relaxed) + 1,
                       std::memory_order_release);
  t.slot->events.store(
      t.slot->events.load(std::memory_order_relaxed) + operations,
      std::memory_order_release);
}

__attribute__((always_inline)) inline void append(OpKind kind, uint16_t flags,
                                                  uint64_t object, uint64_t arg,
                                                  int32_t result, uint64_t pc,
                                                  uint64_t time) {
  RecordedEvent *next = nextEvent(1);
  if (!next)
    return;
  RecordedEvent &e = *next;
  e.time = time;
  e.thread = t_record.id;
  e.result = result;
  e.op.kind = kind;
  e.op.flags = flags;
  e.op.reserved = 0;
  e.op.object = object;
  e.op.arg = arg;
  e.pc = pc;
  commitEvent(1);
}

// The wait-for state. The watchdog reads it from another process once
// nothing has changed for seconds, so plain stores suffice, with `waiting`
// and `heldCount` written last.
// `deep`: the call is made deep inside library code (a futex under
// libstdc++'s headers), whose outermost frames are the program's
// (walkDeepFrames).
void beginWait(OpKind kind, uint64_t object, uint64_t arg, uintptr_t fp,
               uint16_t flags = 0, bool deep = false) {
  if (!ensureBound())
    return;
  rec::WaitRecord &w = t_record.slot->wait;
  w.op = Operation();
  w.op.kind = kind;
  w.op.flags = flags;
  w.op.object = object;
  w.op.arg = arg;
  w.stack = Stack();
  if (deep)
    walkDeepFrames(w.stack, fp);
  else
    walkFrames(w.stack, fp);
  // The watchdog compares it with its own CLOCK_MONOTONIC, in seconds: the
  // coarse clock (a tick behind it at most) costs ~16 ns, not ~120.
  w.since = clockNs(CLOCK_MONOTONIC_COARSE);
  w.waiting.store(1, std::memory_order_release);
}

void endWait() {
  if (t_record.slot)
    t_record.slot->wait.waiting.store(0, std::memory_order_release);
}

/// `events` (negative: fewer) of the thread's events are no progress: a
/// timed wait's that timed out (`timedOut`), or a timed condition wait's
/// CondWait while it lasts (rec::ThreadRecord::idleEvents). Before the
/// events' own count is published: a watchdog that reads them in `events`
/// reads them here too, and never takes a timeout for progress.
void countIdle(int64_t events, bool timedOut) {
  rec::ThreadRecord *slot = t_record.slot;
  if (!slot)
    return;
  slot->idleEvents.store(slot->idleEvents.load(std::memory_order_relaxed) +
                             uint64_t(events),
                         std::memory_order_relaxed);
  if (timedOut)
    slot->timeouts.store(slot->timeouts.load(std::memory_order_relaxed) + 1,
                         std::memory_order_relaxed);
}

/// A held lock whose acquisition is pending gets its own event: something
/// other than its release needs it in the chunks first.
__attribute__((noinline)) void writePending(rec::HeldRecord &held) {
  append(OpKind(held.kind), 0, held.object, held.arg, 0, held.pc, held.time);
  held.pending = 0;
}

/// After the acquisition's event was appended (`time` its stamp).
__attribute__((always_inline)) inline void
noteAcquired(uint64_t object, OpKind kind, uint64_t pc, uint64_t time) {
  rec::ThreadRecord *slot = t_record.slot;
  if (!slot)
    return;
  for (uint32_t i = slot->heldCount; i-- > 0;)
    if (slot->held[i].object == object) {
      ++slot->held[i].count; // a recursive mutex, or a second read lock
      return;
    }
  if (slot->heldCount == rec::MaxHeld) {
    ++slot->heldOverflow;
    return;
  }
  rec::HeldRecord &held = slot->held[slot->heldCount];
  held.object = object;
  held.time = time;
  held.pc = pc;
  held.arg = 0;
  held.kind = uint32_t(kind);
  held.count = 1;
  held.pending = 0;
  __atomic_store_n(&slot->heldCount, slot->heldCount + 1, __ATOMIC_RELEASE);
}

/// After a lock call on m returned rc: the acquisition, pending, or the
/// failed attempt's event.
__attribute__((always_inline)) inline int
mutexLocked(OpKind kind, pthread_mutex_t *m, int rc, uint64_t pc) {
  return rc == 0 ? mutexAcquired(kind, m, pc)
                 : acquisitionEvent(kind, m, rc, pc);
}

__attribute__((always_inline)) inline void dropHeld(rec::ThreadRecord *slot,
                                                    uint32_t i) {
  for (uint32_t j = i + 1; j < slot->heldCount; ++j)
    slot->held[j - 1] = slot->held[j];
  __atomic_store_n(&slot->heldCount, slot->heldCount - 1, __ATOMIC_RELEASE);
}

__attribute__((always_inline)) inline void noteReleased(uint64_t object) {
  rec::ThreadRecord *slot = t_record.slot;
  if (!slot)
    return;
  for (uint32_t i = slot->heldCount; i-- > 0;) {
    if (slot->held[i].object != object)
      continue;
    if (slot->held[i].pending)
      writePending(slot->held[i]);
    if (--slot->held[i].count == 0)
      dropHeld(slot, i);
    return;
  }
  if (slot->heldOverflow)
    --slot->heldOverflow;
}

/// A mutex's release (stamp `time`, before the real call; `rc` the call's
/// result): with its pending acquisition, one event for both.
__attribute__((always_inline)) inline void
recordRelease(const Operation &op, int rc, uint64_t pc, uint64_t time) {
  rec::ThreadRecord *slot = t_record.slot;
  uint32_t i = slot ? slot->heldCount : 0;
  while (i-- > 0 && slot->held[i].object != op.object) {
  }
  if (i != UINT32_MAX) {
    rec::HeldRecord &held = slot->held[i];
    if (held.pending && held.count == 1 && rec::fitsPair(held.time, time, rc)) {
      if (RecordedEvent *e = nextEvent(2)) {
        rec::packPair(*e, held, time, pc);
        commitEvent(2);
      }
      dropHeld(slot, i);
      return;
    }
  }
  noteReleased(op.object);
  append(OpKind::MutexUnlock, 0, op.object, op.arg, rc, pc, time);
}

// Where a thread is when the watchdog asks (a loop that makes no event).
void onHangSample(int, siginfo_t *, void *context) {
  rec::ThreadRecord *slot = t_record.slot;
  if (!slot)
    return;
  auto *uc = static_cast<ucontext_t *>(context);
  uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
  uintptr_t fp = uc->uc_mcontext.gregs[REG_RBP];
  slot->sample = Stack();
  // Frames are read as return addresses (looked up at pc - 1); this one is
  // the interrupted instruction itself, so store it one past.
  slot->sample.frames[0] = pc + 1;
  slot->sample.framePointers[0] = fp;
  walkFrames(slot->sample, fp, 1);
  slot->sampled.store(1, std::memory_order_release);
}

void onCrash(int sig, siginfo_t *, void *context) {
  rec::CrashRecord &crash = g_recordRegion.header->crash;
  uint32_t expected = 0;
  if (crash.recorded.compare_exchange_strong(expected, 1)) {
    crash.signal = sig;
    crash.thread = t_record.id;
    if (crash.stack.empty()) { // an assertion's call site says more
      auto *uc = static_cast<ucontext_t *>(context);
      uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
      uintptr_t fp = uc->uc_mcontext.gregs[REG_RBP];
      crash.stack.frames[0] = pc + 1;
      crash.stack.framePointers[0] = fp;
      walkFrames(crash.stack, fp, 1);
    }
  }
  // SA_RESETHAND restored the default action: die of the same signal.
  raise(sig);
}

void installHandlers() {
  findRuntimeText();
  struct sigaction sa = {};
  sa.sa_sigaction = onCrash;
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
    sigaction(sig, &sa, nullptr);
  struct sigaction hang = {};
  hang.sa_sigaction = onHangSample;
  hang.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&hang.sa_mask);
  sigaction(SIGRTMIN + shm::HangSignalOffset, &hang, nullptr);
}

/// What a created thread runs first: its number, ThreadStart, the start
/// routine, ThreadExit.
struct Boot {
  void *(*start)(void *);
  void *arg;
  ThreadId id;
};

/// Boots in flight (created, not started yet) come from here, not from
/// malloc: the new thread would free its boot, and glibc's first malloc or
/// free in a thread gives the thread an arena of its own (a 64 MiB
/// reservation, its first pages faulted in: about as much as the thread's
/// start costs otherwise), which a thread that never allocates does not
/// pay natively. Past BootSlots at once, malloc.
constexpr uint32_t BootSlots = 64;
Boot g_boots[BootSlots];
std::atomic<bool> g_bootTaken[BootSlots];

Boot *takeBoot() {
  for (uint32_t i = 0; i < BootSlots; ++i)
    if (!g_bootTaken[i].load(std::memory_order_relaxed) &&
        !g_bootTaken[i].exchange(true, std::memory_order_acquire))
      return &g_boots[i];
  return static_cast<Boot *>(malloc(sizeof(Boot)));
}

void giveBack(Boot *boot) {
  if (boot >= g_boots && boot < g_boots + BootSlots)
    g_bootTaken[boot - g_boots].store(false, std::memory_order_release);
  else
    free(boot);
}

/// A thread's end by pthread_exit or by a cancellation acted on: glibc
/// unwinds the routine (its cleanup handlers, destructors), then calls the
/// keys' destructors, among them this one, so the exit comes after a
/// cleanup handler's unlock, as the controlled runtime posts it. (No C++
/// cleanup in the trampoline instead: the runtime's own static unwinder
/// cannot resume the forced unwind glibc's started.)
pthread_key_t g_exitKey;

void exitedByUnwind(void *) {
  endWait(); // a wait a cancellation ended never ended itself
  recordThreadEnd(t_record.exitPc);
}

void *recordTrampoline(void *p) {
  Boot boot = *static_cast<Boot *>(p);
  giveBack(static_cast<Boot *>(p));
  bindThread(boot.id);
  // The handle, before the routine can detach itself: the creator writes
  // it too, when pthread_create returns, which may be later.
  if (t_record.slot)
    noteHandle(*t_record.slot, pthread_self());
  t_thread.stackTop = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  // (No call site: the thread starts in its routine, which the create
  // event names.)
  append(OpKind::ThreadStart, 0, boot.id, addr((void *)boot.start), 0, 0,
         now());
  t_record.routine = 1;
  REAL(pthread_setspecific)(g_exitKey, &g_exitKey);
  void *result = boot.start(boot.arg);
  REAL(pthread_setspecific)(g_exitKey, nullptr);
  recordThreadEnd(0);
  return result;
}

/// The slot of a pthread handle in this process (its thread not yet
/// joined or detached, so the slot is still its own), or UINT32_MAX.
/// Handles are reused after a join or a detached thread's end: a slot
/// gives up its handle then (hasHandle).
uint32_t slotOfHandle(pthread_t handle) {
  rec::Header &h = *g_recordRegion.header;
  uint32_t count = h.slotsUsed.load(std::memory_order_relaxed);
  if (count > h.maxThreads)
    count = h.maxThreads;
  int32_t pid = getpid();
  for (uint32_t i = count; i-- > 0;) {
    const rec::ThreadRecord &slot = g_recordRegion.threads[i];
    if (slot.osPid == pid && slot.handle == uint64_t(handle) &&
        slot.hasHandle.load(std::memory_order_acquire) == 1)
      return i;
  }
  return UINT32_MAX;
}

ThreadId numberOfSlot(uint32_t index) {
  return index == UINT32_MAX ? NoThread
                             : g_recordRegion.threads[index].number.load(
                                   std::memory_order_relaxed);
}

int semResult(int rc) { return rc == 0 ? 0 : errno; }

} // namespace

// The slow path of mutexAcquired (record_mutex.h: a robust mutex, a
// recursive acquisition, one past the named held records, a thread without
// a number yet), and every failed attempt.
__attribute__((noinline)) int acquisitionEvent(OpKind kind, pthread_mutex_t *m,
                                               int rc, uint64_t pc) {
  Operation op = mutexOperation(kind, m);
  uint64_t time = rc == 0 ? acquiredStamp(m) : stamp(0);
  rec::ThreadRecord *slot = ensureBound() ? t_record.slot : nullptr;
  if (rc == 0 && slot)
    for (uint32_t i = slot->heldCount; i-- > 0;)
      if (slot->held[i].object == op.object && slot->held[i].pending)
        writePending(slot->held[i]); // before the recursive acquisition
  append(kind, 0, op.object, op.arg, rc, pc, time);
  if (rc == 0)
    noteAcquired(op.object, kind, pc, time);
  return rc;
}

__attribute__((noinline)) int releaseEndsSlow(uint64_t time, uint64_t pc) {
  rec::ThreadRecord *slot = t_record.slot;
  rec::HeldRecord &held = slot->held[slot->heldCount - 1];
  if (RecordedEvent *e = nextEvent(2)) {
    rec::packPair(*e, held, time, pc);
    commitEvent(2);
  }
  dropHeld(slot, slot->heldCount - 1);
  return 0;
}

bool attachRecordRegion() {
  const char *value = getenv(rec::RecordFdEnv);
  if (!value)
    return false;
  // The descriptor's digits, read without atoi: strtol's code and the
  // locale's tables would be paged in for this alone, two page faults of
  // 10-30 us at the start of every recorded program (docs/bench.md).
  int fd = *value ? 0 : -1;
  for (const char *p = value; *p && fd >= 0; ++p)
    fd = *p >= '0' && *p <= '9' && fd < (1 << 24) ? fd * 10 + (*p - '0') : -1;
  unsetenv(rec::RecordFdEnv); // exec'd programs run in passthrough
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < off_t(sizeof(rec::Header)))
    return false;
  void *mem =
      mmap(nullptr, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  // Not through the close interceptor (its descriptor bookkeeping would
  // touch two pages of the runtime's memory for nothing).
  REAL(close)(fd);
  if (mem == MAP_FAILED)
    return false;
  auto *h = static_cast<rec::Header *>(mem);
  if (h->magic != rec::Magic || h->version != rec::Version ||
      h->headerSize != sizeof(rec::Header) ||
      h->regionSize != uint64_t(st.st_size) || h->chunkFill == 0 ||
      h->chunkFill > rec::ChunkEvents) {
    if (h->magic == rec::Magic)
      h->runtimeMismatch.store(1);
    munmap(mem, st.st_size);
    return false;
  }
  g_recordRegion.header = h;
  g_recordRegion.fill = h->chunkFill;
  g_recordRegion.threads = shm::at<rec::ThreadRecord>(
      reinterpret_cast<shm::Header *>(h), h->threadsOffset);
  g_recordRegion.chunks =
      shm::at<rec::Chunk>(reinterpret_cast<shm::Header *>(h), h->chunksOffset);
  g_recordRegion.infos = shm::at<rec::ThreadInfo>(
      reinterpret_cast<shm::Header *>(h), h->infosOffset);
  listModules(h->modules, h->moduleCount);
  installHandlers();
  REAL(pthread_key_create)(&g_exitKey, exitedByUnwind);
  bindThread(claimThread(NoThread, 0)); // the main thread: number 0
  h->mainReached.store(1, std::memory_order_release);
  g_runtime.mode = Mode::Record;
  return true;
}

int mainRecorded(int argc, char **argv, char **envp) {
  t_thread.stackTop = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  int status = g_runtime.programMain(argc, argv, envp);
  recordProcessExit(status, 0);
  return status;
}

void recordOperation(OpKind kind, uint64_t object, uint64_t arg,
                     int32_t result, uint64_t pc, uint16_t flags) {
  append(kind, flags, object, arg, result, pc, now());
}

void noteUnwatched(Unwatched what, uint64_t pc) {
  rec::Header *h = g_recordRegion.header;
  if (!h)
    return;
  uint32_t bit = 1u << uint32_t(what);
  if (h->unwatched.load(std::memory_order_relaxed) & bit)
    return; // the first call site is kept
  uint64_t none = 0;
  h->unwatchedPc[uint32_t(what)].compare_exchange_strong(none, pc);
  h->unwatched.fetch_or(bit, std::memory_order_release);
}

namespace {
// The routine pthread_once runs, when it is this thread's call that runs
// it (a once routine takes no argument: the thread passes it here).
__thread void (*t_onceRoutine)() = nullptr;
__thread bool t_onceRan = false;
void onceTrampoline() {
  t_onceRan = true;
  t_onceRoutine();
}
} // namespace

int recordOnce(pthread_once_t *once, void (*routine)(), uint64_t pc,
               uintptr_t) {
  append(OpKind::OnceEnter, 0, addr(once), 0, 0, pc, now());
  // A routine may call pthread_once itself: keep the outer call's state.
  void (*outerRoutine)() = t_onceRoutine;
  bool outerRan = t_onceRan;
  t_onceRoutine = routine;
  t_onceRan = false;
  int rc = REAL(pthread_once)(once, onceTrampoline);
  bool ran = t_onceRan;
  t_onceRoutine = outerRoutine;
  t_onceRan = outerRan;
  append(OpKind::OnceDone, 0, addr(once), ran ? 1 : 0, rc, pc, now());
  return rc;
}

void recordSleep(uint64_t requestedNs, int32_t result, uint64_t pc) {
  append(OpKind::Yield, YieldSleep, 0, requestedNs, result, pc, now());
}

int recordKill(pid_t pid, int signal, uint64_t pc) {
  uint64_t time = now();
  int rc = REAL(kill)(pid, signal);
  int error = errno;
  append(OpKind::ProcessKill, 0, uint64_t(int64_t(pid)), uint64_t(signal),
         rc == 0 ? 0 : -error, pc, time);
  errno = error;
  return rc;
}

namespace {
/// A lock the trylock did not get: the thread says what it waits for
/// before it blocks.
__attribute__((noinline)) int lockContended(pthread_mutex_t *m, int rc,
                                            uint64_t pc, uintptr_t fp) {
  if (rc == EBUSY) {
    beginWait(OpKind::MutexLock, addr(m),
              mutexOperation(OpKind::MutexLock, m).arg, fp);
    rc = REAL(pthread_mutex_lock)(m);
    endWait();
  }
  return mutexLocked(OpKind::MutexLock, m, rc, pc);
}

/// recordMutexUnlock's path for all but the hot case.
__attribute__((noinline)) int unlockEvent(pthread_mutex_t *m, uint64_t pc) {
  Operation op = mutexOperation(OpKind::MutexUnlock, m);
  uint64_t time = releaseStamp(m, MutexType(op.arg));
  int rc = REAL(pthread_mutex_unlock)(m);
  // After the real call, outside the critical section: the watchdog reads
  // the held locks only once nothing moved for seconds.
  recordRelease(op, rc, pc, time);
  return rc;
}
} // namespace

int recordMutexLock(pthread_mutex_t *m, uint64_t pc, uintptr_t fp) {
  // Uncontended, one trylock: no stack walk. (Resolved before the call,
  // not by REAL: one register less to save.)
  auto *trylock = real::pthread_mutex_trylock;
  if (__builtin_expect(!trylock, 0))
    return lockContended(m, REAL(pthread_mutex_trylock)(m), pc, fp);
  int rc = trylock(m);
  if (__builtin_expect(rc != 0, 0))
    return lockContended(m, rc, pc, fp);
  return mutexAcquired(OpKind::MutexLock, m, pc);
}

__attribute__((noinline)) int recordMutexLockJumped(pthread_mutex_t *m) {
  return recordMutexLock(m, TANGLE_RECORD_SITE);
}

int recordMutexTryLock(pthread_mutex_t *m, uint64_t pc, uintptr_t) {
  int rc = REAL(pthread_mutex_trylock)(m);
  return mutexLocked(OpKind::MutexTryLock, m, rc, pc);
}

int recordMutexTimedLock(pthread_mutex_t *m, clockid_t clock,
                         const timespec *abstime, bool clockForm, uint64_t pc,
                         uintptr_t fp) {
  Operation op = mutexOperation(OpKind::MutexTimedLock, m);
  beginWait(OpKind::MutexTimedLock, op.object, op.arg, fp);
  int rc = clockForm ? REAL(pthread_mutex_clocklock)(m, clock, abstime)
                     : REAL(pthread_mutex_timedlock)(m, abstime);
  endWait();
  if (rc == ETIMEDOUT)
    countIdle(1, true);
  return mutexLocked(OpKind::MutexTimedLock, m, rc, pc);
}

int recordMutexUnlock(pthread_mutex_t *m, uint64_t pc, uintptr_t) {
  // The hot case (record_mutex.h), as pthread_mutex_unlock's interceptor
  // has it inline; the slow cases are a call of their own.
  auto *unlock = real::pthread_mutex_unlock;
  uint64_t time;
  if (!unlock || !releaseBegins(m, time))
    return unlockEvent(m, pc);
  int rc = unlock(m);
  releaseEnds(time, pc);
  return rc;
}

__attribute__((noinline)) int releaseWokeEnds(pthread_mutex_t *m,
                                              uint64_t time) {
  wakeOneWaiter(m);
  return releaseEnds(time,
                     reinterpret_cast<uint64_t>(__builtin_return_address(0)));
}

__attribute__((noinline)) int recordMutexUnlockJumped(pthread_mutex_t *m) {
  return recordMutexUnlock(m, TANGLE_RECORD_SITE);
}

int recordSpin(pthread_spinlock_t *s, OpKind kind, uint64_t pc,
               uintptr_t fp) {
  uint64_t object = reinterpret_cast<uintptr_t>(s),
           type = uint64_t(MutexType::Normal);
  if (kind == OpKind::MutexUnlock) {
    uint64_t time = now();
    noteReleased(object);
    int rc = REAL(pthread_spin_unlock)(s);
    append(OpKind::MutexUnlock, 0, object, type, rc, pc, time);
    return rc;
  }
  int rc = REAL(pthread_spin_trylock)(s);
  if (rc == EBUSY && kind == OpKind::MutexLock) {
    beginWait(OpKind::MutexLock, object, type, fp);
    rc = REAL(pthread_spin_lock)(s);
    endWait();
  }
  uint64_t time = now();
  append(kind, 0, object, type, rc, pc, time);
  if (rc == 0)
    noteAcquired(object, kind, pc, time);
  return rc;
}

// form: 0 wait, 1 timedwait, 2 clockwait.
// glibc's cleanup buffers, as pthread_cleanup_push uses them in C
// (pthread.h declares them for C without exceptions only).
extern "C" {
void __pthread_register_cancel(__pthread_unwind_buf_t *buffer);
void __pthread_unregister_cancel(__pthread_unwind_buf_t *buffer);
[[noreturn]] void __pthread_unwind_next(__pthread_unwind_buf_t *buffer);
}

void condWoken(pthread_cond_t *c, pthread_mutex_t *m, uint16_t flags, int rc,
               uint64_t pc);

int recordCondWait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
                   const timespec *abstime, int form, uint64_t pc,
                   uintptr_t fp) {
  // glibc checks the deadline first: a bad one is EINVAL at once, m
  // neither released nor waited for; controlled mode has no step for it.
  // Recorded, the trace would show a release and a re-acquisition of m
  // that never happened, and its replay a wait the program does not make.
  if (form != 0 &&
      (invalidTime(abstime) ||
       (form == 2 && clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)))
    return EINVAL;
  uint16_t flags = form ? CondTimed : 0;
  // The wait releases m: its stamp goes to m's word as an unlock's would.
  uint64_t waitStamp = now();
  if (uint64_t *word = orderWord(m))
    __atomic_store_n(word, waitStamp, __ATOMIC_RELAXED);
  noteReleased(addr(m)); // its acquisition's event first, if pending
  if (flags & CondTimed) // no progress unless the wait ends otherwise
    countIdle(1, false);
  append(OpKind::CondWait, flags, addr(c), addr(m), 0, pc, waitStamp);
  beginWait(OpKind::CondWait, addr(c), addr(m), fp, flags);
  // A cancellation acted on in the wait: glibc takes m again, then unwinds
  // through here (the cleanup buffer's jump) to the program's cleanup
  // handlers; the wake-up (result ECANCELED) comes before their unlock, as
  // under control. glibc's C form of a cleanup handler: no C++ cleanup,
  // which the runtime's static unwinder could not resume.
  __pthread_unwind_buf_t cancelled;
  if (__builtin_expect(
          __sigsetjmp(
              reinterpret_cast<__jmp_buf_tag *>(cancelled.__cancel_jmp_buf), 0),
          0)) {
    condWoken(c, m, flags, ECANCELED, pc);
    __pthread_unwind_next(&cancelled);
  }
  __pthread_register_cancel(&cancelled);
  int rc = form == 0   ? REAL(pthread_cond_wait)(c, m)
           : form == 1 ? REAL(pthread_cond_timedwait)(c, m, abstime)
                       : REAL(pthread_cond_clockwait)(c, m, clock, abstime);
  __pthread_unregister_cancel(&cancelled);
  condWoken(c, m, flags, rc, pc);
  return rc;
}

void condWoken(pthread_cond_t *c, pthread_mutex_t *m, uint16_t flags, int rc,
               uint64_t pc) {
  endWait();
  // Re-acquired m: after its last release, and after the signal (the run's
  // word).
  uint64_t *word = orderWord(m);
  uint64_t wakeStamp = now(word ? __atomic_load_n(word, __ATOMIC_RELAXED) : 0);
  bool timed = flags & CondTimed, timedOut = timed && rc == ETIMEDOUT;
  if (timedOut)
    countIdle(1, true);
  append(OpKind::CondWake, flags, addr(c), addr(m), rc, pc, wakeStamp);
  if (timed && !timedOut) // woken: its CondWait was progress after all
    countIdle(-1, false);
  noteAcquired(addr(m), OpKind::CondWake, pc, wakeStamp);
}

int recordCondWake(OpKind kind, pthread_cond_t *c, uint64_t pc, uintptr_t) {
  uint64_t time = now();
  int rc = kind == OpKind::CondSignal ? REAL(pthread_cond_signal)(c)
                                      : REAL(pthread_cond_broadcast)(c);
  append(kind, 0, addr(c), 0, rc, pc, time);
  return rc;
}

// form: 0 wait (trywait first), 1 timedwait, 2 clockwait, 3 trywait.
int recordSemWait(sem_t *s, OpKind kind, clockid_t clock,
                  const timespec *abstime, int form, uint64_t pc,
                  uintptr_t fp) {
  int rc = 0;
  if (form == 0 || form == 3) {
    rc = REAL(sem_trywait)(s);
    if (form == 0 && rc != 0 && errno == EAGAIN) {
      beginWait(kind, addr(s), 0, fp);
      rc = REAL(sem_wait)(s);
      endWait();
    }
  } else {
    beginWait(kind, addr(s), 0, fp);
    rc = form == 1 ? REAL(sem_timedwait)(s, abstime)
                   : REAL(sem_clockwait)(s, clock, abstime);
    endWait();
    if (rc != 0 && errno == ETIMEDOUT)
      countIdle(1, true);
  }
  int error = errno;
  append(kind, 0, addr(s), 0, semResult(rc), pc, now());
  errno = error;
  return rc;
}

int recordSemPost(sem_t *s, uint64_t pc, uintptr_t) {
  uint64_t time = now();
  int rc = REAL(sem_post)(s);
  int error = errno;
  append(OpKind::SemPost, 0, addr(s), 0, semResult(rc), pc, time);
  errno = error;
  return rc;
}

// Futexes: what controlled mode models (runtime/futexes.cpp), recorded as
// the steps it makes of them, so that the replay of a recorded order takes
// the same steps. A wait is FutexWait (stamped before the system call: the
// kernel compares the word after it) and, when it was queued, FutexResume
// (stamped after it returned: 0 woken, ETIMEDOUT, EINTR); a wake is
// FutexWake, stamped before the system call as a post is. A waker changes
// the word before it wakes, so a waiter the wake found queued compared the
// word before that change, and its FutexWait before the wake's stamp.
namespace {

/// The wait of a FUTEX_WAIT(_BITSET) with `bitset`; -1 and errno as the
/// system call.
long futexWaitRecorded(const long *a, uint32_t bitset, uint64_t pc,
                       uintptr_t fp) {
  auto *word = reinterpret_cast<uint32_t *>(a[0]);
  const uint16_t flags = futexStepFlags(int(a[1]), a[3] != 0);
  const uint64_t arg = futexWaitArg(bitset, uint32_t(a[2]));
  uint64_t waitStamp = now();
  // What the watchdog sees is the step controlled mode would be blocked
  // in: the resume, which only a wake (or the timeout) lets run.
  beginWait(OpKind::FutexResume, addr(word), arg, fp, flags, true);
  long rc = REAL(syscall)(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
  int error = rc == 0 ? 0 : errno;
  endWait();
  if (error == EAGAIN) { // the word no longer held the value: not queued
    append(OpKind::FutexWait, flags | FutexValueChanged, addr(word), arg,
           EAGAIN, pc, waitStamp);
  } else if (error == 0 || error == ETIMEDOUT || error == EINTR) {
    if (error == ETIMEDOUT)
      countIdle(2, true);
    append(OpKind::FutexWait, flags, addr(word), arg, 0, pc, waitStamp);
    append(OpKind::FutexResume, flags, addr(word), 0, error, pc, now());
  } else {
    // A bad timeout or address: no step of controlled mode's stands for it.
    noteUnwatched(Unwatched::Futexes, pc);
  }
  errno = error;
  return rc;
}

/// A FUTEX_WAKE(_BITSET) with `bitset`: the number woken, or -1 and errno.
long futexWakeRecorded(const long *a, uint32_t bitset, uint64_t pc) {
  auto *word = reinterpret_cast<uint32_t *>(a[0]);
  const uint16_t flags = futexStepFlags(int(a[1]), false);
  uint64_t time = now();
  long rc = REAL(syscall)(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
  int error = errno;
  if (rc >= 0)
    append(OpKind::FutexWake, flags, addr(word),
           futexWakeArg(bitset, int(a[2])), int32_t(rc), pc, time);
  else
    noteUnwatched(Unwatched::Futexes, pc);
  errno = error;
  return rc;
}

} // namespace

long recordFutex(const long *a, uint64_t pc, uintptr_t fp) {
  const int command = int(a[1]) & FUTEX_CMD_MASK;
  const bool bitsetForm =
      command == FUTEX_WAIT_BITSET || command == FUTEX_WAKE_BITSET;
  const uint32_t bitset = bitsetForm ? uint32_t(a[5]) : FUTEX_BITSET_MATCH_ANY;
  if (bitset != 0 && (command == FUTEX_WAIT || command == FUTEX_WAIT_BITSET))
    return futexWaitRecorded(a, bitset, pc, fp);
  if (bitset != 0 && (command == FUTEX_WAKE || command == FUTEX_WAKE_BITSET))
    return futexWakeRecorded(a, bitset, pc);
  // A zero bitset is EINVAL at once (no step under control either); a
  // requeue, a wake-op or a priority-inheriting lock moves waiters or
  // takes a lock in ways the trace cannot say: run, said as unwatched.
  if (bitset != 0)
    noteUnwatched(Unwatched::Futexes, pc);
  return REAL(syscall)(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int recordBarrierWait(pthread_barrier_t *b, uint64_t pc, uintptr_t fp) {
  append(OpKind::BarrierWait, 0, addr(b), 0, 0, pc, now());
  beginWait(OpKind::BarrierWait, addr(b), 0, fp);
  int rc = REAL(pthread_barrier_wait)(b);
  endWait();
  append(OpKind::BarrierLeave, 0, addr(b), 0, rc, pc, now());
  return rc;
}

// form: 0 blocking (try first), 1 timed, 2 clock, 3 try.
int recordRwLock(pthread_rwlock_t *rw, OpKind kind, clockid_t clock,
                 const timespec *abstime, int form, uint64_t pc,
                 uintptr_t fp) {
  bool read = kind == OpKind::RwRdLock || kind == OpKind::RwTryRdLock ||
              kind == OpKind::RwTimedRdLock;
  auto tryLock = [&] {
    return read ? REAL(pthread_rwlock_tryrdlock)(rw)
                : REAL(pthread_rwlock_trywrlock)(rw);
  };
  int rc = 0;
  if (form == 0 || form == 3) {
    rc = tryLock();
    if (form == 0 && rc == EBUSY) {
      beginWait(kind, addr(rw), 0, fp);
      rc = read ? REAL(pthread_rwlock_rdlock)(rw)
                : REAL(pthread_rwlock_wrlock)(rw);
      endWait();
    }
  } else {
    beginWait(kind, addr(rw), 0, fp);
    if (form == 1)
      rc = read ? REAL(pthread_rwlock_timedrdlock)(rw, abstime)
                : REAL(pthread_rwlock_timedwrlock)(rw, abstime);
    else
      rc = read ? REAL(pthread_rwlock_clockrdlock)(rw, clock, abstime)
                : REAL(pthread_rwlock_clockwrlock)(rw, clock, abstime);
    endWait();
    if (rc == ETIMEDOUT)
      countIdle(1, true);
  }
  uint64_t time = now();
  append(kind, 0, addr(rw), 0, rc, pc, time);
  if (rc == 0)
    noteAcquired(addr(rw), kind, pc, time);
  return rc;
}

int recordRwUnlock(pthread_rwlock_t *rw, uint64_t pc, uintptr_t) {
  uint64_t time = now();
  noteReleased(addr(rw));
  int rc = REAL(pthread_rwlock_unlock)(rw);
  append(OpKind::RwUnlock, 0, addr(rw), 0, rc, pc, time);
  return rc;
}

int recordThreadCreate(pthread_t *thread, const pthread_attr_t *attr,
                       void *(*start)(void *), void *arg, uint64_t pc,
                       uintptr_t) {
  ensureBound();
  uint64_t time = now();
  ThreadId id = claimThread(t_record.id, addr((void *)start));
  Boot *boot = id == NoThread ? nullptr : takeBoot();
  if (!boot) {
    // Unrecorded: the region's thread numbers (or boot records) ran out.
    // Its start is a dropped event, so that the report says the run was
    // not all recorded even when the thread records nothing else.
    if (id != NoThread)
      freeSlot(g_recordRegion.infos[id].slot);
    g_recordRegion.header->dropped.fetch_add(1, std::memory_order_relaxed);
    return REAL(pthread_create)(thread, attr, start, arg);
  }
  *boot = {start, arg, id};
  uint32_t index = g_recordRegion.infos[id].slot;
  rec::ThreadRecord &slot = g_recordRegion.threads[index];
  // Created detached: nobody will join or detach it, its handle is gone
  // from the start (before the thread can note it).
  int detachState = PTHREAD_CREATE_JOINABLE;
  if (attr && pthread_attr_getdetachstate(attr, &detachState) == 0 &&
      detachState == PTHREAD_CREATE_DETACHED) {
    slot.hasHandle.store(2);
    letGo(index, rec::SlotHandleGone);
  }
  int rc = REAL(pthread_create)(thread, attr, recordTrampoline, boot);
  if (rc == 0) {
    noteHandle(slot, *thread);
    letGo(index, rec::SlotCreated);
  } else {
    giveBack(boot);
    slot.state.store(uint32_t(rec::ThreadState::Ended));
    freeSlot(index); // no thread: its number stays, without events
  }
  append(OpKind::ThreadCreate, 0, 0, addr((void *)start),
         rc == 0 ? int32_t(id) : -rc, pc, time);
  return rc;
}

int recordThreadJoin(pthread_t thread, void **result, uint64_t pc,
                     uintptr_t fp) {
  uint32_t index = slotOfHandle(thread);
  ThreadId target = numberOfSlot(index);
  beginWait(OpKind::ThreadJoin, target, 0, fp);
  int rc = REAL(pthread_join)(thread, result);
  endWait();
  if (rc == 0 && index != UINT32_MAX) {
    // The thread is gone, its destructors' events written to its slot: the
    // slot may go to the next thread, unless the thread ended holding a
    // lock (or the runtime did not see it end).
    rec::ThreadRecord &slot = g_recordRegion.threads[index];
    slot.hasHandle.store(2);
    uint32_t bits = rec::SlotHandleGone;
    if (slot.heldCount == 0 && slot.heldOverflow == 0 &&
        slot.state.load() == uint32_t(rec::ThreadState::Ended))
      bits |= rec::SlotEnded;
    letGo(index, bits);
  }
  append(OpKind::ThreadJoin, 0, target, 0, rc, pc, now());
  return rc;
}

int recordThreadDetach(pthread_t thread, uint64_t pc, uintptr_t) {
  uint32_t index = slotOfHandle(thread);
  ThreadId target = numberOfSlot(index);
  int rc = REAL(pthread_detach)(thread);
  if (rc == 0 && index != UINT32_MAX) {
    // Nobody joins it: its handle may name the next thread. The thread
    // may still run; it frees the slot at its end. One that ended before
    // (and may still run its destructors, writing to the slot) keeps it.
    g_recordRegion.threads[index].hasHandle.store(2);
    letGo(index, rec::SlotHandleGone);
  }
  append(OpKind::ThreadDetach, 0, target, 0, rc, pc, now());
  return rc;
}

void recordThreadExitCall(uint64_t pc) {
  if (t_record.routine)
    t_record.exitPc = pc; // recorded by exitedByUnwind
  else
    recordThreadEnd(pc);
}

void recordThreadEnd(uint64_t pc) {
  if (t_record.id == NoThread)
    return;
  append(OpKind::ThreadExit, 0, t_record.id, 0, 0, pc, now());
  rec::ThreadRecord *slot = t_record.slot;
  slot->state.store(uint32_t(rec::ThreadState::Ended),
                    std::memory_order_release);
  releaseChunks();
  // A thread that ends holding a lock keeps its slot for good: a stall
  // report names it as the holder. A joinable one goes on writing to its
  // slot (a thread_local's or a key's destructor, the unwind past
  // pthread_exit) until its joiner, once the thread is gone, lets the slot
  // go. A detached one that holds nothing retires: what it does after this
  // is counted as dropped, not written to a slot that may be another
  // thread's by then. Only threads the runtime started have a handle to
  // let go of (a process's first thread, one started by clone, keeps its
  // slot).
  if (slot->heldCount != 0 || slot->heldOverflow != 0 ||
      slot->startRoutine == 0 ||
      slot->hasHandle.load(std::memory_order_acquire) != 2)
    return;
  uint32_t index = uint32_t(slot - g_recordRegion.threads);
  t_record.id = NoThread;
  t_record.slot = nullptr;
  t_record.chunk = nullptr;
  t_record.retired = 1;
  letGo(index, rec::SlotEnded);
}

void recordProcessExit(int status, uint64_t pc) {
  append(OpKind::ProcessExit, 0, 0, uint64_t(uint32_t(status)), 0, pc, now());
}

pid_t recordFork(uint64_t pc, uintptr_t) {
  ensureBound();
  uint64_t time = now();
  ThreadId child = claimThread(t_record.id, 0);
  pid_t pid = REAL(fork)();
  if (pid == 0) {
    bindThread(child); // the child's one thread
    return 0;
  }
  if (pid < 0 && child != NoThread)
    slotOf(child).state.store(uint32_t(rec::ThreadState::Ended));
  if (pid > 0 && child == NoThread) // an unrecorded child: its start dropped
    g_recordRegion.header->dropped.fetch_add(1, std::memory_order_relaxed);
  int error = errno;
  append(OpKind::ProcessFork, 0, 0, uint64_t(pid),
         pid < 0 ? -error : int32_t(child), pc, time);
  errno = error;
  return pid;
}

// form: 0 waitpid, 1 wait, 2 wait4, 3 wait3.
pid_t recordWait(pid_t pid, int *status, int options, ::rusage *usage,
                 int form, uint64_t pc, uintptr_t fp) {
  bool blocking = !(options & WNOHANG);
  if (blocking)
    beginWait(OpKind::ProcessWait, uint64_t(int64_t(pid)), 0, fp);
  pid_t rc = form == 0   ? REAL(waitpid)(pid, status, options)
             : form == 1 ? REAL(wait)(status)
             : form == 2 ? REAL(wait4)(pid, status, options, usage)
                         : REAL(wait3)(status, options, usage);
  int error = errno;
  if (blocking)
    endWait();
  append(OpKind::ProcessWait, blocking ? 0 : WaitNoHang,
         uint64_t(int64_t(pid)), 0, rc < 0 ? -error : rc, pc, now());
  errno = error;
  return rc;
}

void recordExec(uint64_t pc) {
  append(OpKind::ProcessExec, 0, 0, 0, 0, pc, now());
  if (t_record.slot)
    t_record.slot->state.store(uint32_t(rec::ThreadState::Ended),
                               std::memory_order_release);
}

void recordExecFailed() {
  if (t_record.slot)
    t_record.slot->state.store(uint32_t(rec::ThreadState::Alive),
                               std::memory_order_release);
}

void recordAssertionInRun(const char *message, const Stack &stack) {
  rec::CrashRecord &crash = g_recordRegion.header->crash;
  crash.assertion = 1;
  if (message && !crash.message[0]) {
    strncpy(crash.message, message, sizeof(crash.message) - 1);
    crash.message[sizeof(crash.message) - 1] = 0;
  }
  if (crash.stack.empty())
    crash.stack = stack;
}

} // namespace tangle::rt
