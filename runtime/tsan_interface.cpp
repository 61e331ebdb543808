// The ThreadSanitizer instrumentation ABI (clang -fsanitize=thread
// -fno-sanitize-link-runtime): our own __tsan_* entry points. In controlled
// mode each access of a controlled thread is appended to the shared region's
// access log for the race detector; otherwise every hook returns at once.
// Plain accesses are not scheduling points, except in a spin on plain memory
// (SpinWatch below). Atomics are: each is a visible operation
// (objects/atomic.h) unless its thread is alone, then performed for real
// (sequentially consistent, which is at least as strong as asked) and
// logged. memcpy, memmove and memset are logged as ranges; heap blocks are
// recorded for names (heap.h).
#include "model/blind_sites.h"
#include "model/explore/scheduler.h"
#include "model/machine.h"
#include "model/memory_access.h"
#include "runtime/controller.h"
#include "runtime/fibers.h"
#include "runtime/heap.h"
#include "runtime/object_lifetime.h"
#include "runtime/read_history.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/shared_memory.h"
#include "runtime/stack.h"

#include <atomic>
#include <cstdint>
#include <sys/mman.h>
#include <utility>

using namespace tangle;
using namespace tangle::rt;

namespace {

constexpr int ShadowDepth = 64;

// The instrumentation's own call stack: __tsan_func_entry's argument is the
// return address into the caller, so entry i is where function i returns.
struct ShadowStack {
  uint64_t returns[ShadowDepth];
  uint32_t depth;
  uint32_t ignored; // __tsan_ignore_thread_begin nesting
  uint64_t lastPc;  // the return address of the last access hook
};
__thread ShadowStack t_shadow __attribute__((tls_model("initial-exec")));

MemoryAccess *accessLog() {
  shm::Header *h = g_runtime.shm;
  return shm::at<MemoryAccess>(h, h->accessesOffset);
}

// The log is shared memory that each execution's process maps anew (fork
// does not copy the page tables of a shared mapping), so its first write
// to every page faults, and a fault costs tens of microseconds in a VM.
// Reaching the end of what it populated, the process populates the next
// chunk in one call instead (MADV_POPULATE_WRITE, Linux 5.14; ignored
// where missing). Chunks grow with the log, from 64 KiB to 2 MiB: most
// executions log a few entries, and populating 2 MiB for them cost each
// about 4% of its time.
constexpr uint64_t MinPopulateChunk = (64 << 10) / sizeof(MemoryAccess);
constexpr uint64_t MaxPopulateChunk = (2 << 20) / sizeof(MemoryAccess);
uint64_t g_populatedEnd = 0; // entries; per process, 0 in a fresh execution

__attribute__((noinline)) void populateLog(uint64_t from, uint64_t capacity) {
  // A reuse worker's pages of the log stay mapped from one execution to
  // the next (the shared region is out of its rewinds), and a rewind sets
  // g_populatedEnd back: populated once, not with an madvise in every
  // execution.
  uint64_t *kept = workerLogPopulated();
  if (kept && from < *kept) {
    g_populatedEnd = *kept;
    return;
  }
  uint64_t chunk = from < MinPopulateChunk   ? MinPopulateChunk
                   : from > MaxPopulateChunk ? MaxPopulateChunk
                                             : from;
  uint64_t to = from + chunk < capacity ? from + chunk : capacity;
  g_populatedEnd = to;
  if (kept)
    *kept = to;
  auto begin = reinterpret_cast<uintptr_t>(accessLog() + from);
  auto end = reinterpret_cast<uintptr_t>(accessLog() + to);
  const uintptr_t page = 4096;
  begin &= ~(page - 1);
  end = (end + page - 1) & ~(page - 1);
  constexpr int PopulateWrite = 23; // MADV_POPULATE_WRITE
  madvise(reinterpret_cast<void *>(begin), end - begin, PopulateWrite);
}

// How many of the thread's callers the shadow stack names, and the first of
// them: an entry's frames[1].
inline __attribute__((always_inline)) uint32_t shadowDepth() {
  return t_shadow.depth < ShadowDepth ? t_shadow.depth : ShadowDepth;
}
inline __attribute__((always_inline)) uintptr_t callerPc() {
  const uint32_t depth = shadowDepth();
  return depth > 0 ? t_shadow.returns[depth - 1] : 0;
}

// Appends one entry to the log for the calling (controlled) thread: `pc` is
// the return address of the hook (a point in the calling function) and
// `fp` that function's frame base; `reserved` as MemoryAccess says.
inline __attribute__((always_inline)) void
appendEntry(const volatile void *addr, uint16_t size, uint16_t flags,
            uint32_t reserved, void *pc, void *fp) {
  shm::Header *h = g_runtime.shm;
  uint64_t n = h->accessCount;
  // Past the step limit the steps are not recorded, and accesses without
  // them would not be ordered: the race check stops there (the step-limit
  // note says so; the log did not overflow).
  if (h->truncated)
    return;
  if (n >= h->accessCapacity) {
    h->accessOverflow = 1;
    return;
  }
  if (__builtin_expect(n >= g_populatedEnd, 0))
    populateLog(n, h->accessCapacity);
  // Only the running thread gets here (one thread runs at a time), and the
  // futex hand-off orders its writes before the next thread's.
  MemoryAccess &a = accessLog()[n];
  a.thread = t_thread.self;
  a.flags = flags;
  a.size = size;
  a.afterEvents = uint32_t(h->eventCount.load(std::memory_order_relaxed));
  a.reserved = reserved;
  a.address = fiber::unaliasTls(reinterpret_cast<uintptr_t>(addr));
  if (__builtin_expect(g_runtime.process != 0, 0))
    a.address = objectKey(a.address); // private memory of a forked process
  a.framePointer = fp ? *static_cast<uint64_t *>(fp) : 0;
  a.frames[0] = reinterpret_cast<uintptr_t>(pc);
  const uint32_t depth = shadowDepth();
  for (int i = 1; i < AccessFrames; ++i)
    a.frames[i] = depth >= uint32_t(i) ? t_shadow.returns[depth - i] : 0;
  h->accessCount = n + 1;
}

// What a controlled thread read since its last visible operation: a hash
// of each plain read's location, size and value (a spin's repeats once; a
// read of more than 8 bytes or of a range makes it unknown), kept per
// (thread, operation, object, call site) that ended the stretch
// (read_history.h). The same operation on the same object at the same place
// after the same reads is one more pass over the same code with the same
// results: what a poll does, not what a loop over a table does (SameMemory
// in model/event.h).
struct ReadWatch {
  uint64_t hash;
  bool unknown;
  ReadHistory history;
};
// One for the process, not one a thread: a controlled thread runs alone
// from one of its steps to the next, and each step starts a new stretch, so
// the stretch is always the running thread's; the table is keyed by thread
// too. (A thread-local one would be copied at every fiber switch.)
ReadWatch g_reads;

inline __attribute__((always_inline)) void
noteRead(uintptr_t address, uint16_t size, uint64_t value) {
  uint64_t &h = g_reads.hash;
  for (uint64_t word : {uint64_t(address), uint64_t(size), value})
    h = (h ^ word) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
}

// A spin on plain memory (`while (pool->alive != n) {}` on a plain or
// volatile int): the thread reads one location at one instruction again and
// again, the same value each time, with no visible operation (of any
// thread: the machine's step count is unchanged) and no write of its own in
// between. Nothing but another thread can end it, and only one thread runs
// at a time, so:
// - only the first read of each (location, instruction) in such a stretch
//   is logged: the repeats are the same access at the same point of the
//   happens-before order, and would only fill the access log;
// - every SpinReads repeats the thread yields (a Yield step marked
//   YieldSpin) when another thread could run and change the value: the
//   machine treats it as a poll that sees nothing new until someone else
//   ran (Machine::pollRepeats), so the others get their turn, as an atomic
//   spin gives it (objects/atomic.h). When nobody else could, it runs on
//   unscheduled: a loop that ends by itself ends, and one that does not
//   is a program.hang at the execution timeout, sampled where it spins.
constexpr uint32_t SpinReads = 64;
constexpr int SpinWatchSize = 4;

//
// Each read of the stretch counts its own repeats, and the first to reach
// SpinReads ends a turn: the stretch's first read may come before the loop
// (`idx = q->head; while (idx == q->tail) {}` reads head once, then only
// tail), and a loop whose repeats were counted on it alone was never
// preempted.
struct SpinWatch {
  struct Read {
    uintptr_t address;
    uintptr_t pc;
    uint64_t value;
    uint32_t repeats; // since the stretch or the last change began
    uint16_t size;
  } reads[SpinWatchSize];
  uint64_t began; // the machine's step count when the stretch began
  uint8_t count;  // reads in the stretch so far (0: none open)
};
__thread SpinWatch t_spin __attribute__((tls_model("initial-exec")));

// The value at addr, `size` bytes (at most 8, any alignment).
uint64_t plainValue(const volatile void *addr, uint16_t size) {
  typedef uint16_t u16 __attribute__((aligned(1), may_alias));
  typedef uint32_t u32 __attribute__((aligned(1), may_alias));
  typedef uint64_t u64 __attribute__((aligned(1), may_alias));
  switch (size) {
  case 1:
    return *static_cast<const volatile uint8_t *>(addr);
  case 2:
    return *static_cast<const volatile u16 *>(addr);
  case 4:
    return *static_cast<const volatile u32 *>(addr);
  default:
    return *static_cast<const volatile u64 *>(addr);
  }
}

// Whether a thread other than `self` could run and change what `self`
// spins on: enabled, and not itself going round a loop that nothing has
// changed -- a retry or an atomic spin the machine sees repeat, or a plain
// spin (a pending YieldSpin) whose location still holds what it read.
bool othersCouldChange(const Machine &m, ThreadId self) {
  for (ThreadId q = 0; q < m.threadCount(); ++q) {
    if (q == self || !m.enabled(q))
      continue;
    const Operation &op = m.pending(q);
    if (op.kind == OpKind::Yield && (op.flags & YieldSpin)) {
      // Another process's location is not this one's memory to read.
      if (m.processOf(q) != m.processOf(self) ||
          plainValue(reinterpret_cast<const void *>(op.object),
                     uint16_t(op.reserved)) != op.arg)
        return true;
      continue;
    }
    if (!m.wouldFailTry(q))
      return true;
  }
  return false;
}

// SpinReads repeats of one of a spin's reads: one turn of the loop.
__attribute__((noinline)) void spinTurn(SpinWatch &w, int read, void *fp) {
  for (int i = 0; i < w.count; ++i)
    w.reads[i].repeats = 0;
  const Machine &m = *g_runtime.machine;
  if (!othersCouldChange(m, t_thread.self))
    return;
  const SpinWatch::Read &r = w.reads[read];
  Operation op;
  op.kind = OpKind::Yield;
  op.flags = YieldSpin;
  op.object = r.address;
  op.arg = r.value;
  op.reserved = r.size;
  Stack stack;
  walkFrames(stack, reinterpret_cast<uintptr_t>(fp));
  visible(op, stack);
  // The step count moved: the next read opens a new stretch (and is
  // logged, at its new place in the happens-before order).
}

// Whether a plain read of a controlled thread repeats one of its stretch
// (see SpinWatch): then it is not logged, and may end a turn of the spin.
inline __attribute__((always_inline)) bool spinRepeat(const volatile void *addr,
                                                      uint16_t size,
                                                      uint64_t value, void *pc,
                                                      void *fp) {
  SpinWatch &w = t_spin;
  const uint64_t steps = g_runtime.machine->stepsTaken();
  const auto address = reinterpret_cast<uintptr_t>(addr);
  const auto at = reinterpret_cast<uintptr_t>(pc);
  if (w.count == 0 || w.began != steps) {
    w.began = steps;
    w.count = 1;
    w.reads[0] = {address, at, value, 0, size};
    return false;
  }
  for (int i = 0; i < w.count; ++i) {
    SpinWatch::Read &r = w.reads[i];
    if (r.address != address || r.pc != at || r.size != size)
      continue;
    if (r.value != value) { // not the same read: something changed it
      r.value = value;
      for (int j = 0; j < w.count; ++j)
        w.reads[j].repeats = 0;
      return false;
    }
    if (++r.repeats >= SpinReads)
      spinTurn(w, i, fp);
    return true;
  }
  if (w.count < SpinWatchSize)
    w.reads[w.count++] = {address, at, value, 0, size};
  return false;
}

// An access that repeats one the thread logged in the same stretch (no
// visible operation of any thread since: the same `afterEvents`, so the
// same place in the happens-before order), at the same instruction called
// from the same place, of the same bytes and kind. It races with exactly
// what the first races with, so only the first is logged: a loop of
// `counter++` 100,000 times logs its read and its write once per stretch
// instead of filling the log, which left the threads after the first with
// no access logged and their races unseen. A small table per thread, two
// ways per set, the most recent first: a miss only logs the access again.
// An allocation or a free of the thread starts a new generation: an access
// of the same bytes after it is not the same access (a use after free).
constexpr int RepeatSets = 64;
struct RepeatFilter {
  struct Slot {
    uintptr_t address, pc, caller;
    uint32_t afterEvents, generation;
    uint16_t size, flags;
    bool operator==(const Slot &o) const {
      return address == o.address && pc == o.pc && caller == o.caller &&
             afterEvents == o.afterEvents && generation == o.generation &&
             size == o.size && flags == o.flags;
    }
  } ways[RepeatSets][2];
  uint32_t generation;
};
__thread RepeatFilter t_repeats __attribute__((tls_model("initial-exec")));

} // namespace

void tangle::rt::repeatFilterBlock(uintptr_t &begin, size_t &size) {
  begin = reinterpret_cast<uintptr_t>(&t_repeats);
  size = sizeof(t_repeats);
}

namespace {

inline __attribute__((always_inline)) bool
repeatedAccess(const volatile void *addr, uint16_t size, uint16_t flags,
               void *pc) {
  const RepeatFilter::Slot access = {
      reinterpret_cast<uintptr_t>(addr),
      reinterpret_cast<uintptr_t>(pc),
      callerPc(),
      uint32_t(g_runtime.shm->eventCount.load(std::memory_order_relaxed)),
      t_repeats.generation,
      size,
      flags};
  const uint64_t hash = access.address * 0x9E3779B97F4A7C15ull ^
                        access.pc * 0xC2B2AE3D27D4EB4Full;
  RepeatFilter::Slot *set = t_repeats.ways[hash >> 58];
  static_assert(RepeatSets == 64, "the set is the hash's top 6 bits");
  if (set[0] == access)
    return true;
  if (set[1] == access) {
    std::swap(set[0], set[1]);
    return true;
  }
  set[1] = set[0];
  set[0] = access;
  return false;
}

// An instruction that moves up through memory in one stretch (a loop over
// an array: `a[i] = a[i] * 3 + i`) touches another address at each access,
// so the repeat filter keeps none of them out, and a sweep of a large array
// filled the access log: the accesses after it, other threads' races among
// them, went unchecked. So the log entry of such an instruction's last
// access stays open as a run: the next access of the same instruction,
// caller, kind and stretch takes it over when it starts where the entry
// ends or ends where it starts (a loop up or down the array: the entry
// grows by its size, up to what `size` holds) or lies inside it (a repeat:
// a second pass over the array). A loop down a column of a matrix moves by
// more than its size: a single entry and an access of the same size up to
// 64 KiB from it make a strided run (AccessStrided, model/memory_access.h),
// which grows by one element at either end. Each byte of the
// entry was accessed by that instruction in that stretch, so it races with
// exactly what those accesses race with; the race check works on byte
// ranges (as for memcpy) and names the racing byte's object. A few runs
// per thread, looked up by instruction (all of them: a loop body's few
// instructions must not evict each other), the oldest replaced; a miss
// only starts a new entry.
constexpr int RunSlots = 8;
constexpr uint32_t RunBytes = 0xffff; // MemoryAccess::size
struct RunTable {
  struct Run {
    uintptr_t pc;
    uint64_t index; // of the entry in the log
    uint32_t generation;
  } runs[RunSlots];
  uint32_t next; // the slot a new run takes
};
__thread RunTable t_runs __attribute__((tls_model("initial-exec")));

inline __attribute__((always_inline)) RunTable::Run *runOf(uintptr_t pc) {
  for (RunTable::Run &run : t_runs.runs)
    if (run.pc == pc)
      return &run;
  return nullptr;
}

// Whether an access of `size` bytes at `begin` went into strided run `a`.
inline __attribute__((always_inline)) bool
extendedStride(MemoryAccess &a, uintptr_t begin, uint16_t size) {
  const uint32_t count = stridedCount(a.reserved);
  const uint32_t stride = stridedStride(a.reserved);
  if (size != a.size)
    return false;
  if (begin >= a.address && (begin - a.address) % stride == 0 &&
      (begin - a.address) / stride < count)
    return true; // a repeat of an element
  if (count >= MaxStridedCount)
    return false;
  if (begin == a.address + uint64_t(count) * stride) { // up
    a.reserved = stridedReserved(count + 1, stride);
    return true;
  }
  if (begin + stride == a.address) { // down
    a.address = begin;
    a.reserved = stridedReserved(count + 1, stride);
    return true;
  }
  return false;
}

// Whether the access went into `run`, its instruction's open run (null:
// the instruction has none).
inline __attribute__((always_inline)) bool
extendedRun(const RunTable::Run *run, const volatile void *addr, uint16_t size,
            uint16_t flags, void *pc) {
  const shm::Header *h = g_runtime.shm;
  // A forked process logs its private memory by key (appendEntry), not by
  // address: no runs there.
  if (!run || run->generation != t_repeats.generation ||
      run->index >= h->accessCount || h->truncated || g_runtime.process != 0)
    return false;
  MemoryAccess &a = accessLog()[run->index];
  if (a.thread != t_thread.self || (a.flags & ~AccessStrided) != flags ||
      a.frames[0] != reinterpret_cast<uintptr_t>(pc) ||
      a.frames[1] != callerPc() ||
      a.afterEvents != uint32_t(h->eventCount.load(std::memory_order_relaxed)))
    return false;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(addr);
  if (a.flags & AccessStrided)
    return extendedStride(a, begin, size);
  if (begin >= a.address && begin + size <= a.address + a.size)
    return true;
  if (a.size + uint32_t(size) <= RunBytes) {
    if (begin == a.address + a.size) { // up
      a.size = uint16_t(a.size + size);
      return true;
    }
    if (begin + size == a.address) { // down
      a.address = begin;
      a.size = uint16_t(a.size + size);
      return true;
    }
  }
  // One access, and another of its size further than its size away: the
  // first two elements of a strided run.
  const uintptr_t distance =
      begin > a.address ? begin - a.address : a.address - begin;
  if (a.size != size || distance <= size || distance > MaxStride)
    return false;
  a.flags |= AccessStrided;
  a.address = begin < a.address ? begin : a.address;
  a.reserved = stridedReserved(2, uint32_t(distance));
  return true;
}

// Logs a plain access unless it repeats one of this stretch or goes into
// its instruction's run; a new entry becomes that instruction's run.
inline __attribute__((always_inline)) void logPlain(const volatile void *addr,
                                                    uint16_t size,
                                                    uint16_t flags, void *pc,
                                                    void *fp) {
  if (repeatedAccess(addr, size, flags, pc))
    return;
  const uintptr_t at = reinterpret_cast<uintptr_t>(pc);
  RunTable::Run *run = runOf(at);
  if (extendedRun(run, addr, size, flags, pc))
    return;
  const uint64_t n = g_runtime.shm->accessCount;
  appendEntry(addr, size, flags, 0, pc, fp);
  if (g_runtime.shm->accessCount == n)
    return;
  if (!run)
    run = &t_runs.runs[t_runs.next++ % RunSlots];
  *run = {at, n, t_repeats.generation};
}

// What a controlled thread wrote since its last visible operation, with
// what the bytes held before (the hooks run before the store): whether the
// writes changed memory, said with the next operation (SameMemory in
// model/event.h). A loop turn that changed nothing (`lock; v = 1;
// broadcast; unlock` when v is 1 already) may be a poll; one that counts
// (`lock; n++; unlock`) is not. A write of more than 8 bytes, more than
// WriteSlots locations, a free or an unmap count as a change without a
// look: the bytes may be gone by the next operation.
constexpr int WriteSlots = 4;
struct WriteWatch {
  struct Slot {
    uintptr_t address;
    uint64_t before;
    uint16_t size;
  } slots[WriteSlots];
  uint8_t count;
  bool changed; // for certain, without looking
};
WriteWatch g_writes; // the process's, as g_reads

inline __attribute__((always_inline)) void noteWrite(const volatile void *addr,
                                                     uint16_t size) {
  WriteWatch &w = g_writes;
  if (w.changed)
    return;
  const auto address = reinterpret_cast<uintptr_t>(addr);
  // (Bounded by WriteSlots too: past the step limit threads may run at
  // once, and the count is then a guess, never an index out of the array.)
  for (int i = 0; i < w.count && i < WriteSlots; ++i)
    if (w.slots[i].address == address && w.slots[i].size == size)
      return; // its first write kept what was there before
  if (size > 8 || w.count >= WriteSlots) {
    w.changed = true;
    return;
  }
  w.slots[w.count++] = {address, plainValue(addr, size), size};
}

// Logs one access (see appendEntry for `pc` and `fp`).
inline __attribute__((always_inline)) void logAccess(const volatile void *addr,
                                                     uint16_t size,
                                                     uint16_t flags, void *pc,
                                                     void *fp) {
  if (__builtin_expect(g_runtime.mode != Mode::Controlled, 1) ||
      !controlled() || t_shadow.ignored)
    return;
  // Where a thread spinning in a loop is, should its execution time out
  // while it is inside a hook (see lastInstrumentedStack).
  t_shadow.lastPc = reinterpret_cast<uintptr_t>(pc);
  if (flags & AccessWrite) { // a loop that writes is no spin
    t_spin.count = 0;
    noteWrite(addr, size);
  } else {
    g_reads.unknown = true;
  }
  if ((flags & ~AccessWrite) == 0)
    return logPlain(addr, size, flags, pc, fp);
  appendEntry(addr, size, flags, 0, pc, fp);
}

// Logs a plain read of the program, unless it repeats a spin's.
inline __attribute__((always_inline)) void
logPlainRead(const volatile void *addr, uint16_t size, void *pc, void *fp) {
  if (__builtin_expect(g_runtime.mode != Mode::Controlled, 1) ||
      !controlled() || t_shadow.ignored)
    return;
  t_shadow.lastPc = reinterpret_cast<uintptr_t>(pc);
  if (size > 8) {
    g_reads.unknown = true;
  } else {
    // A spin's repeat is no news: the read watch takes the others.
    const uint64_t value = plainValue(addr, size);
    if (spinRepeat(addr, size, value, pc, fp))
      return;
    noteRead(reinterpret_cast<uintptr_t>(addr), size, value);
  }
  logPlain(addr, size, 0, pc, fp);
}

#define TANGLE_LOG(addr, size, flags)                                          \
  logAccess(addr, size, flags, __builtin_return_address(0),                    \
            __builtin_frame_address(0))
#define TANGLE_LOG_READ(addr, size)                                            \
  logPlainRead(addr, size, __builtin_return_address(0),                        \
               __builtin_frame_address(0))

// C++ memory orders as the instrumentation passes them.
enum MemoryOrder { Relaxed, Consume, Acquire, Release, AcqRel, SeqCst };

uint16_t orderFlags(int mo) {
  uint16_t f = 0;
  if (mo == Consume || mo == Acquire || mo == AcqRel || mo == SeqCst)
    f |= AccessAcquire;
  if (mo == Release || mo == AcqRel || mo == SeqCst)
    f |= AccessRelease;
  return f;
}

// Whether a thread other than `me` may still run, now or once unblocked.
// A thread alone in the execution makes its atomics plain: whatever a later
// thread does is ordered after them by its creation. (Otherwise they are
// steps even when nobody else can run right now: the partial-order
// reduction needs to see them to reverse them with another thread's.)
bool othersLive(const Machine &m, ThreadId me) {
  for (ThreadId t = 0; t < m.threadCount(); ++t)
    if (t != me && m.running(t))
      return true;
  return false;
}

// Whether an update with this stack is blind: its call site discards the
// result (model/blind_sites.h; the table is empty without a source pass).
bool blindUpdate(const Stack &stack) {
  const shm::Header *h = g_runtime.shm;
  BlindSiteTable table;
  table.sites = h->blindRanges;
  table.siteCount = h->blindSiteCount;
  table.wrappers = h->blindRanges + h->blindSiteCount;
  table.wrapperCount = h->blindWrapperCount;
  return blindCallSite(table, stack.frames, MaxFrames);
}

// A spin on atomics that nobody else can end: every other thread is
// blocked, or goes round a spin or poll of its own. The scheduler lets such
// a spinner run alone, and after SpinLimit turns ends the execution as a
// deadlock (deadlock.stall). But a loop that polls a bounded number of
// times ends by itself (rcu_queue's consumer tries `r % 1024` pops of an
// empty queue, two loads a turn, before it goes back to pushing), and one
// longer than SpinLimit turns was reported as a deadlock of a program that
// ends. So half-way there, a spinner whose loop only loads (no plain write,
// no other operation) runs its loads unscheduled, FreeRunPolls of them at
// most (about 0.1 s), as it would alone on a CPU: nobody else could run in
// between, and loads change nothing anyone could see. The free run ends at
// anything else -- a store or update, any other visible operation, a write to
// plain memory -- and that step is scheduled as usual; a loop still spinning
// after FreeRunPolls loads goes on as visible turns to SpinLimit and is a
// stall, as before.
constexpr uint32_t FreeRunAfter = SpinLimit / 2;
constexpr uint32_t FreeRunPolls = 1u << 18;

struct FreeRun {
  uint64_t steps; // the machine's step count when it began
  uint32_t polls; // loads run unscheduled so far
  bool active;
  bool spent; // ran out of polls: not again until the spin is broken
};
__thread FreeRun t_freeRun __attribute__((tls_model("initial-exec")));

// Whether every thread but `self` is blocked, or spins or polls on what
// nobody changes (as the scheduler's `hopeless` sees it, plus plain spins
// whose location still holds what they read): then no interleaving puts
// anything between self's loads.
bool othersOnlySpin(const Machine &m, ThreadId self) {
  for (ThreadId q = 0; q < m.threadCount(); ++q) {
    if (q == self || !m.enabled(q))
      continue;
    const Operation &op = m.pending(q);
    if (op.kind == OpKind::Yield && (op.flags & YieldSpin)) {
      if (m.processOf(q) != m.processOf(self) ||
          plainValue(reinterpret_cast<const void *>(op.object),
                     uint16_t(op.reserved)) != op.arg)
        return false;
      continue;
    }
    const bool spins = (isAtomicOp(op.kind) || op.kind == OpKind::Yield ||
                        op.kind == OpKind::CancelTest) &&
                       m.wouldFailTry(q);
    if (!spins && !m.pollsAgain(q))
      return false;
  }
  return true;
}

// Whether self's atomic load at pc of addr runs unscheduled, in a free run
// (see FreeRun).
__attribute__((noinline)) bool freeRunLoad(const volatile void *addr,
                                           void *pc) {
  const Machine &m = *g_runtime.machine;
  const ThreadId self = t_thread.self;
  FreeRun &f = t_freeRun;
  // Nothing written since the last step (takeNewMemory clears the watch).
  const bool quiet = !g_writes.changed && g_writes.count == 0;
  const uint32_t repeats = m.thread(self).spinRepeats;
  if (f.active) {
    if (f.steps == m.stepsTaken() && quiet && f.polls < FreeRunPolls) {
      ++f.polls;
      return true;
    }
    f.active = false;
    f.spent = f.polls >= FreeRunPolls;
    return false;
  }
  if (f.spent) {
    if (repeats >= FreeRunAfter)
      return false;
    f.spent = false; // the spin was broken since
  }
  if (repeats < FreeRunAfter || !quiet)
    return false;
  Operation op;
  op.kind = OpKind::AtomicLoad;
  op.object = reinterpret_cast<uintptr_t>(addr);
  op.arg = reinterpret_cast<uintptr_t>(pc);
  if (!m.atomicRepeats(self, op) || !othersOnlySpin(m, self))
    return false;
  f.steps = m.stepsTaken();
  f.polls = 1;
  f.active = true;
  return true;
}

// What scheduleAtomic decided.
enum class AtomicStep : uint8_t { Unscheduled, Visible, VisibleBlind };

// Before an atomic operation: lets the scheduler choose who goes first.
// Unscheduled when the operation is not a visible step (the thread is
// alone, or not controlled). An update (fetch_add and the like) from a
// call site that discards its result is a blind update (objects/atomic.h).
__attribute__((noinline)) AtomicStep scheduleAtomic(const volatile void *addr,
                                                    OpKind kind, uint16_t size,
                                                    AtomicUpdate update,
                                                    void *pc, void *fp) {
  // (Inside tangle_ignore_begin/end too: those leave accesses out of the
  // race check, not atomics out of the exploration.)
  if (!controlled() || !othersLive(*g_runtime.machine, t_thread.self))
    return AtomicStep::Unscheduled;
  if (kind == OpKind::AtomicLoad && freeRunLoad(addr, pc))
    return AtomicStep::Unscheduled;
  shm::Header *h = g_runtime.shm;
  if (h->atomicSteps >= atomicStepBudget(g_runtime.maxSteps)) {
    h->atomicsUnscheduled = 1;
    return AtomicStep::Unscheduled;
  }
  ++h->atomicSteps;
  Operation op;
  op.kind = kind;
  op.flags = (size & AtomicSizeMask) | atomicUpdateFlags(update);
  op.object = reinterpret_cast<uintptr_t>(addr);
  op.arg = reinterpret_cast<uintptr_t>(pc);
  Stack stack;
  walkFrames(stack, reinterpret_cast<uintptr_t>(fp));
  bool blind = update != AtomicUpdate::None && blindUpdate(stack);
  if (blind)
    op.flags |= AtomicBlind;
  visible(op, stack);
  return blind ? AtomicStep::VisibleBlind : AtomicStep::Visible;
}

// After the real operation of a visible atomic: the thread completes its
// event (it is the last one: nobody stepped since) and tells the model
// whether the value changed.
__attribute__((noinline)) void completeAtomic(uint64_t before, bool changed) {
  Operation *op = lastOperation(t_thread.self);
  if (!op)
    return;
  if (changed)
    op->flags |= AtomicChanged;
  op->reserved = uint32_t(before) ^ uint32_t(before >> 32);
  g_runtime.machine->completeAtomic(t_thread.self, *op, changed);
}

// An atomic operation: scheduled, logged (after the scheduling point, so
// that the log keeps the order the operations really ran in), performed,
// completed. `body` computes the value before and after (for a load or a
// failed exchange, the same). An update names what it does and its
// operand: a blind one says it changed the value by its operand alone
// (blindUpdateChanges).
template <typename T, typename Body>
inline __attribute__((always_inline)) void
atomicOperation(const volatile T *a, OpKind kind, uint16_t flags, void *pc,
                void *fp, Body &&body, AtomicUpdate update = AtomicUpdate::None,
                T operand = 0) {
  AtomicStep step = AtomicStep::Unscheduled;
  if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0))
    step = scheduleAtomic(a, kind, sizeof(T), update, pc, fp);
  if (step == AtomicStep::VisibleBlind)
    flags |= AccessBlind | atomicUpdateFlags(update);
  logAccess(a, sizeof(T), flags, pc, fp);
  T before, after;
  body(before, after);
  if (step == AtomicStep::Unscheduled) {
    // Progress that no step shows (see Header::unscheduledChanges).
    if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0) &&
        before != after)
      ++g_runtime.shm->unscheduledChanges;
    return;
  }
  if (step == AtomicStep::VisibleBlind)
    completeAtomic(uint64_t(before),
                   blindUpdateChanges(update, uint64_t(operand), sizeof(T)));
  else if (step == AtomicStep::Visible)
    completeAtomic(uint64_t(before), before != after);
}

} // namespace

void tangle::rt::logAllocation(void *block, size_t size, void *pc, void *fp) {
  if (block && controlled()) {
    appendEntry(block, 0, AccessAllocation,
                size > UINT32_MAX ? UINT32_MAX : uint32_t(size), pc, fp);
    ++t_repeats.generation;
  }
}

void tangle::rt::logFree(void *block, size_t size, void *pc, void *fp) {
  // The runtime's own frees (its C++ uses this allocator too) are not the
  // program's.
  if (!block || !controlled() || t_shadow.ignored ||
      inRuntimeText(reinterpret_cast<uintptr_t>(pc)))
    return;
  // The mutexes, conditions... in the block end with it: a step each,
  // which waits for its turn, while other threads run. The free's write
  // comes after them in the log, where it happens: logged before, a
  // worker's access in the wait would seem to come after the free ("uses
  // freed memory") when the free came last.
  endObjectsIn(block, size, reinterpret_cast<uintptr_t>(fp));
  appendEntry(block, 0, AccessWrite | AccessFree,
              size > UINT32_MAX ? UINT32_MAX : uint32_t(size), pc, fp);
  t_spin.count = 0;
  g_writes.changed = true;
  ++t_repeats.generation;
}

bool tangle::rt::takeNewMemory(const Operation &op, uint64_t site,
                               ThreadId self) {
  WriteWatch &w = g_writes;
  bool fresh = w.changed;
  for (int i = 0; i < w.count && i < WriteSlots && !fresh; ++i)
    fresh = plainValue(reinterpret_cast<const void *>(w.slots[i].address),
                       w.slots[i].size) != w.slots[i].before;
  w.count = 0;
  w.changed = false;
  ReadWatch &r = g_reads;
  const uint64_t key = (uint64_t(op.kind) * 0x9E3779B97F4A7C15ull) ^
                       (op.object + 1) ^ (site * 0xFF51AFD7ED558CCDull) ^
                       (uint64_t(self + 1) * 0xD6E8FEB86659FD93ull);
  fresh = !r.history.repeats(key, r.hash) || fresh || r.unknown;
  r.hash = 0;
  r.unknown = false;
  return fresh;
}

void tangle::rt::noteMemoryUnmapped() { g_writes.changed = true; }

bool tangle::rt::lastInstrumentedStack(Stack &stack) {
  const ShadowStack &s = t_shadow;
  if (!s.lastPc)
    return false;
  stack = Stack();
  stack.frames[0] = s.lastPc;
  uint32_t depth = s.depth < ShadowDepth ? s.depth : ShadowDepth;
  for (uint32_t i = 1; i < uint32_t(MaxFrames) && i <= depth; ++i)
    stack.frames[i] = s.returns[depth - i];
  return true;
}

#define EXPORT extern "C" __attribute__((visibility("default")))

EXPORT void __tsan_init() {
  // Runs from the program's module constructors, after the runtime's own
  // constructor mapped the region: tells tangle that races can be checked.
  if (g_runtime.shm)
    g_runtime.shm->memoryInstrumented = 1;
  // Record mode does not check races yet: the run says so.
  if (recording())
    noteUnwatched(Unwatched::MemoryAccesses, 0);
}

EXPORT void __tsan_func_entry(void *returnAddress) {
  ShadowStack &s = t_shadow;
  if (s.depth < ShadowDepth)
    s.returns[s.depth] = reinterpret_cast<uintptr_t>(returnAddress);
  ++s.depth;
}

EXPORT void __tsan_func_exit() {
  if (t_shadow.depth)
    --t_shadow.depth;
}

EXPORT void __tsan_ignore_thread_begin() { ++t_shadow.ignored; }
EXPORT void __tsan_ignore_thread_end() {
  if (t_shadow.ignored)
    --t_shadow.ignored;
}

#define PLAIN_ACCESS(n)                                                        \
  EXPORT void __tsan_read##n(void *addr) { TANGLE_LOG_READ(addr, n); }         \
  EXPORT void __tsan_write##n(void *addr) {                                    \
    TANGLE_LOG(addr, n, AccessWrite);                                          \
  }                                                                            \
  EXPORT void __tsan_unaligned_read##n(void *addr) {                           \
    TANGLE_LOG_READ(addr, n);                                                  \
  }                                                                            \
  EXPORT void __tsan_unaligned_write##n(void *addr) {                          \
    TANGLE_LOG(addr, n, AccessWrite);                                          \
  }                                                                            \
  EXPORT void __tsan_volatile_read##n(void *addr) { TANGLE_LOG_READ(addr, n); }\
  EXPORT void __tsan_volatile_write##n(void *addr) {                           \
    TANGLE_LOG(addr, n, AccessWrite);                                          \
  }
PLAIN_ACCESS(1)
PLAIN_ACCESS(2)
PLAIN_ACCESS(4)
PLAIN_ACCESS(8)
PLAIN_ACCESS(16)
#undef PLAIN_ACCESS

// The hook's return address into the program, and its own frame base.
#define CALLER_PC __builtin_return_address(0), __builtin_frame_address(0)

// memcpy, memmove and memset: LLVM 14's instrumentation leaves block copies
// as calls to them (no __tsan_memcpy), so the runtime defines them, logs
// the bytes read and written, and calls glibc's own (its exported
// fortified entry points, with no size limit). A call from the runtime's
// own code is not the program's access.
namespace {
// A range is logged in entries of at most 0xffff bytes (the log's size
// field), up to 1 MiB; bytes beyond are not checked.
constexpr size_t RangeEntries = 16;

inline __attribute__((always_inline)) void
logRange(const volatile void *addr, size_t size, uint16_t flags, void *pc,
         void *fp) {
  if (__builtin_expect(g_runtime.mode != Mode::Controlled, 1) || !size ||
      inRuntimeText(reinterpret_cast<uintptr_t>(pc)))
    return;
  auto *bytes = static_cast<const volatile char *>(addr);
  for (size_t i = 0; i < RangeEntries && size; ++i) {
    uint16_t chunk = size > 0xffff ? 0xffff : uint16_t(size);
    logAccess(bytes, chunk, flags, pc, fp);
    bytes += chunk;
    size -= chunk;
  }
}
} // namespace

extern "C" {
void *__memcpy_chk(void *, const void *, size_t, size_t);
void *__memmove_chk(void *, const void *, size_t, size_t);
void *__memset_chk(void *, int, size_t, size_t);
}

EXPORT void *memcpy(void *to, const void *from, size_t size) {
  logRange(from, size, 0, CALLER_PC);
  logRange(to, size, AccessWrite, CALLER_PC);
  return __memcpy_chk(to, from, size, SIZE_MAX);
}

EXPORT void *memmove(void *to, const void *from, size_t size) {
  logRange(from, size, 0, CALLER_PC);
  logRange(to, size, AccessWrite, CALLER_PC);
  return __memmove_chk(to, from, size, SIZE_MAX);
}

EXPORT void *memset(void *to, int byte, size_t size) {
  logRange(to, size, AccessWrite, CALLER_PC);
  return __memset_chk(to, byte, size, SIZE_MAX);
}

EXPORT void __tsan_read_range(void *addr, unsigned long size) {
  TANGLE_LOG(addr, uint16_t(size > 0xffff ? 0xffff : size), 0);
}
EXPORT void __tsan_write_range(void *addr, unsigned long size) {
  TANGLE_LOG(addr, uint16_t(size > 0xffff ? 0xffff : size), AccessWrite);
}

EXPORT void __tsan_vptr_update(void **vptr, void *newValue) {
  // Storing the same vptr again (a base-class destructor) is no conflict.
  if (*vptr != newValue)
    TANGLE_LOG(vptr, 8, AccessWrite);
}
EXPORT void __tsan_vptr_read(void **vptr) { TANGLE_LOG(vptr, 8, 0); }

// Atomics. Every operation runs sequentially consistent; the log keeps the
// requested order for the race detector.
#define ATOMIC_PC __builtin_return_address(0), __builtin_frame_address(0)
#define ATOMIC_OPS(bits, T)                                                    \
  EXPORT T __tsan_atomic##bits##_load(const volatile T *a, int mo) {           \
    T result;                                                                  \
    atomicOperation(a, OpKind::AtomicLoad,                                     \
                    AccessAtomic | AccessRead | orderFlags(mo), ATOMIC_PC,     \
                    [&](T &before, T &after) {                                 \
      before = after = result = __atomic_load_n(a, __ATOMIC_SEQ_CST);          \
    });                                                                        \
    return result;                                                             \
  }                                                                            \
  EXPORT void __tsan_atomic##bits##_store(volatile T *a, T v, int mo) {        \
    atomicOperation(a, OpKind::AtomicStore,                                    \
                    AccessAtomic | AccessWrite | orderFlags(mo), ATOMIC_PC,    \
                    [&](T &before, T &after) {                                 \
      before = __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);                    \
      after = v;                                                               \
    });                                                                        \
  }                                                                            \
  ATOMIC_RMW(bits, T, exchange, __atomic_exchange_n, None)                     \
  ATOMIC_RMW(bits, T, fetch_add, __atomic_fetch_add, Add)                      \
  ATOMIC_RMW(bits, T, fetch_sub, __atomic_fetch_sub, Add)                      \
  ATOMIC_RMW(bits, T, fetch_and, __atomic_fetch_and, And)                      \
  ATOMIC_RMW(bits, T, fetch_or, __atomic_fetch_or, Or)                         \
  ATOMIC_RMW(bits, T, fetch_xor, __atomic_fetch_xor, Xor)                      \
  ATOMIC_RMW(bits, T, fetch_nand, __atomic_fetch_nand, None)                   \
  EXPORT int __tsan_atomic##bits##_compare_exchange_strong(                    \
      volatile T *a, T *expected, T v, int mo, int) {                          \
    return compareExchange(a, expected, v, mo, ATOMIC_PC);                     \
  }                                                                            \
  EXPORT int __tsan_atomic##bits##_compare_exchange_weak(                      \
      volatile T *a, T *expected, T v, int mo, int) {                          \
    /* never fails spuriously: the weak form may, and need not */              \
    return compareExchange(a, expected, v, mo, ATOMIC_PC);                     \
  }                                                                            \
  EXPORT T __tsan_atomic##bits##_compare_exchange_val(                         \
      volatile T *a, T expected, T v, int mo, int) {                           \
    compareExchange(a, &expected, v, mo, ATOMIC_PC);                           \
    return expected;                                                           \
  }

// A read-modify-write; `builtin` returns the old value. The new one is read
// back: only this thread runs. `update` says which updates it commutes with
// when blind (subtraction is addition).
#define ATOMIC_RMW(bits, T, name, builtin, update)                             \
  EXPORT T __tsan_atomic##bits##_##name(volatile T *a, T v, int mo) {          \
    T result;                                                                  \
    atomicOperation(                                                           \
        a, OpKind::AtomicRmw,                                                  \
        AccessAtomic | AccessRead | AccessWrite | orderFlags(mo), ATOMIC_PC,   \
        [&](T &before, T &after) {                                             \
          before = result = builtin(a, v, __ATOMIC_SEQ_CST);                   \
          after = __atomic_load_n(a, __ATOMIC_RELAXED);                        \
        },                                                                     \
        AtomicUpdate::update, v);                                              \
    return result;                                                             \
  }

namespace {
template <typename T>
inline __attribute__((always_inline)) int
compareExchange(volatile T *a, T *expected, T v, int mo, void *pc, void *fp) {
  int ok;
  atomicOperation(a, OpKind::AtomicRmw,
                  AccessAtomic | AccessRead | AccessWrite | orderFlags(mo), pc,
                  fp, [&](T &before, T &after) {
    T wanted = *expected;
    ok = __atomic_compare_exchange_n(a, expected, v, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST);
    before = ok ? wanted : *expected;
    after = ok ? v : before;
  });
  return ok;
}
} // namespace

ATOMIC_OPS(8, uint8_t)
ATOMIC_OPS(16, uint16_t)
ATOMIC_OPS(32, uint32_t)
ATOMIC_OPS(64, uint64_t)
#undef ATOMIC_OPS
#undef ATOMIC_RMW

// 128-bit atomics: without libatomic (the runtime depends on libc only)
// they run under one spin lock, atomic with respect to each other.
namespace {
using u128 = unsigned __int128;
std::atomic_flag g_wideLock = ATOMIC_FLAG_INIT;
struct WideGuard {
  WideGuard() {
    while (g_wideLock.test_and_set(std::memory_order_acquire))
      __builtin_ia32_pause();
  }
  ~WideGuard() { g_wideLock.clear(std::memory_order_release); }
};
constexpr uint16_t WideRmw = AccessAtomic | AccessRead | AccessWrite;
} // namespace

EXPORT u128 __tsan_atomic128_load(const volatile u128 *a, int mo) {
  TANGLE_LOG(a, 16, AccessAtomic | AccessRead | orderFlags(mo));
  WideGuard g;
  return *a;
}
EXPORT void __tsan_atomic128_store(volatile u128 *a, u128 v, int mo) {
  TANGLE_LOG(a, 16, AccessAtomic | AccessWrite | orderFlags(mo));
  WideGuard g;
  *a = v;
}
#define WIDE_RMW(name, expr)                                                   \
  EXPORT u128 __tsan_atomic128_##name(volatile u128 *a, u128 v, int mo) {      \
    TANGLE_LOG(a, 16, WideRmw | orderFlags(mo));                               \
    WideGuard g;                                                               \
    u128 old = *a;                                                             \
    *a = (expr);                                                               \
    return old;                                                                \
  }
WIDE_RMW(exchange, v)
WIDE_RMW(fetch_add, old + v)
WIDE_RMW(fetch_sub, old - v)
WIDE_RMW(fetch_and, old &v)
WIDE_RMW(fetch_or, old | v)
WIDE_RMW(fetch_xor, old ^ v)
WIDE_RMW(fetch_nand, ~(old &v))
#undef WIDE_RMW

static bool wideCas(volatile u128 *a, u128 *expected, u128 v) {
  WideGuard g;
  if (*a == *expected) {
    *a = v;
    return true;
  }
  *expected = *a;
  return false;
}
EXPORT int __tsan_atomic128_compare_exchange_strong(volatile u128 *a,
                                                    u128 *expected, u128 v,
                                                    int mo, int) {
  TANGLE_LOG(a, 16, WideRmw | orderFlags(mo));
  return wideCas(a, expected, v);
}
EXPORT int __tsan_atomic128_compare_exchange_weak(volatile u128 *a,
                                                  u128 *expected, u128 v,
                                                  int mo, int) {
  TANGLE_LOG(a, 16, WideRmw | orderFlags(mo));
  return wideCas(a, expected, v);
}
EXPORT u128 __tsan_atomic128_compare_exchange_val(volatile u128 *a,
                                                  u128 expected, u128 v, int mo,
                                                  int) {
  TANGLE_LOG(a, 16, WideRmw | orderFlags(mo));
  wideCas(a, &expected, v);
  return expected;
}

EXPORT void __tsan_atomic_thread_fence(int) {
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
EXPORT void __tsan_atomic_signal_fence(int) {
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
