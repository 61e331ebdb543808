// File locks in the model (flock, fcntl/lockf record locks, OFD locks) and
// file races in the race detector: semantics on small scripts, DPOR against
// naive exploration on generated programs, and happens-before from locks.
#include "model/detect/races.h"
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace tangle;
using namespace tangle::scripts;

namespace {

const uint64_t FileA = fileKey(1, 100), FileB = fileKey(1, 200);
constexpr uint64_t Process = 7ull << 32;

Operation fileOp(OpKind kind, uint64_t key, uint64_t owner, uint16_t flags) {
  Operation o;
  o.kind = kind;
  o.object = key;
  o.arg = owner;
  o.flags = flags;
  return o;
}
/// The description every thread uses (a global fd main opened): the
/// runtime marks its lock operations FileLockSharedOwner.
constexpr uint64_t SharedOfd = 99;
uint16_t sharing(uint64_t ofd) {
  return ofd == SharedOfd ? FileLockSharedOwner : 0;
}
/// flock on a descriptor of open file description `ofd`.
Operation flockEx(uint64_t file, uint64_t ofd) {
  return fileOp(OpKind::FileLock, file, Process | ofd, sharing(ofd));
}
Operation flockSh(uint64_t file, uint64_t ofd) {
  return fileOp(OpKind::FileLock, file, Process | ofd,
                FileLockShared | sharing(ofd));
}
Operation flockNb(uint64_t file, uint64_t ofd) {
  return fileOp(OpKind::FileTryLock, file, Process | ofd, sharing(ofd));
}
Operation flockUn(uint64_t file, uint64_t ofd) {
  return fileOp(OpKind::FileUnlock, file, Process | ofd, sharing(ofd));
}
/// fcntl F_SETLKW / F_UNLCK / F_GETLK: owned by the process.
Operation setlkw(uint64_t file) {
  return fileOp(OpKind::FileLock, posixLockKey(file), Process,
                FileLockByProcess);
}
Operation unlk(uint64_t file) {
  return fileOp(OpKind::FileUnlock, posixLockKey(file), Process,
                FileLockByProcess);
}
Operation getlk(uint64_t file, uint64_t owner) {
  return fileOp(OpKind::FileTestLock, posixLockKey(file), owner, 0);
}

struct Outcomes {
  std::set<std::string> ids;
  std::set<std::string> finals;
  ExploreStats stats;
};

class Recording : public Program {
public:
  explicit Recording(Script script) : inner_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    if (e.end != EndReason::SleepBlocked && e.end != EndReason::RetryBounded)
      finals.insert(
          analyzeExecution(e, request.retryBound).final.canonical());
    return e;
  }
  std::set<std::string> finals;

private:
  ScriptedProgram inner_;
};

Outcomes outcomes(const Script &script, bool reduce) {
  Recording program(script);
  ExploreOptions options;
  options.reduce = reduce;
  options.maxExecutions = 3000;
  options.maxFindings = 1000;
  Report r = explore(program, options);
  Outcomes o;
  for (const Finding &f : r.findings)
    o.ids.insert(findingId(f.kind));
  o.finals = program.finals;
  o.stats = r.stats;
  return o;
}

} // namespace

TEST(FileLock, SeparateDescriptionsExcludeEachOther) {
  Machine m;
  Operation a = flockEx(FileA, 1), b = flockEx(FileA, 2);
  m.post(0, a);
  ASSERT_TRUE(m.enabled(0));
  EXPECT_EQ(m.step(0).effect, Effect::Acquired);
  // Another description of the same file: blocks, and a try fails.
  m.post(0, b);
  EXPECT_FALSE(m.enabled(0));
  m.post(0, flockNb(FileA, 2));
  EXPECT_EQ(m.step(0).result, EAGAIN);
  // The same description (a dup'd fd, or another thread using the fd)
  // converts its own lock: never blocks.
  m.post(0, flockSh(FileA, 1));
  ASSERT_TRUE(m.enabled(0));
  EXPECT_EQ(m.step(0).effect, Effect::SharedAcquired);
  m.post(0, flockSh(FileA, 2));
  EXPECT_TRUE(m.enabled(0)); // shared with shared
  // flock and fcntl locks are separate objects on Linux.
  m.post(0, setlkw(FileA));
  EXPECT_TRUE(m.enabled(0));
}

TEST(FileLock, ProcessOwnedLocksDoNotExcludeTheProcessThreads) {
  Machine m;
  m.post(0, setlkw(FileA));
  EXPECT_EQ(m.step(0).effect, Effect::Acquired);
  m.post(0, setlkw(FileA)); // "another thread" of the same process
  EXPECT_TRUE(m.enabled(0));
  m.post(0, getlk(FileA, Process));
  EXPECT_EQ(m.step(0).result, 0); // own locks are not reported
  m.post(0, getlk(FileA, 9ull << 32));
  EXPECT_EQ(m.step(0).result, FileLockHeldExclusive);
}

TEST(FileLock, OppositeOrderFlocksDeadlock) {
  auto ab = std::vector<Operation>{flockEx(FileA, 1), flockEx(FileB, 2),
                                   flockUn(FileB, 2), flockUn(FileA, 1)};
  auto ba = std::vector<Operation>{flockEx(FileB, 3), flockEx(FileA, 4),
                                   flockUn(FileA, 4), flockUn(FileB, 3)};
  Outcomes o = outcomes(withMain({ab, ba}), true);
  EXPECT_TRUE(o.stats.complete);
  EXPECT_EQ(o.ids, std::set<std::string>{"deadlock.cycle"});
  Outcomes naive = outcomes(withMain({ab, ba}), false);
  EXPECT_TRUE(naive.stats.complete) << naive.stats.executions;
  EXPECT_EQ(naive.ids, std::set<std::string>{"deadlock.cycle"});
  // fcntl locks in opposite orders by threads of one process: no deadlock.
  auto ab2 = std::vector<Operation>{setlkw(FileA), setlkw(FileB), unlk(FileB),
                                    unlk(FileA)};
  auto ba2 = std::vector<Operation>{setlkw(FileB), setlkw(FileA), unlk(FileA),
                                    unlk(FileB)};
  EXPECT_TRUE(outcomes(withMain({ab2, ba2}), true).ids.empty());
}

namespace {

/// A random small program over two files' locks: blocking and try flocks
/// on separate or shared descriptions, shared and exclusive, fcntl locks
/// and F_GETLK probes. Locks are balanced per thread.
Script randomScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  int threads = pick(3) ? 2 : 3;
  std::vector<std::vector<Operation>> workers(threads);
  for (int t = 0; t < threads; ++t) {
    auto &w = workers[t];
    bool nest = pick(2) == 0;
    int ops = nest ? pick(2) : 1 + pick(2);
    for (int i = 0; i < ops; ++i) {
      uint64_t file = pick(2) ? FileA : FileB;
      // Usually a description of its own; sometimes one shared by all.
      uint64_t ofd = pick(4) ? uint64_t(t + 1) : SharedOfd;
      switch (pick(5)) {
      case 0:
        w.insert(w.end(), {flockEx(file, ofd), flockUn(file, ofd)});
        break;
      case 1:
        w.insert(w.end(), {flockSh(file, ofd), flockUn(file, ofd)});
        break;
      case 2:
        w.insert(w.end(), {flockNb(file, ofd), flockUn(file, ofd)});
        break;
      case 3:
        w.insert(w.end(), {setlkw(file), unlk(file)});
        break;
      default:
        w.push_back(getlk(file, Process | 50));
        break;
      }
    }
    if (nest) { // two files, one inside the other
      uint64_t ofd = uint64_t(t + 1);
      bool ab = pick(3) ? t % 2 == 0 : pick(2); // opposite orders, often
      uint64_t first = ab ? FileA : FileB, second = ab ? FileB : FileA;
      w.insert(w.end(), {flockEx(first, ofd), flockEx(second, ofd + 10),
                         flockUn(second, ofd + 10), flockUn(first, ofd)});
    }
  }
  return withMain(std::move(workers));
}

} // namespace

TEST(FileLockDpor, SameFindingsAndFinalStatesAsNaive) {
  std::mt19937 rng(4242);
  int compared = 0, withFindings = 0;
  for (int i = 0; compared < 20 && i < 300; ++i) {
    Script script = randomScript(rng);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.ids, naive.ids) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    withFindings += !naive.ids.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 2);
  std::printf("compared %d programs (%d with findings)\n", compared,
              withFindings);
}

namespace {

/// Hand-made executions for the race detector (see races_test.cpp).
class Builder {
public:
  Builder &event(ThreadId t, const Operation &op, Effect effect,
                 int32_t result = 0) {
    Event ev;
    ev.thread = t;
    ev.op = op;
    ev.result = result;
    e_.events.push_back(ev);
    Outcome o;
    o.effect = effect;
    a_.outcomes.push_back(o);
    return *this;
  }
  Builder &spawn(ThreadId t) {
    Operation c;
    c.kind = OpKind::ThreadCreate;
    event(0, c, Effect::Created, int32_t(t));
    Operation s;
    s.kind = OpKind::ThreadStart;
    return event(t, s, Effect::None);
  }
  Builder &file(ThreadId t, uint64_t key, bool write, uint64_t pc,
                bool append = false) {
    MemoryAccess m;
    m.thread = t;
    m.address = key;
    m.size = uint16_t(write ? FileOp::Write : FileOp::Read);
    m.flags = uint16_t(AccessFile | (write ? AccessWrite : 0) |
                       (append ? AccessAtomic : 0));
    m.frames[0] = pc;
    m.afterEvents = uint32_t(e_.events.size());
    e_.accesses.push_back(m);
    return *this;
  }
  std::vector<Finding> races() { return detectRaces(e_, a_); }

private:
  Execution e_;
  ExecutionAnalysis a_;
};

} // namespace

TEST(FileRaces, ReadThenWriteByTwoThreadsIsAFileRace) {
  Builder b;
  b.spawn(1).spawn(2);
  b.file(1, FileA, false, 0x10).file(1, FileA, true, 0x11);
  b.file(2, FileA, false, 0x10).file(2, FileA, true, 0x11);
  auto races = b.races();
  // One finding for the pair of threads on this file, at the first conflict
  // (thread 2's read against thread 1's write).
  ASSERT_EQ(races.size(), 1u);
  EXPECT_EQ(races[0].kind, FindingKind::RaceFile);
  EXPECT_EQ(races[0].object, FileA);
  EXPECT_EQ(races[0].key,
            findingKey(FindingKind::RaceFile, {0x10, 0x11}, true));
}

TEST(FileRaces, FlockOrdersButProcessOwnedLocksDoNot) {
  Builder b;
  b.spawn(1).spawn(2);
  b.event(1, flockEx(FileA, 1), Effect::Acquired);
  b.file(1, FileA, false, 0x10).file(1, FileA, true, 0x11);
  b.event(1, flockUn(FileA, 1), Effect::Released);
  b.event(2, flockEx(FileA, 2), Effect::Acquired);
  b.file(2, FileA, false, 0x10).file(2, FileA, true, 0x11);
  b.event(2, flockUn(FileA, 2), Effect::Released);
  EXPECT_TRUE(b.races().empty());

  Builder c;
  c.spawn(1).spawn(2);
  c.event(1, setlkw(FileA), Effect::Acquired);
  c.file(1, FileA, false, 0x10).file(1, FileA, true, 0x11);
  c.event(1, unlk(FileA), Effect::Released);
  c.event(2, setlkw(FileA), Effect::Acquired);
  c.file(2, FileA, false, 0x10).file(2, FileA, true, 0x11);
  c.event(2, unlk(FileA), Effect::Released);
  EXPECT_FALSE(c.races().empty());
}

TEST(FileRaces, AppendsDoNotRaceWithAppendsOnlyAndFilesAreNotMemory) {
  Builder b;
  b.spawn(1).spawn(2);
  b.file(1, FileA, true, 0x10, true).file(2, FileA, true, 0x20, true);
  b.file(1, FileB, false, 0x30).file(2, FileB, false, 0x40);
  EXPECT_TRUE(b.races().empty());
  Builder c;
  c.spawn(1).spawn(2);
  c.file(1, FileA, true, 0x10, true).file(2, FileA, false, 0x20);
  EXPECT_EQ(c.races().size(), 1u);
}
