// The vector-clock race detector on hand-made executions: events with the
// effects the Machine would report, and memory accesses placed between them.
#include "model/detect/races.h"

#include <gtest/gtest.h>

namespace tangle {
namespace {

constexpr uint64_t X = 0x1000, M = 0x2000;

class Builder {
public:
  Builder() { e_.accessesLogged = true; }

  Builder &event(ThreadId t, OpKind kind, uint64_t object, Effect effect,
                 int32_t result = 0) {
    Event ev;
    ev.thread = t;
    ev.op.kind = kind;
    ev.op.object = object;
    ev.result = result;
    e_.events.push_back(ev);
    Outcome o;
    o.effect = effect;
    o.result = result;
    a_.outcomes.push_back(o);
    return *this;
  }
  // Thread 0 creates thread t, which starts at once.
  Builder &spawn(ThreadId t) {
    event(0, OpKind::ThreadCreate, 0, Effect::Created, int32_t(t));
    return event(t, OpKind::ThreadStart, 0, Effect::None);
  }
  Builder &exitAndJoin(ThreadId t) {
    event(t, OpKind::ThreadExit, 0, Effect::None);
    return event(0, OpKind::ThreadJoin, t, Effect::Joined);
  }
  Builder &lock(ThreadId t) {
    return event(t, OpKind::MutexLock, M, Effect::Acquired);
  }
  Builder &unlock(ThreadId t) {
    return event(t, OpKind::MutexUnlock, M, Effect::Released);
  }
  Builder &access(ThreadId t, uint64_t addr, uint16_t size, uint16_t flags,
                  uint64_t pc) {
    MemoryAccess m;
    m.thread = t;
    m.address = addr;
    m.size = size;
    m.flags = flags;
    m.frames[0] = pc;
    m.afterEvents = uint32_t(e_.events.size());
    e_.accesses.push_back(m);
    return *this;
  }
  // A strided run (runtime/tsan_interface.cpp): `count` accesses of `size`
  // bytes, `stride` apart.
  Builder &strided(ThreadId t, uint64_t addr, uint16_t size, uint32_t count,
                   uint32_t stride, uint16_t flags, uint64_t pc) {
    access(t, addr, size, flags | AccessStrided, pc);
    e_.accesses.back().reserved = stridedReserved(count, stride);
    return *this;
  }
  // free() of the `size`-byte block at addr: a write to all of it.
  Builder &freeBlock(ThreadId t, uint64_t addr, uint32_t size, uint64_t pc) {
    access(t, addr, 0, AccessWrite | AccessFree, pc);
    e_.accesses.back().reserved = size;
    return *this;
  }
  std::vector<Finding> races() { return detectRaces(e_, a_); }

private:
  Execution e_;
  ExecutionAnalysis a_;
};

TEST(Races, UnorderedWritesRaceOncePerPairOfSites) {
  Builder b;
  b.spawn(1).spawn(2);
  for (int i = 0; i < 3; ++i)
    b.access(1, X, 4, AccessWrite, 0x10).access(2, X, 4, AccessWrite, 0x20);
  auto races = b.races();
  ASSERT_EQ(races.size(), 1u);
  const Finding &f = races[0];
  EXPECT_EQ(f.kind, FindingKind::RaceData);
  EXPECT_EQ(f.object, X);
  EXPECT_EQ(f.key, "race.data:10:20");
  ASSERT_EQ(f.threads.size(), 2u);
  EXPECT_EQ(f.threads[0].thread, 2u); // the later access comes first
  EXPECT_EQ(f.threads[1].thread, 1u);
  EXPECT_EQ(f.locations[0].frames[0], 0x20u);
}

// 50 threads each write X by the same code under one lock, then thread 51
// writes it with no lock. Each locked write stands for the ones before it
// (they happen before it, by the same code): the detector keeps one entry,
// not 50, and the race is reported with the last locked writer, the one
// right before the unlocked write.
TEST(Races, LockedWritesBySameCodeKeepTheLastAndStillRace) {
  Builder b;
  for (ThreadId t = 1; t <= 51; ++t)
    b.spawn(t);
  for (ThreadId t = 1; t <= 50; ++t)
    b.lock(t).access(t, X, 4, AccessWrite, 0x10).unlock(t);
  b.access(51, X, 4, AccessWrite, 0x30);
  auto races = b.races();
  ASSERT_EQ(races.size(), 1u);
  EXPECT_EQ(races[0].key, "race.data:10:30");
  ASSERT_EQ(races[0].threads.size(), 2u);
  EXPECT_EQ(races[0].threads[0].thread, 51u);
  EXPECT_EQ(races[0].threads[1].thread, 50u);
}

// Locked writes by different code do not stand for each other: the
// unlocked write races with each, two findings.
TEST(Races, LockedWritesByOtherCodeStayApart) {
  Builder b;
  b.spawn(1).spawn(2).spawn(3);
  b.lock(1).access(1, X, 4, AccessWrite, 0x10).unlock(1);
  b.lock(2).access(2, X, 4, AccessWrite, 0x20).unlock(2);
  b.access(3, X, 4, AccessWrite, 0x30);
  auto races = b.races();
  ASSERT_EQ(races.size(), 2u);
  EXPECT_EQ(races[0].key, "race.data:10:30");
  EXPECT_EQ(races[1].key, "race.data:20:30");
}

TEST(Races, StridedRunTouchesItsElementsOnly) {
  MemoryAccess column; // 8 bytes at X, X + 1600, ..., X + 1600 * 199
  column.address = X;
  column.size = 8;
  column.flags = AccessStrided;
  column.reserved = stridedReserved(200, 1600);
  EXPECT_TRUE(column.touches(X, X + 1));
  EXPECT_TRUE(column.touches(X + 7, X + 8));
  EXPECT_FALSE(column.touches(X + 8, X + 1600));
  EXPECT_TRUE(column.touches(X + 1599, X + 1601));
  EXPECT_TRUE(column.touches(X + 1600 * 199 + 4, X + 1600 * 199 + 5));
  EXPECT_FALSE(column.touches(X + 1600 * 200, X + 1600 * 201));
  EXPECT_FALSE(column.touches(0, X));
  EXPECT_TRUE(column.touches(0, X + 1600 * 300));
  size_t spans = 0;
  column.forEachSpan([&](uint64_t begin, uint64_t end) {
    EXPECT_EQ(begin, X + 1600 * spans);
    EXPECT_EQ(end, begin + 8);
    ++spans;
  });
  EXPECT_EQ(spans, 200u);
}

TEST(Races, StridedRunRacesOnItsElementsAndNamesTheRacingOne) {
  // Thread 1 walks down a column (every 1600th byte); thread 2 writes one
  // element in it and one between two of its elements.
  std::vector<Finding> found =
      Builder()
          .spawn(1)
          .spawn(2)
          .strided(1, X, 8, 200, 1600, 0, 0x10)
          .access(2, X + 800, 8, AccessWrite, 0x20)
          .access(2, X + 1600 * 7, 8, AccessWrite, 0x30)
          .races();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, X + 1600 * 7);
  EXPECT_EQ(found[0].locations[0].frames[0], 0x30u);
  EXPECT_EQ(found[0].locations[1].frames[0], 0x10u);
  // The other order: the run is the later access, named by the racing byte
  // rather than the run's first.
  found = Builder()
              .spawn(1)
              .spawn(2)
              .access(2, X + 1600 * 7, 8, AccessWrite, 0x30)
              .strided(1, X, 8, 200, 1600, 0, 0x10)
              .races();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, X + 1600 * 7);
}

TEST(Races, AFreeRacesOnTheFieldTheOtherThreadTouched) {
  // Thread 1 writes the second field of a 16-byte block; thread 2 frees the
  // block later (C-Thread-Pool's pool freed while a worker updates its
  // count). The free writes the whole block, but the race is on the field.
  std::vector<Finding> found = Builder()
                                   .spawn(1)
                                   .spawn(2)
                                   .access(1, X + 8, 4, AccessWrite, 0x10)
                                   .freeBlock(2, X, 16, 0x20)
                                   .races();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].locations[0].frames[0], 0x20u); // the free, later
  EXPECT_EQ(found[0].object, X + 8);
  // The free first: the write to the freed block names its own place.
  found = Builder()
              .spawn(1)
              .spawn(2)
              .freeBlock(2, X, 16, 0x20)
              .access(1, X + 8, 4, AccessWrite, 0x10)
              .races();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, X + 8);
}

TEST(Races, AFreeIsOneFindingThatListsTheOtherFields) {
  // Thread 1 writes three fields of a block, one of them twice; thread 2
  // frees it: one finding for the free, the first field's access primary,
  // the other two sites listed after it, the repeated site once.
  std::vector<Finding> found = Builder()
                                   .spawn(1)
                                   .spawn(2)
                                   .access(1, X, 4, AccessWrite, 0x10)
                                   .access(1, X + 8, 4, AccessWrite, 0x11)
                                   .access(1, X + 12, 4, 0, 0x12)
                                   .access(1, X + 8, 4, AccessWrite, 0x11)
                                   .freeBlock(2, X, 16, 0x20)
                                   .races();
  ASSERT_EQ(found.size(), 1u);
  const Finding &f = found[0];
  EXPECT_EQ(f.kind, FindingKind::RaceData);
  ASSERT_EQ(f.locations.size(), 4u);
  EXPECT_EQ(f.locations[0].frames[0], 0x20u); // the free
  EXPECT_EQ(f.locations[1].frames[0], 0x10u);
  EXPECT_EQ(f.locations[2].frames[0], 0x11u);
  EXPECT_EQ(f.locations[3].frames[0], 0x12u);
  EXPECT_EQ(f.accesses.size(), 4u);
  // A race between two plain accesses stays one finding per pair of sites.
  found = Builder()
              .spawn(1)
              .spawn(2)
              .access(1, X, 4, AccessWrite, 0x10)
              .access(1, X + 8, 4, AccessWrite, 0x11)
              .access(2, X, 4, AccessWrite, 0x20)
              .access(2, X + 8, 4, AccessWrite, 0x21)
              .races();
  EXPECT_EQ(found.size(), 2u);
}

TEST(Races, AFreeOfALargeBlockListsItsFieldsInAddressOrderWhereverItIs) {
  // A block larger than the locations tracked is checked by walking them
  // (not the block's granules): the fields come in the order of their
  // offsets, the lowest primary, wherever the block is. (The walk went in
  // the order of a hash map by address: which field was primary, and which
  // of the 8 were among the 6 listed, changed with the block's place
  // relative to the other locations tracked.)
  auto sitesAt = [](uint64_t base) {
    Builder b;
    b.spawn(1).spawn(2);
    for (uint64_t global = 0x404000; global < 0x404000 + 8 * 40; global += 8)
      b.access(1, global, 8, AccessWrite, 0x90); // elsewhere, left in place
    for (uint64_t field : {40, 8, 3000, 512, 16, 1024, 200, 4000})
      b.access(1, base + field, 4, AccessWrite, 0x100 + field);
    std::vector<Finding> found = b.freeBlock(2, base, 4096, 0x20).races();
    std::vector<uint64_t> sites;
    for (const Finding &f : found)
      for (const Stack &l : f.locations)
        sites.push_back(l.frames[0]);
    return sites;
  };
  // The free, the lowest field, then the next ones up to the 6 listed.
  const std::vector<uint64_t> expected = {0x20,       0x100 + 8,   0x100 + 16,
                                          0x100 + 40, 0x100 + 200, 0x100 + 512};
  for (uint64_t base : {0x10000ull, 0x5555555a2000ull, 0x7ffff7d91010ull,
                        0x7fffffffd3c0ull, 0x13ull * 29 * 59 * 4096})
    EXPECT_EQ(sitesAt(base), expected) << std::hex << base;
}

TEST(Races, MutexOrdersAccessesAndHoldsAreReported) {
  Builder b;
  b.spawn(1).spawn(2);
  b.lock(1).access(1, X, 4, AccessWrite, 0x10).unlock(1);
  b.lock(2).access(2, X, 4, AccessWrite, 0x20).unlock(2);
  EXPECT_TRUE(b.races().empty());

  // Thread 2 reads outside the lock: races with thread 1's locked write,
  // and thread 1 is reported holding M.
  Builder c;
  c.spawn(1).spawn(2);
  c.lock(1).access(1, X, 4, AccessWrite, 0x10).unlock(1);
  c.access(2, X, 4, 0, 0x20);
  auto races = c.races();
  ASSERT_EQ(races.size(), 1u);
  ASSERT_EQ(races[0].threads[1].holds.size(), 1u);
  EXPECT_EQ(races[0].threads[1].holds[0].mutex, M);
  EXPECT_TRUE(races[0].threads[0].holds.empty());
}

TEST(Races, AccessAfterTheUnlockIsNotCoveredByIt) {
  Builder b;
  b.spawn(1).spawn(2);
  b.lock(1).unlock(1).access(1, X, 4, AccessWrite, 0x10);
  b.lock(2).access(2, X, 4, AccessWrite, 0x20).unlock(2);
  EXPECT_EQ(b.races().size(), 1u);
}

TEST(Races, ReadersOfAnRwlockAreNotOrderedByIt) {
  constexpr uint64_t RW = 0x3000;
  auto rdlock = [](Builder &b, ThreadId t) {
    b.event(t, OpKind::RwRdLock, RW, Effect::SharedAcquired);
  };
  auto rdunlock = [](Builder &b, ThreadId t) {
    b.event(t, OpKind::RwUnlock, RW, Effect::SharedReleased);
  };
  // Two readers that both write under the read lock: one reader's unlock
  // does not reach the other's lock, so the writes race.
  Builder readers;
  readers.spawn(1).spawn(2);
  rdlock(readers, 1);
  readers.access(1, X, 4, AccessWrite, 0x10);
  rdunlock(readers, 1);
  rdlock(readers, 2);
  readers.access(2, X, 4, AccessWrite, 0x20);
  rdunlock(readers, 2);
  EXPECT_EQ(readers.races().size(), 1u);

  // A writer's unlock reaches the next reader, and a reader's unlock the
  // next writer: a write under the write lock and reads under read locks
  // do not race.
  Builder ordered;
  ordered.spawn(1).spawn(2).spawn(3);
  ordered.event(1, OpKind::RwWrLock, RW, Effect::Acquired);
  ordered.access(1, X, 4, AccessWrite, 0x10);
  ordered.event(1, OpKind::RwUnlock, RW, Effect::Released);
  rdlock(ordered, 2);
  ordered.access(2, X, 4, 0, 0x20);
  rdunlock(ordered, 2);
  ordered.event(3, OpKind::RwWrLock, RW, Effect::Acquired);
  ordered.access(3, X, 4, AccessWrite, 0x30);
  ordered.event(3, OpKind::RwUnlock, RW, Effect::Released);
  EXPECT_TRUE(ordered.races().empty());
}

TEST(Races, CreateAndJoinOrder) {
  Builder b;
  b.access(0, X, 8, AccessWrite, 0x1).spawn(1);
  b.access(1, X, 8, AccessWrite, 0x2).exitAndJoin(1);
  b.access(0, X, 8, 0, 0x3);
  EXPECT_TRUE(b.races().empty());
}

TEST(Races, ReadsDoNotRaceAndDisjointBytesDoNotRace) {
  Builder b;
  b.spawn(1).spawn(2);
  b.access(1, X, 4, 0, 0x10).access(2, X, 4, 0, 0x20);
  b.access(1, X + 8, 2, AccessWrite, 0x11);
  b.access(2, X + 10, 2, AccessWrite, 0x21);
  EXPECT_TRUE(b.races().empty());
  // Overlap across a granule boundary: an 8-byte write at X+4 meets X+8.
  Builder c;
  c.spawn(1).spawn(2);
  c.access(1, X + 4, 8, AccessWrite, 0x10).access(2, X + 8, 1, 0, 0x20);
  EXPECT_EQ(c.races().size(), 1u);
}

TEST(Races, AtomicsDoNotRaceAndPublishPlainData) {
  constexpr uint64_t Flag = 0x3000;
  constexpr uint16_t Store = AccessAtomic | AccessWrite | AccessRelease;
  constexpr uint16_t Load = AccessAtomic | AccessRead | AccessAcquire;
  Builder b;
  b.spawn(1).spawn(2);
  b.access(1, X, 4, AccessWrite, 0x10).access(1, Flag, 4, Store, 0x11);
  b.access(2, Flag, 4, Load, 0x20).access(2, X, 4, 0, 0x21);
  b.access(2, Flag, 4, Store, 0x22);
  EXPECT_TRUE(b.races().empty());

  // A plain read of the atomic is still a race with an atomic write.
  Builder c;
  c.spawn(1).spawn(2);
  c.access(1, Flag, 4, Store, 0x10).access(2, Flag, 4, 0, 0x20);
  EXPECT_EQ(c.races().size(), 1u);
}

// Blind updates (model/objects/atomic.h) of one kind commute: the reduction
// runs one order of them, so the order it ran must not decide a race.
constexpr uint64_t Counter = 0x4000;
constexpr uint16_t Rmw = AccessAtomic | AccessRead | AccessWrite;
constexpr uint16_t CounterLoad = AccessAtomic | AccessRead;
uint16_t blind(AtomicUpdate update) {
  return Rmw | AccessBlind | atomicUpdateFlags(update);
}

TEST(Races, BlindUpdatesOfOneKindOrderNothing) {
  // Thread 1 writes x, then counts; thread 2 counts, then reads x. Had
  // thread 2 counted first, x would not be published: a race, whichever
  // order ran.
  Builder b;
  b.spawn(1).spawn(2);
  b.access(1, X, 4, AccessWrite, 0x10)
      .access(1, Counter, 4, blind(AtomicUpdate::Add), 0x11);
  b.access(2, Counter, 4, blind(AtomicUpdate::Add), 0x20)
      .access(2, X, 4, 0, 0x21);
  EXPECT_EQ(b.races().size(), 1u);

  // The same with thread 2's result used: the order is explored, and in
  // this one thread 2's update reads thread 1's.
  Builder used;
  used.spawn(1).spawn(2);
  used.access(1, X, 4, AccessWrite, 0x10)
      .access(1, Counter, 4, blind(AtomicUpdate::Add), 0x11);
  used.access(2, Counter, 4, Rmw, 0x20).access(2, X, 4, 0, 0x21);
  EXPECT_TRUE(used.races().empty());

  // Updates of two kinds do not commute: ordered as they ran.
  Builder kinds;
  kinds.spawn(1).spawn(2);
  kinds.access(1, X, 4, AccessWrite, 0x10)
      .access(1, Counter, 4, blind(AtomicUpdate::Add), 0x11);
  kinds.access(2, Counter, 4, blind(AtomicUpdate::Or), 0x20)
      .access(2, X, 4, 0, 0x21);
  EXPECT_TRUE(kinds.races().empty());
}

TEST(Races, AConflictingAccessSettlesTheBlindUpdatesBeforeIt) {
  // Thread 1's load of the counter comes after its update and before
  // thread 2's: every order of this execution's dependent steps keeps the
  // updates in this order, and thread 2's update reads thread 1's.
  Builder b;
  b.spawn(1).spawn(2);
  b.access(1, X, 4, AccessWrite, 0x10)
      .access(1, Counter, 4, blind(AtomicUpdate::Add), 0x11)
      .access(1, Counter, 4, CounterLoad, 0x12);
  b.access(2, Counter, 4, blind(AtomicUpdate::Add), 0x20)
      .access(2, X, 4, 0, 0x21);
  EXPECT_TRUE(b.races().empty());

  // Blind updates after the load are not settled by it.
  Builder later;
  later.spawn(1).spawn(2).spawn(3);
  later.access(3, Counter, 4, CounterLoad, 0x30);
  later.access(1, X, 4, AccessWrite, 0x10)
      .access(1, Counter, 4, blind(AtomicUpdate::Add), 0x11);
  later.access(2, Counter, 4, blind(AtomicUpdate::Add), 0x20)
      .access(2, X, 4, 0, 0x21);
  EXPECT_EQ(later.races().size(), 1u);
}

TEST(Races, NotCheckedWithoutTheLog) {
  Execution e; // accessesLogged is false: a plain binary
  ExecutionAnalysis a;
  EXPECT_TRUE(detectRaces(e, a).empty());
}

} // namespace
} // namespace tangle
