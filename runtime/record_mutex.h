// Record mode's hot path for mutexes, inline in the lock and unlock
// interceptors (runtime/intercept_pthread.cpp): an uncontended lock and its
// unlock take one call level, the interceptor's, not two. Every store before
// the next lock's atomic instruction delays it (the return addresses and
// register saves of a second call level among them: docs/bench.md, "Record
// mode's overhead"), so these paths call nothing but the real function and
// leave every other case to runtime/record.cpp's out-of-line functions.
#pragma once

#include "runtime/pthread_objects.h"
#include "runtime/record_protocol.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>

namespace tangle::rt {

/// The record region, as the runtime mapped it (null header: not recording).
struct RecordRegion {
  rec::Header *header = nullptr;
  rec::ThreadRecord *threads = nullptr;
  rec::Chunk *chunks = nullptr;
  uint32_t fill = 0; // events a chunk takes (rec::Header::chunkFill)
  rec::ThreadInfo *infos = nullptr; // by thread number (after the hot fields)
};
extern RecordRegion g_recordRegion;

/// The calling thread's place in the region.
struct RecordThread {
  ThreadId id;
  rec::ThreadRecord *slot;
  rec::Chunk *chunk; // being filled; null before the first event
  uint32_t chunks;   // taken so far
  uint32_t ring[4];  // with keepChunks: the chunks after the first, reused
  uint64_t clock;    // the thread's last stamp (see stamp())
  uint32_t first;    // with keepChunks: the first chunk's index
  // Ended and gave its slot back (record.cpp, recordThreadEnd): what it
  // does after that (a destructor's lock) is dropped, not recorded.
  uint32_t retired;
  // Runs its routine in the runtime's trampoline, whose key destructor
  // records an exit by pthread_exit or a cancellation (record.cpp,
  // recordThreadExitCall); exitPc: where it called pthread_exit.
  uint32_t routine;
  uint64_t exitPc;
};
// initial-exec: the runtime is loaded at start (LD_PRELOAD), and every event
// reads this; the default model would call __tls_get_addr each time.
extern __thread RecordThread t_record
    __attribute__((tls_model("initial-exec")));

/// One more than the thread's last stamp, at least `floor` + 1 and the
/// coarse time tangle last wrote. No atomic read-modify-write (record.cpp
/// explains the clock).
__attribute__((always_inline)) inline uint64_t stamp(uint64_t floor) {
  uint64_t next = t_record.clock + 1;
  if (floor >= next)
    next = floor + 1;
  uint64_t coarse =
      g_recordRegion.header->coarseNow.load(std::memory_order_relaxed);
  if (coarse > next)
    next = coarse;
  t_record.clock = next;
  return next;
}

/// The word of mutex m that carries the stamp of its last release to its
/// next acquisition; null for a robust mutex (glibc links those through
/// it), whose events take the run's word.
__attribute__((always_inline)) inline uint64_t *orderWord(pthread_mutex_t *m) {
  constexpr int Robust = 16; // PTHREAD_MUTEX_ROBUST_NORMAL_NP in __kind
  if (m->__data.__kind & Robust)
    return nullptr;
  static_assert(sizeof(m->__data.__list.__next) == sizeof(uint64_t));
  return reinterpret_cast<uint64_t *>(&m->__data.__list.__next);
}

/// glibc's own fast path for a private normal or adaptive mutex, done here
/// instead of through a call of the real function (which the interceptor
/// would reach by a pointer, then dispatch on the mutex's type with five
/// registers saved: about a third of record mode's cost per lock/unlock
/// pair, docs/bench.md "Record mode's overhead"). It is the protocol of
/// glibc's lowlevellock, which has not changed since NPTL: `__lock` 0 free,
/// 1 taken, 2 taken with waiters (who sleep on the word, private futex);
/// the owner's kernel thread id in `__owner`, the users in `__nusers`. Only
/// for `__kind` exactly 0 (default/timed) or 3 (adaptive): no robust, PI,
/// PP, error-checking, recursive, process-shared or elided mutex, whose
/// paths differ; those, and a lock already taken, go to the real
/// functions, which keep the same protocol, so the two mix on one mutex.
__attribute__((always_inline)) inline bool inlineMutexKind(pthread_mutex_t *m) {
  int kind = m->__data.__kind;
  return kind == 0 || kind == 3;
}

/// glibc's trylock of an inlineMutexKind mutex by thread `tid`: true when
/// this call took it. Reads the word first, as glibc does, so that a
/// waiter's failed attempt does not take the cache line from the holder.
__attribute__((always_inline)) inline bool inlineTryLock(pthread_mutex_t *m,
                                                         int32_t tid) {
  int expected = 0;
  if (__atomic_load_n(&m->__data.__lock, __ATOMIC_RELAXED) != 0 ||
      !__atomic_compare_exchange_n(&m->__data.__lock, &expected, 1, false,
                                   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
    return false;
  m->__data.__owner = tid;
  ++m->__data.__nusers;
  return true;
}

/// glibc's unlock of an inlineMutexKind mutex its caller holds: the owner
/// cleared, one user less, the word to 0. Returns whether the word said
/// there were waiters, one of whom the caller must wake (wakeOneWaiter:
/// lll_unlock's wake, left to the caller so that the hot path keeps no
/// value across a system call).
__attribute__((always_inline)) inline bool inlineUnlock(pthread_mutex_t *m) {
  m->__data.__owner = 0;
  --m->__data.__nusers;
  return __atomic_exchange_n(&m->__data.__lock, 0, __ATOMIC_RELEASE) > 1;
}

/// futex(&m->__data.__lock, FUTEX_WAKE_PRIVATE, 1): a waiter of a mutex
/// inlineUnlock gave up.
inline void wakeOneWaiter(pthread_mutex_t *m) {
  long rc = SYS_futex;
  asm volatile("syscall"
               : "+a"(rc)
               : "D"(&m->__data.__lock), "S"(long(FUTEX_WAKE_PRIVATE)), "d"(1L)
               : "rcx", "r11", "memory");
}

/// The thread's next held record for an acquisition of m, or null when m is
/// among its held records already (a recursive mutex, or a self-deadlock:
/// the slow path's) or they are full.
__attribute__((always_inline)) inline rec::HeldRecord *
freshHeld(rec::ThreadRecord *slot, pthread_mutex_t *m) {
  uint32_t n = slot->heldCount;
  if (n >= rec::MaxHeld)
    return nullptr;
  for (uint32_t i = 0; i < n; ++i)
    if (slot->held[i].object == reinterpret_cast<uintptr_t>(m))
      return nullptr;
  return &slot->held[n];
}

/// The acquisition of m (`kind`, at `pc`), pending, in `held`: all but its
/// stamp. The watchdog reads it once `heldCount` covers it (holdOn).
__attribute__((always_inline)) inline void
noteHeld(rec::HeldRecord &held, OpKind kind, pthread_mutex_t *m, uint64_t pc) {
  held.object = reinterpret_cast<uintptr_t>(m);
  held.pc = pc;
  held.arg = uint64_t(mutexType(m));
  held.kind = uint32_t(kind);
  held.count = 1;
  held.pending = 1;
  held.reserved = 0;
}

/// Stamps the acquisition in `held` (after the one of m's word, its last
/// release) and makes it the thread's last held record.
__attribute__((always_inline)) inline void
holdOn(rec::ThreadRecord *slot, rec::HeldRecord &held, const uint64_t *word) {
  held.time = stamp(__atomic_load_n(word, __ATOMIC_RELAXED));
  __atomic_store_n(&slot->heldCount, uint32_t(&held - slot->held) + 1,
                   __ATOMIC_RELEASE);
}

/// pthread_mutex_lock's hot path in record mode, for an inlineMutexKind
/// mutex: true when it took m and noted the acquisition, pending, in the
/// thread's held records (as mutexAcquired does); false, having done
/// nothing the slow path must undo, when m is taken, or already among the
/// thread's held records, or they are full. Everything of the held record
/// but the stamp is written before the lock is taken: the watchdog sees a
/// record only once `heldCount` covers it, and stores made inside the
/// critical section lengthen it, which with other threads waiting for m
/// means more of them sleep and are woken (docs/bench.md, "Record mode:
/// glibc's mutex protocol inline"). Inside it: the owner and the users
/// (glibc's), the stamp, the count.
__attribute__((always_inline)) inline bool
lockAndHold(pthread_mutex_t *m, rec::ThreadRecord *slot, uint64_t pc) {
  rec::HeldRecord *held = freshHeld(slot, m);
  if (!held)
    return false;
  noteHeld(*held, OpKind::MutexLock, m, pc);
  if (!inlineTryLock(m, slot->osTid))
    return false;
  // (orderWord's word: an inlineMutexKind mutex is not robust.)
  holdOn(slot, *held,
         reinterpret_cast<const uint64_t *>(&m->__data.__list.__next));
  return true;
}

/// A mutex's acquisition, or a failed attempt (`rc`), as an event of its
/// own (record.cpp): everything but mutexAcquired's hot case.
int acquisitionEvent(OpKind kind, pthread_mutex_t *m, int rc, uint64_t pc);

/// After the real call took mutex m: the acquisition waits in the thread's
/// held records, pending, for its release to write both in one event
/// (rec::packPair). No event, and no count of recorded operations, until
/// then (recordedOperations in cli/record_watch.h adds the pending ones).
/// The hot path calls nothing: few registers to save.
__attribute__((always_inline)) inline int
mutexAcquired(OpKind kind, pthread_mutex_t *m, uint64_t pc) {
  rec::ThreadRecord *slot = t_record.slot;
  uint64_t *word = orderWord(m);
  rec::HeldRecord *held = slot && word ? freshHeld(slot, m) : nullptr;
  if (!held)
    return acquisitionEvent(kind, m, 0, pc);
  noteHeld(*held, kind, m, pc);
  holdOn(slot, *held, word);
  return 0;
}

/// Before the real unlock of m: true in the hot case (the thread's last
/// acquisition, pending, of a normal or adaptive mutex, not robust, PI or
/// PP: `__kind` 0 or 3, whose unlock cannot fail), with the release
/// stamped (returned in `time`) and the stamp written to m's word (no
/// robust mutex here: orderWord's test is known). False: record.cpp's
/// recordMutexUnlock does the whole call. Whether the chunk has room is
/// releaseEnds' question.
__attribute__((always_inline)) inline bool releaseBegins(pthread_mutex_t *m,
                                                         uint64_t &time) {
  rec::ThreadRecord *slot = t_record.slot;
  int kind = m->__data.__kind & 0x7f;
  // t_record.chunk: set once the thread has a number and a slot.
  if (!t_record.chunk || !(kind == 0 || kind == 3))
    return false;
  uint32_t n = slot->heldCount;
  if (n == 0 || n > rec::MaxHeld)
    return false;
  const rec::HeldRecord &held = slot->held[n - 1];
  // count 1 and pending, in one comparison.
  static_assert(offsetof(rec::HeldRecord, pending) ==
                offsetof(rec::HeldRecord, count) + sizeof(uint32_t));
  uint64_t countPending;
  memcpy(&countPending, &held.count, sizeof countPending);
  if (held.object != reinterpret_cast<uintptr_t>(m) ||
      countPending != (1 | uint64_t(1) << 32))
    return false;
  // stamp(0), without the floor.
  uint64_t next = t_record.clock + 1;
  uint64_t coarse =
      g_recordRegion.header->coarseNow.load(std::memory_order_relaxed);
  time = coarse > next ? coarse : next;
  if (!rec::fitsPair(held.time, time, 0))
    return false;
  t_record.clock = time;
  __atomic_store_n(reinterpret_cast<uint64_t *>(&m->__data.__list.__next),
                   time, __ATOMIC_RELAXED);
  return true;
}

/// releaseEnds' way when the thread's chunk is full: the next chunk, then
/// the pair (record.cpp). Returns 0, the unlock's result, so that the
/// interceptor's call is a jump.
int releaseEndsSlow(uint64_t time, uint64_t pc);

/// pthread_mutex_unlock's way when inlineUnlock found waiters, reached by a
/// jump (the call site is its own return address): the wake-up, then
/// releaseEnds (record.cpp).
int releaseWokeEnds(pthread_mutex_t *m, uint64_t time);

/// After the real unlock that releaseBegins prepared: the pair, one event,
/// written outside the critical section (the watchdog reads the held
/// records only once nothing moved for seconds). The thread's state is
/// read again rather than kept in registers across the call (registers
/// the interceptor would save first: stores). Returns 0, the unlock's
/// result.
__attribute__((always_inline)) inline int releaseEnds(uint64_t time,
                                                      uint64_t pc) {
  rec::ThreadRecord *slot = t_record.slot;
  rec::Chunk *chunk = t_record.chunk;
  uint32_t n = slot->heldCount;
  uint32_t i = chunk->count.load(std::memory_order_relaxed);
  if (__builtin_expect(i == g_recordRegion.fill, 0))
    return releaseEndsSlow(time, pc);
  rec::packPair(chunk->events[i], slot->held[n - 1], time, pc);
  chunk->count.store(i + 1, std::memory_order_release);
  // Only this thread writes its count: no read-modify-write.
  slot->events.store(slot->events.load(std::memory_order_relaxed) + 2,
                     std::memory_order_release);
  __atomic_store_n(&slot->heldCount, n - 1, __ATOMIC_RELEASE);
  return 0;
}

} // namespace tangle::rt
