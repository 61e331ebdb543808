// See races.h. One pass over the execution's timeline: events and memory
// accesses merged in the order they happened (an access records how many
// events preceded it). Thread clocks advance at every release, so an access
// is covered by another thread's clock exactly when a release after it (in
// its thread) reaches that thread: a Djit+-style detector, per 8-byte
// granule, keeping each thread's latest read and write of each byte mask.
#include "model/detect/races.h"

#include "model/detect/held_locks.h"

#include "model/explore/clock.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace tangle {

namespace {
/// Message `number` of queue `queue`: its send happens before the receive
/// that takes it, and before nothing else.
uint64_t messageEdge(ObjectAddr queue, int32_t number) {
  return queue ^ (uint64_t(uint32_t(number)) * 0x9E3779B97F4A7C15ull);
}
} // namespace

SyncEdges syncEdges(const Event &event, const Outcome &outcome) {
  SyncEdges e;
  const Operation &op = event.op;
  // A cancel request happens before the target acts on it (its cleanup
  // handlers see what the canceller did); a cancelled condition wait still
  // takes its mutex.
  if (op.kind == OpKind::ThreadCancel) {
    e.releaseKind = SyncEdges::Object;
    e.releaseTo = cancelObject(ThreadId(op.object));
    return e;
  }
  if (outcome.effect == Effect::Cancelled) {
    e.acquireKind = SyncEdges::Object;
    e.acquireFrom = cancelObject(event.thread);
    if (op.kind == OpKind::CondWake) {
      e.acquireKind2 = SyncEdges::Mutex;
      e.acquireFrom2 = op.arg;
    }
    return e;
  }
  switch (op.kind) {
  case OpKind::MutexLock:
  case OpKind::MutexTryLock:
  case OpKind::MutexTimedLock:
    if (outcome.effect == Effect::Acquired ||
        outcome.effect == Effect::Reacquired) {
      e.acquireKind = SyncEdges::Mutex;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::MutexUnlock:
    if (outcome.effect == Effect::Released ||
        outcome.effect == Effect::ReleasedOne) {
      e.releaseKind = SyncEdges::Mutex;
      e.releaseTo = op.object;
    }
    break;
  case OpKind::ThreadCreate:
    if (outcome.effect == Effect::Created) {
      e.releaseKind = SyncEdges::ThreadStart;
      e.releaseTo = uint64_t(uint32_t(event.result));
    }
    break;
  case OpKind::ThreadStart:
    e.acquireKind = SyncEdges::ThreadStart;
    e.acquireFrom = event.thread;
    break;
  case OpKind::ThreadExit:
    e.releaseKind = SyncEdges::ThreadExit;
    e.releaseTo = event.thread;
    break;
  case OpKind::ThreadJoin:
    if (outcome.effect == Effect::Joined) {
      e.acquireKind = SyncEdges::ThreadExit;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::CondWait:
    // The wait releases the mutex (unless it did not hold it or a
    // recursive mutex stays held) ...
    if (outcome.effect == Effect::CondWaited ||
        outcome.effect == Effect::CondTwoMutexes) {
      e.releaseKind = SyncEdges::Mutex;
      e.releaseTo = op.arg;
    }
    break;
  case OpKind::CondWake:
    // ... and the wake-up takes it again: the signaller's updates reach
    // the waiter through the mutex it signalled under.
    e.acquireKind = SyncEdges::Mutex;
    e.acquireFrom = op.arg;
    break;
  case OpKind::CondSignal:
  case OpKind::CondBroadcast:
  case OpKind::SemPost:
  case OpKind::BarrierWait:
  case OpKind::OnceDone:
    e.releaseKind = SyncEdges::Object;
    e.releaseTo = op.object;
    break;
  case OpKind::SemWait:
  case OpKind::SemTryWait:
  case OpKind::SemTimedWait:
    if (outcome.effect == Effect::Decremented) {
      e.acquireKind = SyncEdges::Object;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::BarrierLeave:
    e.acquireKind = SyncEdges::Object;
    e.acquireFrom = op.object;
    break;
  case OpKind::OnceEnter:
    // A caller that finds the routine done sees what it did, and one that
    // runs it after a run that threw sees what that run did (C++'s
    // call_once: each active execution synchronizes with the next).
    e.acquireKind = SyncEdges::Object;
    e.acquireFrom = op.object;
    break;
  case OpKind::RwRdLock:
  case OpKind::RwTryRdLock:
  case OpKind::RwTimedRdLock:
  case OpKind::RwWrLock:
  case OpKind::RwTryWrLock:
  case OpKind::RwTimedWrLock:
    // A reader sees what writers did; a writer also what readers did. One
    // reader's unlock does not reach another reader: readers are not
    // ordered by the lock, so a write under a read lock races with them.
    if (outcome.effect == Effect::SharedAcquired) {
      e.acquireKind = SyncEdges::Mutex;
      e.acquireFrom = op.object;
    } else if (outcome.effect == Effect::Acquired) {
      e.acquireKind = SyncEdges::Mutex;
      e.acquireFrom = op.object;
      e.acquireKind2 = SyncEdges::Readers;
      e.acquireFrom2 = op.object;
    }
    break;
  case OpKind::RwUnlock:
    if (outcome.effect == Effect::Released) {
      e.releaseKind = SyncEdges::Mutex;
      e.releaseTo = op.object;
    } else if (outcome.effect == Effect::SharedReleased) {
      e.releaseKind = SyncEdges::Readers;
      e.releaseTo = op.object;
    }
    break;
  case OpKind::ProcessFork:
    // The child starts with a copy of everything the parent did.
    if (outcome.effect == Effect::Forked) {
      e.releaseKind = SyncEdges::ThreadStart;
      e.releaseTo = uint64_t(uint32_t(event.result));
    }
    break;
  case OpKind::ProcessKill:
    if (outcome.effect != Effect::Killed)
      break;
    [[fallthrough]];
  case OpKind::ProcessExit:
    // A process's end happens before the wait that reaps it.
    e.releaseKind = SyncEdges::Object;
    e.releaseTo = outcome.access.object;
    break;
  case OpKind::ProcessWait:
    if (outcome.effect == Effect::Reaped) {
      e.acquireKind = SyncEdges::Object;
      e.acquireFrom = processObject(ProcessId(event.result));
    }
    break;
  case OpKind::PipeWrite:
  case OpKind::PipeClose:
    // What was written (or that nothing more will be) before the read
    // that sees it.
    e.releaseKind = SyncEdges::Object;
    e.releaseTo = op.object;
    break;
  case OpKind::PipeRead:
    e.acquireKind = SyncEdges::Object;
    e.acquireFrom = op.object;
    break;
  case OpKind::MqSend:
    if (outcome.effect == Effect::Sent) {
      e.releaseKind = SyncEdges::Message;
      e.releaseTo = messageEdge(op.object, event.result);
    }
    break;
  case OpKind::MqReceive:
    if (outcome.effect == Effect::Received) {
      e.acquireKind = SyncEdges::Message;
      e.acquireFrom = messageEdge(op.object, event.result);
    }
    break;
  case OpKind::FutexWake:
    // What the waker did before waking reaches the woken waiter.
    e.releaseKind = SyncEdges::Object;
    e.releaseTo = op.object;
    break;
  case OpKind::FutexResume:
    if (outcome.effect == Effect::Woken) {
      e.acquireKind = SyncEdges::Object;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::FutexWait:
    // It read the word: another value, written before a wake, is the
    // waker's news too.
    if (outcome.effect == Effect::FutexValueChanged) {
      e.acquireKind = SyncEdges::Object;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::FileLock:
  case OpKind::FileTryLock:
    // A process-owned lock (fcntl, lockf) excludes nothing among the
    // process's own threads: it orders nothing between them.
    if (!(op.flags & FileLockByProcess) &&
        (outcome.effect == Effect::Acquired ||
         outcome.effect == Effect::SharedAcquired)) {
      e.acquireKind = SyncEdges::Mutex;
      e.acquireFrom = op.object;
    }
    break;
  case OpKind::FileUnlock:
    if (!(op.flags & FileLockByProcess) && outcome.effect == Effect::Released) {
      e.releaseKind = SyncEdges::Mutex;
      e.releaseTo = op.object;
    }
    break;
  default:
    break;
  }
  return e;
}

namespace {

/// The last access of one thread, of one kind, to some bytes of a granule.
struct ShadowEntry {
  ThreadId thread;
  uint32_t epoch;
  uint32_t index; // into Execution::accesses
  uint8_t mask;   // bytes of the granule
  bool write;
  bool atomic;
};

class RaceDetector {
public:
  RaceDetector(const Execution &e, const ExecutionAnalysis &a) : e_(e), a_(a) {}

  std::vector<Finding> run() {
    const auto &accesses = e_.accesses;
    size_t next = 0;
    for (uint32_t i = 0; i < accesses.size(); ++i) {
      for (; next < accesses[i].afterEvents && next < e_.events.size(); ++next)
        applyEvent(next);
      access(i);
    }
    for (Finding &f : found_)
      if (f.kind == FindingKind::RaceFile)
        f.lostUpdate = fileLostUpdate(f);
    return std::move(found_);
  }

private:
  using Key = std::pair<uint8_t, uint64_t>;

  VectorClock &clockOf(ThreadId t) {
    VectorClock &c = clocks_[t];
    if (c.get(t) == 0)
      c.set(t, 1);
    return c;
  }

  void release(ThreadId t, Key to) {
    VectorClock &c = clockOf(t);
    released_[to].join(c);
    c.set(t, c.get(t) + 1); // later accesses are not covered by this release
  }

  void acquire(ThreadId t, Key from) {
    auto it = released_.find(from);
    if (it != released_.end())
      clockOf(t).join(it->second);
  }

  void applyEvent(size_t i) {
    const Event &event = e_.events[i];
    if (event.op.kind == OpKind::ProcessFork && event.result >= 0)
      forkedAt_[ProcessId(event.op.reserved)] = uint32_t(i);
    SyncEdges s = syncEdges(event, a_.outcomes[i]);
    if (s.acquireKind != SyncEdges::None)
      acquire(event.thread, {s.acquireKind, s.acquireFrom});
    if (s.acquireKind2 != SyncEdges::None)
      acquire(event.thread, {s.acquireKind2, s.acquireFrom2});
    if (s.releaseKind != SyncEdges::None)
      release(event.thread, {s.releaseKind, s.releaseTo});
  }

  /// The writes to one atomic variable, for what later atomic reads of it
  /// take in. Atomics are sequentially consistent: a read acquires from
  /// every earlier write -- except that a blind update does not acquire
  /// from the blind updates it commutes with (objects/atomic.h). The
  /// reduction runs one order of those, and the edge from whichever came
  /// first would hide a race that the other order shows.
  struct AtomicVariable {
    static constexpr int Kinds = 4; // AtomicUpdate::Add .. Xor
    VectorClock writes;             // every write so far
    // Per kind of blind update, what one takes in: the writes before the
    // last access that conflicts with that kind, which every order of the
    // commuting updates keeps before it. While `current` is set, no
    // update of the kind was written since: that is every write.
    VectorClock settled[Kinds];
    bool current[Kinds] = {true, true, true, true};
  };

  static AccessKind atomicAccessKind(const MemoryAccess &m) {
    if (m.flags & AccessBlind)
      return blindAccessKind(atomicUpdateOf(m.flags));
    return m.write() ? AccessKind::Mutate : AccessKind::Observe;
  }

  /// Joins into m's thread what its atomic read takes in (before the
  /// access is checked).
  void atomicAcquire(const MemoryAccess &m, AtomicVariable &v) {
    AccessKind kind = atomicAccessKind(m);
    int blind = isBlindUpdate(kind) ? int(atomicUpdateOf(m.flags)) - 1 : -1;
    if (blind < 0 || v.current[blind])
      clockOf(m.thread).join(v.writes);
    else
      clockOf(m.thread).join(v.settled[blind]);
  }

  /// m's write, and what m settles for the blind updates it conflicts
  /// with (after the access is checked).
  void atomicRelease(const MemoryAccess &m, AtomicVariable &v) {
    AccessKind kind = atomicAccessKind(m);
    int blind = isBlindUpdate(kind) ? int(atomicUpdateOf(m.flags)) - 1 : -1;
    if (m.write()) {
      if (blind >= 0 && v.current[blind]) {
        v.settled[blind] = v.writes;
        v.current[blind] = false;
      }
      VectorClock &c = clockOf(m.thread);
      v.writes.join(c);
      c.set(m.thread, c.get(m.thread) + 1); // later accesses: not released
    }
    for (int k = 0; k < AtomicVariable::Kinds; ++k)
      if (dependent({kind, m.address},
                    {blindAccessKind(AtomicUpdate(k + 1)), m.address}))
        v.current[k] = true;
  }

  void access(uint32_t index) {
    const MemoryAccess &m = e_.accesses[index];
    if (m.flags & AccessAllocation)
      return allocated(m);
    if (m.flags & AccessFree)
      return freed(index);
    if (m.file())
      return fileAccess(index);
    if (!freed_.empty())
      useOfFreed(index);
    AtomicVariable *variable = m.atomic() ? &atomics_[m.address] : nullptr;
    bool atomicRead = m.atomic() && (m.flags & AccessRead || !m.write());
    if (atomicRead)
      atomicAcquire(m, *variable);
    uint32_t epoch = clockOf(m.thread).get(m.thread);
    m.forEachSpan([&](uint64_t begin, uint64_t end) {
      for (uint64_t g = begin & ~7ull; g < end; g += 8) {
        uint8_t mask = 0;
        for (uint64_t b = std::max(g, begin); b < std::min(g + 8, end); ++b)
          mask |= uint8_t(1u << (b - g));
        check(shadowOf(g), g, mask, index, epoch, FindingKind::RaceData);
      }
    });
    if (variable)
      atomicRelease(m, *variable);
  }

  /// The accesses to granule g. A process number is reused once its process
  /// was reaped (objects/ids.h): what the old process did in its private
  /// memory happened in another address space, and is forgotten.
  std::vector<ShadowEntry> &shadowOf(uint64_t g) {
    std::vector<ShadowEntry> &entries = shadow_[g >> 3];
    ProcessId p = objectProcess(g);
    auto forked = p ? forkedAt_.find(p) : forkedAt_.end();
    if (forked != forkedAt_.end())
      entries.erase(
          std::remove_if(entries.begin(), entries.end(),
                         [&](const ShadowEntry &entry) {
                           return e_.accesses[entry.index].afterEvents <=
                                  forked->second;
                         }),
          entries.end());
    return entries;
  }

  /// The granules of [begin, end) that have shadow entries, in address
  /// order: each one in the range, or (for a block larger than what is
  /// tracked) every tracked one that lies in it, sorted (the hash map's
  /// order depends on where the block is, and the first races of a free
  /// are the ones its finding names).
  template <typename F> void forEachTracked(uint64_t begin, uint64_t end, F f) {
    if ((end - begin) / 8 <= shadow_.size()) {
      for (uint64_t g = begin & ~7ull; g < end; g += 8)
        if (auto it = shadow_.find(g >> 3); it != shadow_.end())
          f(it);
      return;
    }
    std::vector<uint64_t> inBlock;
    for (const auto &[granule, entries] : shadow_)
      if ((granule << 3) + 8 > begin && (granule << 3) < end)
        inBlock.push_back(granule);
    std::sort(inBlock.begin(), inBlock.end());
    for (uint64_t granule : inBlock)
      f(shadow_.find(granule));
  }

  /// free or delete: a write to the whole block, unordered with which any
  /// access is a race; then the block is gone, and any later access to it
  /// is a use after free.
  void freed(uint32_t index) {
    const MemoryAccess &m = e_.accesses[index];
    uint64_t begin = m.address,
             end = m.address + std::max<uint32_t>(m.reserved, 1);
    const VectorClock &mine = clockOf(m.thread);
    std::vector<uint64_t> gone;
    forEachTracked(begin, end, [&](auto it) {
      for (const ShadowEntry &p : it->second)
        if (p.thread != m.thread && mine.get(p.thread) < p.epoch)
          report(p.index, index, FindingKind::RaceData);
      gone.push_back(it->first);
    });
    for (uint64_t g : gone)
      shadow_.erase(g);
    // A block freed twice is still the first free's.
    if (!findFreed(begin))
      freed_[begin] = {end, m.thread, mine.get(m.thread), index};
  }

  /// malloc and friends: whatever was freed there before is new memory.
  void allocated(const MemoryAccess &m) {
    uint64_t begin = m.address, end = m.address + m.reserved;
    auto it = freed_.lower_bound(begin);
    if (it != freed_.begin() && std::prev(it)->second.end > begin)
      --it;
    while (it != freed_.end() && it->first < end)
      it = freed_.erase(it);
    std::vector<uint64_t> gone;
    forEachTracked(begin, end, [&](auto g) { gone.push_back(g->first); });
    for (uint64_t g : gone)
      shadow_.erase(g);
  }

  struct FreedBlock {
    uint64_t end;
    ThreadId thread;
    uint32_t epoch;
    uint32_t index; // of the free in Execution::accesses
  };

  const FreedBlock *findFreed(uint64_t address) const {
    auto it = freed_.upper_bound(address);
    if (it == freed_.begin())
      return nullptr;
    --it;
    return address < it->second.end ? &it->second : nullptr;
  }

  /// An access to a freed block: a race with the free when nothing orders
  /// them, a use after free when the free happens before it.
  void useOfFreed(uint32_t index) {
    const MemoryAccess &m = e_.accesses[index];
    const FreedBlock *block = nullptr;
    m.forEachSpan([&](uint64_t begin, uint64_t end) {
      if (block)
        return;
      block = findFreed(begin);
      if (!block) { // a range may start before the block
        auto next = freed_.upper_bound(begin);
        if (next != freed_.end() && next->first < end)
          block = &next->second;
      }
    });
    if (!block)
      return;
    bool ordered = block->thread == m.thread ||
                   clockOf(m.thread).get(block->thread) >= block->epoch;
    report(block->index, index,
           ordered ? FindingKind::MemoryUseAfterFree : FindingKind::RaceData);
  }

  /// A file is one location: every operation touches all of it. A write
  /// with O_APPEND is "atomic": appends never lose each other's data.
  void fileAccess(uint32_t index) {
    const MemoryAccess &m = e_.accesses[index];
    uint32_t epoch = clockOf(m.thread).get(m.thread);
    check(fileShadow_[m.address], m.address, 1, index, epoch,
          FindingKind::RaceFile);
    fileClocks_[index] = {clockOf(m.thread), epoch};
  }

  /// Whether file access `w` happens before access `r`.
  bool fileHappensBefore(uint32_t w, uint32_t r) const {
    if (w >= r)
      return false;
    const FileClock &before = fileClocks_.at(w), &after = fileClocks_.at(r);
    return after.clock.get(e_.accesses[w].thread) >= before.epoch;
  }

  /// For race.file: whether the two threads each read the file and then
  /// wrote it, and nothing orders one's write before the other's read. Then
  /// the same steps allow both reads before both writes (file operations
  /// are not scheduling points, so the controlled run need not show that
  /// order itself): one update is lost.
  bool fileLostUpdate(const Finding &f) const {
    if (f.accesses.size() != 2)
      return false;
    ThreadId threads[2] = {e_.accesses[f.accesses[0]].thread,
                           e_.accesses[f.accesses[1]].thread};
    uint32_t read[2] = {UINT32_MAX, UINT32_MAX},
             write[2] = {UINT32_MAX, UINT32_MAX};
    for (const auto &[index, clock] : fileClocks_) {
      const MemoryAccess &m = e_.accesses[index];
      if (m.address != f.object)
        continue;
      int side = m.thread == threads[0] ? 0 : m.thread == threads[1] ? 1 : -1;
      if (side < 0)
        continue;
      if (!m.write() && read[side] == UINT32_MAX)
        read[side] = index;
      else if (m.write() && !m.atomic() && read[side] != UINT32_MAX &&
               write[side] == UINT32_MAX)
        write[side] = index;
    }
    if (write[0] == UINT32_MAX || write[1] == UINT32_MAX)
      return false;
    return !fileHappensBefore(write[0], read[1]) &&
           !fileHappensBefore(write[1], read[0]);
  }

  /// The accesses in `entries`, of granule `granule` (a file's key for
  /// files), against access `index` to the bytes of `mask` there.
  void check(std::vector<ShadowEntry> &entries, uint64_t granule, uint8_t mask,
             uint32_t index, uint32_t epoch, FindingKind kind) {
    const MemoryAccess &m = e_.accesses[index];
    const VectorClock &mine = clocks_[m.thread];
    for (const ShadowEntry &p : entries)
      if (p.thread != m.thread && (p.mask & mask) && (p.write || m.write()) &&
          !(p.atomic && m.atomic()) && mine.get(p.thread) < p.epoch)
        report(p.index, index, kind,
               kind == FindingKind::RaceData
                   ? granule + __builtin_ctz(p.mask & mask)
                   : granule);
    // This access stands for the entries of its kind and bytes that happen
    // before it: the thread's own earlier one, and another thread's made
    // by the same code (the same recorded frames). A later access that
    // races with one of those races with this one too (it comes after
    // this one in the execution, and not after it in happens-before, or
    // it would come after them), and the finding is the same: races are
    // keyed by code, not by thread. 1,000 threads each doing `counter++`
    // under one lock kept 2,000 entries, and every access scanned them all
    // (testcases/realsize/thousand_threads.c).
    // It takes the place of the first of them (the order of the entries is
    // the order races are reported in).
    const ShadowEntry mineNow{m.thread, epoch,     index,
                              mask,     m.write(), m.atomic()};
    size_t kept = 0;
    bool placed = false;
    for (const ShadowEntry &p : entries) {
      bool covered =
          p.write == m.write() && p.atomic == m.atomic() && p.mask == mask &&
          (p.thread == m.thread ||
           (mine.get(p.thread) >= p.epoch && sameCode(p.index, index)));
      if (!covered)
        entries[kept++] = p;
      else if (!placed)
        entries[kept++] = mineNow, placed = true;
    }
    entries.resize(kept);
    if (!placed)
      entries.push_back(mineNow);
  }

  bool sameCode(uint32_t a, uint32_t b) const {
    const MemoryAccess &x = e_.accesses[a], &y = e_.accesses[b];
    return std::equal(std::begin(x.frames), std::end(x.frames),
                      std::begin(y.frames));
  }

  static Stack stackOf(const MemoryAccess &m) {
    Stack s;
    for (int i = 0; i < AccessFrames; ++i)
      s.frames[i] = m.frames[i];
    s.framePointers[0] = m.framePointer;
    return s;
  }

  /// The write of the update `index` reads for, if it is one: `x++` is a
  /// read and then a write of x by the same statement, with nothing of
  /// the thread's in between (tangle compiles with ThreadSanitizer's
  /// -tsan-instrument-read-before-write, so the read is logged). A race of
  /// that read is the race of the update: reported as the write's, it is
  /// one finding with the write's races, as it was before the read was
  /// logged.
  uint32_t updateWrite(uint32_t index) const {
    const MemoryAccess &r = e_.accesses[index];
    if (r.write() || r.atomic() || r.file() ||
        r.flags & (AccessFileName | AccessAllocation))
      return index;
    auto writeOfStatement = [&](const MemoryAccess &m) {
      return m.address == r.address && m.size == r.size &&
             m.reserved == r.reserved && m.strided() == r.strided() &&
             m.write() && !m.atomic() && m.frames[0] > r.frames[0] &&
             m.frames[0] - r.frames[0] < 64;
    };
    for (uint32_t i = index + 1; i < e_.accesses.size() && i <= index + 8;
         ++i) {
      const MemoryAccess &m = e_.accesses[i];
      if (m.thread != r.thread || m.afterEvents != r.afterEvents ||
          m.frames[1] != r.frames[1])
        break;
      if (m.address != r.address || m.size != r.size)
        continue;
      if (writeOfStatement(m))
        return i;
      break;
    }
    // The write is not right after the read when the runtime logged it
    // once already in this stretch (a loop of `counter++`: the runtime logs
    // each repeat of an access only once per stretch, and a read that its
    // small table forgot is logged again without its write), or when the
    // log filled up after the read. The same statement's earlier write,
    // with nothing of the thread's that orders in between, races with
    // whatever the read races with: it stands for the one not logged, and
    // the update stays one finding.
    for (uint32_t j = index; j-- > 0 && index - j <= 256;) {
      const MemoryAccess &m = e_.accesses[j];
      if (m.thread != r.thread)
        continue;
      if (m.afterEvents != r.afterEvents)
        break;
      if (m.frames[1] == r.frames[1] && writeOfStatement(m))
        return j;
    }
    return index;
  }

  /// `at`: the first byte both touch (for a range, the racing object is
  /// the one there, not the range's first).
  void report(uint32_t first, uint32_t second, FindingKind kind,
              uint64_t at = 0) {
    if (kind == FindingKind::RaceData) {
      first = updateWrite(first);
      second = updateWrite(second);
    }
    const MemoryAccess &a = e_.accesses[first];
    const MemoryAccess &b = e_.accesses[second];
    // A read-modify-write of a file conflicts at every operation: one
    // finding per file and pair of threads in an execution (the first
    // conflict), not one per pair of operations.
    if (kind == FindingKind::RaceFile &&
        !filePairs_
             .insert({b.address, std::min(a.thread, b.thread),
                      std::max(a.thread, b.thread)})
             .second)
      return;
    // A free races with every access of another thread to the block it
    // frees that nothing orders with it: a pool's destroy against a
    // worker's fields is one bug with one fix (order the free after the
    // uses), so one finding per free site, the other fields listed in it.
    const MemoryAccess *freed = a.flags & AccessFree   ? &a
                                : b.flags & AccessFree ? &b
                                                       : nullptr;
    bool byFree = freed && (kind == FindingKind::RaceData ||
                            kind == FindingKind::MemoryUseAfterFree);
    std::string key =
        byFree ? findingKey(kind, {freed->frames[0]}, false) + ":free"
               : findingKey(kind, {a.frames[0], b.frames[0]}, true);
    if (!keys_.insert(key).second) {
      if (byFree)
        alsoTouched(key, freed == &a ? second : first);
      return;
    }
    Finding f;
    f.kind = kind;
    f.locations = {stackOf(b), stackOf(a)}; // the later access is primary
    // A plain access is named by its own address (a neighbour's byte in
    // its granule is another object); a range or a strided run (memcpy, a
    // loop: runtime/tsan_interface.cpp) by the racing byte.
    auto range = [](const MemoryAccess &m) {
      return m.size > 8 || m.strided();
    };
    // A free is a write to its whole block: the object is the place the
    // other access touched there (a field), not the block's first field.
    f.object = at && kind == FindingKind::RaceData && (range(a) || range(b)) &&
                       b.touches(at, at + 1)
                   ? at
               : b.flags & AccessFree ? std::max(a.address, b.address)
                                      : b.address;
    f.step = b.afterEvents;
    f.accesses = {second, first};
    for (const MemoryAccess *m : {&b, &a}) {
      Involvement inv;
      inv.thread = m->thread;
      inv.at = m->afterEvents;
      inv.holds = locksHeldBefore(e_, a_, m->thread, m->afterEvents);
      f.threads.push_back(std::move(inv));
    }
    f.key = std::move(key);
    f.lostUpdate = showsLostUpdate(a, b);
    f.accessGap =
        b.afterEvents > a.afterEvents ? b.afterEvents - a.afterEvents - 1 : 0;
    found_.push_back(std::move(f));
  }

  /// One more access, at a site not listed yet, that races with (or
  /// comes after) the free of finding `key`: appended to its accesses and
  /// locations, up to a few (the explanation names each one's field).
  void alsoTouched(const std::string &key, uint32_t index) {
    constexpr size_t MaxAccesses = 6;
    auto f = std::find_if(found_.begin(), found_.end(),
                          [&](const Finding &g) { return g.key == key; });
    if (f == found_.end() || f->accesses.size() >= MaxAccesses)
      return;
    const MemoryAccess &m = e_.accesses[index];
    for (uint32_t other : f->accesses)
      if (e_.accesses[other].frames[0] == m.frames[0])
        return;
    f->accesses.push_back(index);
    f->locations.push_back(stackOf(m));
  }

  /// Whether the two threads of a race each read the location and then
  /// wrote it, with both reads before both writes: the second write-back
  /// overwrites the first thread's update.
  bool showsLostUpdate(const MemoryAccess &a, const MemoryAccess &b) const {
    // The racing bytes, not their 8-byte granule: a neighbour read in the
    // same granule (another field) is not a read of this location.
    auto bytes = [](const MemoryAccess &m) -> uint64_t {
      return m.flags & AccessFree ? m.reserved
                                  : std::max<uint64_t>(m.size, 1);
    };
    // A strided run touches only its elements (MemoryAccess::touches); two
    // of them are compared element by element.
    auto overlaps = [&](const MemoryAccess &m, const MemoryAccess &r) {
      if (!m.strided() && !r.strided())
        return m.address < r.address + bytes(r) &&
               r.address < m.address + bytes(m);
      if (!r.strided())
        return m.touches(r.address, r.address + bytes(r));
      if (!m.strided())
        return r.touches(m.address, m.address + bytes(m));
      bool any = false;
      r.forEachSpan([&](uint64_t begin, uint64_t end) {
        any = any || m.touches(begin, end);
      });
      return any;
    };
    auto same = [&](const MemoryAccess &m) {
      if (m.file() || a.file())
        return false;
      return (overlaps(m, a) || overlaps(m, b)) && !m.atomic();
    };
    // Per thread, its updates: each write with the last read before it
    // (the value the write most likely came from; a read the thread made
    // earlier, e.g. a loop's unlocked test, is superseded by a later one).
    // An update is lost when one of each thread overlap: both reads before
    // both writes. In log order: when a thread's update ends, it overlaps
    // an earlier-ended update of the other thread exactly when its read
    // came before that update's write (the latest one is enough).
    size_t lastRead[2] = {SIZE_MAX, SIZE_MAX};
    size_t lastUpdateWrite[2] = {SIZE_MAX, SIZE_MAX};
    for (size_t i = 0; i < e_.accesses.size(); ++i) {
      const MemoryAccess &m = e_.accesses[i];
      int side = m.thread == a.thread ? 0 : m.thread == b.thread ? 1 : -1;
      if (side < 0 || !same(m) || m.flags & (AccessFileName | AccessAllocation))
        continue;
      if (!m.write()) {
        lastRead[side] = i;
        continue;
      }
      if (lastRead[side] == SIZE_MAX)
        continue; // a write that read nothing of the thread's
      size_t other = lastUpdateWrite[1 - side];
      if (other != SIZE_MAX && lastRead[side] < other)
        return true;
      lastUpdateWrite[side] = i;
      lastRead[side] = SIZE_MAX; // a second write reads nothing new
    }
    return false;
  }

  const Execution &e_;
  const ExecutionAnalysis &a_;
  std::unordered_map<ThreadId, VectorClock> clocks_;
  std::map<Key, VectorClock> released_;
  std::unordered_map<uint64_t, AtomicVariable> atomics_;
  std::unordered_map<uint64_t, std::vector<ShadowEntry>> shadow_;
  std::unordered_map<ProcessId, uint32_t> forkedAt_; // last fork's event
  std::unordered_map<uint64_t, std::vector<ShadowEntry>> fileShadow_;
  /// Each file access's thread clock and epoch, by index, in order: for
  /// the lost-update check (few accesses: files only).
  struct FileClock {
    VectorClock clock;
    uint32_t epoch = 0;
  };
  std::map<uint32_t, FileClock> fileClocks_;
  std::map<uint64_t, FreedBlock> freed_; // by first byte
  std::set<std::string> keys_;
  std::set<std::tuple<uint64_t, ThreadId, ThreadId>> filePairs_;
  std::vector<Finding> found_;
};

} // namespace

std::vector<Finding> detectRaces(const Execution &execution,
                                 const ExecutionAnalysis &analysis) {
  // File accesses are logged by the interceptors even when the program was
  // not compiled with the memory hooks (accessesLogged is false then).
  if (execution.accesses.empty())
    return {};
  return RaceDetector(execution, analysis).run();
}

} // namespace tangle
