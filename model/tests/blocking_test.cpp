// Conditions, semaphores, barriers and rwlocks in the model: their
// semantics on small scripts, and DPOR against naive exploration on
// generated programs that mix them.
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/machine.h"
#include "model/tests/trace_count.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>
#include <random>
#include <set>

using namespace tangle;
using namespace tangle::scripts;

namespace {

constexpr ObjectAddr M = 0x1000, M2 = 0x1040, C = 0x2000, C2 = 0x2040,
                     S = 0x3000, S2 = 0x3040, B = 0x4000, RW = 0x5000;

/// Finding keys and final states of every complete execution.
struct Outcomes {
  std::set<std::string> keys;
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
          analyzeExecution(e, request.retryBound, request.spuriousWakeups)
              .final.canonical());
    return e;
  }
  std::set<std::string> finals;

private:
  ScriptedProgram inner_;
};

Outcomes outcomes(const Script &script, bool reduce, bool spurious = false,
                  uint64_t maxExecutions = 5000) {
  Recording program(script);
  ExploreOptions options;
  options.reduce = reduce;
  options.maxExecutions = maxExecutions;
  options.maxFindings = 1000;
  options.spuriousWakeups = spurious;
  Report r = explore(program, options);
  Outcomes o;
  for (const Finding &f : r.findings)
    o.keys.insert(f.key);
  o.finals = program.finals;
  o.stats = r.stats;
  return o;
}

std::set<std::string> ids(const Outcomes &o) {
  std::set<std::string> out;
  for (const std::string &key : o.keys)
    out.insert(key.substr(0, key.find(':')));
  return out;
}

/// wait on c with m held, without a predicate.
std::vector<Operation> waiter() {
  return {lock(M), condWait(C, M), condWake(C, M), unlock(M)};
}
std::vector<Operation> signaller() {
  return {lock(M), condSignal(C), unlock(M)};
}

} // namespace

TEST(Condition, LostWakeUpStallsInSomeOrder) {
  Outcomes o = outcomes(withMain({waiter(), signaller()}), true);
  EXPECT_TRUE(o.stats.complete);
  EXPECT_EQ(ids(o), std::set<std::string>{"deadlock.stall"});
}

TEST(Condition, SignalWakesOneOfTwoWaitersAsAChoice) {
  // Two waiters, one signal, one broadcast later: fine. Two waiters and
  // one signal only: one of them is stuck, whichever took the signal.
  Outcomes stuck = outcomes(withMain({waiter(), waiter(), signaller()}), true);
  EXPECT_EQ(ids(stuck), std::set<std::string>{"deadlock.stall"});
  // Either waiter may be the one left (the final states say which).
  size_t stuckFinals = 0;
  for (const std::string &f : stuck.finals)
    stuckFinals += f.find("at cond-wake") != std::string::npos;
  EXPECT_GE(stuckFinals, 2u);
}

TEST(Condition, WaitWithoutMutexAndRecursiveMutexAreMisuse) {
  Outcomes unlocked =
      outcomes(withMain({{condWait(C, M), condWake(C, M), unlock(M)},
                         {lock(M), condSignal(C), unlock(M)}}),
               true);
  EXPECT_TRUE(ids(unlocked).count("lock.cond-wait-unlocked"));
  Script recursive =
      withMain({{{OpKind::MutexLock, 0, 0, M, uint64_t(MutexType::Recursive)},
                 {OpKind::MutexLock, 0, 0, M, uint64_t(MutexType::Recursive)},
                 condWait(C, M),
                 condWake(C, M)},
                {lock(M), condSignal(C), unlock(M)}});
  EXPECT_TRUE(ids(outcomes(recursive, true)).count("lock.cond-wait-recursive"));
}

TEST(Semaphore, NeverPostedStalls) {
  Outcomes o = outcomes(withMain({{semWait(S)}}, {semInit(S, 0)}), true);
  EXPECT_EQ(ids(o), std::set<std::string>{"deadlock.stall"});
  Outcomes ok =
      outcomes(withMain({{semWait(S)}, {semPost(S)}}, {semInit(S, 0)}), true);
  EXPECT_TRUE(ok.keys.empty());
  EXPECT_EQ(ok.stats.executions, 1u); // post and wait commute
}

TEST(Barrier, TooFewPartiesStall) {
  auto party = std::vector<Operation>{barrierWait(B), barrierLeave(B)};
  EXPECT_EQ(ids(outcomes(withMain({party, party}, {barrierInit(B, 3)}), true)),
            std::set<std::string>{"deadlock.stall"});
  EXPECT_TRUE(outcomes(withMain({party, party}, {barrierInit(B, 2)}), true)
                  .keys.empty());
}

TEST(RwLock, ReadersShareAndUpgradesDeadlock) {
  auto reader = std::vector<Operation>{rdLock(RW), rwUnlock(RW)};
  Outcomes readers = outcomes(withMain({reader, reader}), true);
  EXPECT_TRUE(readers.keys.empty());
  EXPECT_EQ(readers.stats.executions, 1u); // read locks commute
  auto upgrader = std::vector<Operation>{rdLock(RW), wrLock(RW), rwUnlock(RW),
                                         rwUnlock(RW)};
  EXPECT_EQ(ids(outcomes(withMain({upgrader, upgrader}), true)),
            std::set<std::string>{"deadlock.cycle"});
}

namespace {

/// A random small program: 2-3 worker threads, 2-4 operations each, over
/// one or two mutexes, conditions and semaphores, a rwlock and a barrier.
/// Locks are balanced per thread and condition waits hold their mutex, so
/// programs look like real ones; what can go wrong (lost wake-ups, stalls,
/// lock cycles) is left to chance.
Script randomScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  int threads = 2 + pick(2);
  bool twoOfEach = pick(2);
  auto mutexOf = [&] { return twoOfEach && pick(2) ? M2 : M; };
  auto condOf = [&] { return twoOfEach && pick(2) ? C2 : C; };
  auto semOf = [&] { return twoOfEach && pick(2) ? S2 : S; };
  std::vector<std::vector<Operation>> workers(threads);
  for (auto &w : workers) {
    int ops = 2 + pick(2);
    for (int i = 0; i < ops; ++i) {
      switch (pick(7)) {
      case 0: { // wait (or timed wait) on a condition under its mutex
        ObjectAddr m = mutexOf(), c = condOf();
        w.insert(w.end(), {lock(m), condWait(c, m, pick(4) == 0),
                           condWake(c, m), unlock(m)});
        break;
      }
      case 1: {
        ObjectAddr m = mutexOf();
        Operation signal =
            pick(3) ? condSignal(condOf()) : condBroadcast(condOf());
        w.insert(w.end(), {lock(m), signal, unlock(m)});
        break;
      }
      case 2:
        w.push_back(pick(3) ? semWait(semOf()) : semTryWait(semOf()));
        break;
      case 3:
        w.push_back(semPost(semOf()));
        break;
      case 4: {
        ObjectAddr m = mutexOf(), other = m == M ? M2 : M;
        if (twoOfEach && pick(2))
          w.insert(w.end(), {lock(m), lock(other), unlock(other), unlock(m)});
        else
          w.insert(w.end(), {lock(m), unlock(m)});
        break;
      }
      case 5:
        w.insert(w.end(), {pick(2) ? rdLock(RW) : wrLock(RW), rwUnlock(RW)});
        break;
      default:
        w.insert(w.end(), {barrierWait(B), barrierLeave(B)});
        break;
      }
    }
  }
  uint32_t parties = 1 + pick(threads);
  return withMain(
      std::move(workers),
      {semInit(S, pick(2)), semInit(S2, pick(2)), barrierInit(B, parties)});
}

constexpr ObjectAddr P = 0x6000; // a pipe
const ObjectAddr Q = messageQueueKey("/q");

/// One random operation of a process program: pipe, message queue, or
/// one of the thread primitives (as process-shared objects: scripts do
/// not tag addresses by process): semaphore, mutex, condition, rwlock.
std::vector<Operation> randomProcessOp(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  const uint16_t tryFlags[] = {0, 0, MqNonBlock, MqTimed};
  switch (pick(11)) {
  case 8:
    return {lock(M), condWait(C, M, pick(2) == 0), condWake(C, M), unlock(M)};
  case 9:
    return {lock(M), pick(2) ? condSignal(C) : condBroadcast(C), unlock(M)};
  case 10:
    return {pick(2) ? rdLock(RW) : wrLock(RW), rwUnlock(RW)};
  case 0:
    return {pipeWrite(P, 1 + pick(2))};
  case 1:
    return {pipeRead(P, 1)};
  case 2:
    return {pipeClose(P, PipeWriteEnd)};
  case 3:
    return {mqSend(Q, uint32_t(pick(3)), tryFlags[pick(4)])};
  case 4:
    return {mqReceive(Q, tryFlags[pick(4)])};
  case 5:
    return {pick(2) ? semWait(S) : semPost(S)};
  case 6:
    return {{OpKind::MqGetAttr, 0, 0, Q, 0}};
  default:
    return {lock(M), unlock(M)};
  }
}

/// A random small program of processes: main makes a pipe and a message
/// queue, forks 1-2 children (and maybe starts a thread), each doing 1-3
/// random pipe, queue, semaphore, mutex, condition or rwlock operations; then
/// main does its own, may kill a child, and waits for the children (by pid,
/// any, or WNOHANG). Whatever can go wrong (stalls, zombies, orphans) is left
/// to chance.
Script randomProcessScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  Script s;
  s.threads.emplace_back();
  std::vector<Operation> main = {semInit(S, pick(2)), pipeCreate(P),
                                 mqOpen(Q, MqCreate, uint32_t(1 + pick(2)))};
  int children = 1 + pick(2);
  for (int c = 0; c < children; ++c) {
    main.push_back(fork(s.threads.size()));
    s.threads.emplace_back();
  }
  bool thread = pick(3) == 0;
  if (thread) {
    main.push_back(create(s.threads.size()));
    s.threads.emplace_back();
  }
  for (size_t w = 1; w < s.threads.size(); ++w) {
    int ops = 1 + pick(3);
    for (int i = 0; i < ops; ++i)
      for (const Operation &op : randomProcessOp(rng))
        s.threads[w].push_back(op);
  }
  for (int i = pick(3); i > 0; --i)
    for (const Operation &op : randomProcessOp(rng))
      main.push_back(op);
  if (pick(2))
    main.push_back(pipeClose(P, PipeWriteEnd));
  if (pick(4) == 0)
    main.push_back(kill(ProcessId(1), 15));
  for (int c = 1; c <= children; ++c)
    switch (pick(4)) {
    case 0:
      main.push_back(waitFor(AnyProcess));
      break;
    case 1:
      main.push_back(waitFor(uint64_t(c), WaitNoHang));
      break;
    case 2: // never waited for: a zombie or an orphan, maybe
      break;
    default:
      main.push_back(waitFor(uint64_t(c)));
      break;
    }
  if (thread)
    main.push_back(join(ThreadId(children + 1)));
  s.threads[0] = std::move(main);
  return s;
}

} // namespace

TEST(BlockingDpor, ProcessesPipesAndQueuesSameAsNaive) {
  std::mt19937 rng(20261127);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  std::set<std::string> seen;
  for (int i = 0; compared < 30 && i < 300; ++i) {
    Script script = randomProcessScript(rng);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    for (const std::string &id : ids(naive))
      seen.insert(id);
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5);
  // The programs reach the process findings, not only stalls.
  EXPECT_TRUE(seen.count("deadlock.stall"));
  EXPECT_TRUE(seen.count("lifecycle.zombie") || seen.count("lifecycle.orphan"));
  std::printf("compared %d process programs (%d with findings): %llu DPOR vs "
              "%llu naive executions\n",
              compared, withFindings, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlockingDpor, SameFindingsAndFinalStatesAsNaive) {
  std::mt19937 rng(20240611);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 200; ++i) {
    Script script = randomScript(rng);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5); // the programs do exercise the detectors
  RecordProperty("dpor_executions", std::to_string(dporExecutions));
  RecordProperty("naive_executions", std::to_string(naiveExecutions));
  std::printf("compared %d programs (%d with findings): %llu DPOR vs %llu "
              "naive executions\n",
              compared, withFindings, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

/// The executions in which every thread ran to its end: what the process
/// leaves when nothing was cut off.
std::set<std::string> completed(const std::set<std::string> &finals) {
  std::set<std::string> out;
  for (const std::string &f : finals)
    if (f.find(": at ") == std::string::npos)
      out.insert(f);
  return out;
}

TEST(BlockingDpor, MainReturningWithoutJoiningSameAsNaive) {
  // Main returns while its threads run (some detached, some joined): the
  // exit is reordered only with what outlives the process and with the
  // steps of detached threads, so fewer executions, the same findings, and
  // the same states wherever no thread was cut off.
  std::mt19937 rng(20261202);
  int compared = 0, withCutOff = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 300; ++i) {
    Script script = randomScript(rng);
    std::vector<Operation> &main = script.threads[0];
    // Drop some joins; detach some of the threads not joined.
    std::vector<Operation> kept;
    for (const Operation &op : main) {
      if (op.kind == OpKind::ThreadJoin &&
          std::uniform_int_distribution<>(0, 2)(rng) != 0) {
        if (std::uniform_int_distribution<>(0, 1)(rng))
          kept.push_back(detach(ThreadId(op.object)));
        continue;
      }
      kept.push_back(op);
    }
    main = std::move(kept);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete || naive.stats.executions > 1500)
      continue;
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(completed(dpor.finals), completed(naive.finals))
        << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withCutOff += naive.keys.size() > 0 &&
                  (ids(naive).count("lifecycle.unjoined-thread") ||
                   ids(naive).count("lifecycle.detached-cut-off"));
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withCutOff, 10);
  std::printf("compared %d programs whose main returns: %llu DPOR vs %llu "
              "naive executions\n",
              compared, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlockingDpor, SpuriousWakeupsToo) {
  std::mt19937 rng(7);
  int compared = 0;
  for (int i = 0; compared < 20 && i < 200; ++i) {
    Script script = randomScript(rng);
    Outcomes naive = outcomes(script, false, true);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue;
    Outcomes dpor = outcomes(script, true, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    ++compared;
  }
  EXPECT_GE(compared, 20);
}

namespace {

/// A random program of condition variables: 2-3 worker threads, each 1-3
/// of: a wait (timed or not) under the mutex, a signal or broadcast under
/// it or after its unlock (as many programs do: then two of them, or one
/// and a wait, are not ordered by the mutex), a signal without the mutex,
/// an empty critical section; on one condition or two.
Script randomConditionScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  bool two = pick(2);
  auto condOf = [&] { return two && pick(2) ? C2 : C; };
  std::vector<std::vector<Operation>> workers(2 + pick(2));
  for (auto &w : workers) {
    int ops = 1 + pick(3);
    for (int i = 0; i < ops; ++i) {
      ObjectAddr c = condOf();
      Operation signal = pick(3) ? condSignal(c) : condBroadcast(c);
      switch (pick(5)) {
      case 0:
      case 1:
        w.insert(w.end(), {lock(M), condWait(c, M, pick(4) == 0),
                           condWake(c, M), unlock(M)});
        break;
      case 2:
        w.insert(w.end(), {lock(M), signal, unlock(M)});
        break;
      case 3:
        w.insert(w.end(), {lock(M), unlock(M), signal});
        break;
      default:
        w.push_back(pick(2) ? signal : lock(M));
        if (w.back().kind == OpKind::MutexLock)
          w.push_back(unlock(M));
        break;
      }
    }
  }
  return withMain(std::move(workers));
}

} // namespace

TEST(Condition, SignalsThatWakeNobodyCommute) {
  // Two signals sent outside the mutex while nobody waits leave the
  // condition as it was in either order: one execution. With a waiter
  // beside them, whether a signal is heard depends on the wait, so the
  // lost wake-up (both before the wait) is still found.
  Script two = withMain({{condSignal(C)}, {condSignal(C)}});
  Outcomes once = outcomes(two, true);
  EXPECT_EQ(once.stats.executions, 1u);
  EXPECT_EQ(once.finals, outcomes(two, false).finals);
  Script withWaiter = withMain({{condSignal(C)}, {condSignal(C)}, waiter()});
  Outcomes dpor = outcomes(withWaiter, true);
  Outcomes naive = outcomes(withWaiter, false);
  EXPECT_EQ(ids(dpor), std::set<std::string>{"deadlock.stall"});
  EXPECT_EQ(dpor.keys, naive.keys);
  EXPECT_EQ(dpor.finals, naive.finals);
  EXPECT_EQ(dpor.stats.executions, 7u);
}

TEST(BlockingDpor, ConditionsEveryTraceOnce) {
  // Generated condition programs against the naive search: the same
  // findings and final states, and trace by trace (two signals that wake
  // nobody commute, so their order is no longer part of a trace) each of
  // the naive search's traces run once.
  std::mt19937 rng(20261204);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 300; ++i) {
    Script script = randomConditionScript(rng);
    bool spurious = i % 4 == 3;
    Outcomes naive = outcomes(script, false, spurious);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue;
    Outcomes dpor = outcomes(script, true, spurious);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    TracedScript tracedDpor(script), tracedNaive(script);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.spuriousWakeups = spurious;
    explore(tracedDpor, options);
    options.reduce = false;
    explore(tracedNaive, options);
    std::set<std::string> seen, all;
    for (auto &[trace, count] : tracedDpor.runs) {
      seen.insert(trace);
      EXPECT_EQ(count, 1) << "program " << i << ": a trace ran twice";
    }
    for (auto &[trace, count] : tracedNaive.runs)
      all.insert(trace);
    EXPECT_EQ(seen, all) << "program " << i;
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5);
  std::printf("compared %d programs (%d with findings): %llu DPOR vs %llu "
              "naive executions\n",
              compared, withFindings,
              (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlockingDpor, MutexTryLockSeesEveryOutcome) {
  // T2's trylock succeeds before T1 locks, fails while T1 holds the lock,
  // and succeeds after T1 unlocks: three different final states.
  Script script = withMain({{lock(M), unlock(M)}, {tryLock(M)}}, {});
  Outcomes naive = outcomes(script, false);
  Outcomes dpor = outcomes(script, true);
  ASSERT_TRUE(dpor.stats.complete);
  EXPECT_EQ(dpor.finals, naive.finals);
  EXPECT_EQ(naive.finals.size(), 3u);
}

TEST(BlockingDpor, KillRacesWithTheChildsSteps) {
  // The child may be killed before it starts, or after it blocked.
  Script script;
  script.threads = {
      {mqOpen(Q, MqCreate, 1), fork(1), kill(ProcessId(1), 15), waitFor(1)},
      {mqReceive(Q)}};
  Outcomes naive = outcomes(script, false);
  Outcomes dpor = outcomes(script, true);
  EXPECT_EQ(naive.finals.size(), 2u);
  EXPECT_EQ(dpor.finals, naive.finals);
}

TEST(BlockingDpor, VforkParentsSameAsNaive) {
  // vfork's parent waits for its child's exec or exit (WaitVfork): the
  // child's steps, a thread of the parent's and a second child's lock
  // steps interleave only around that wait.
  const uint16_t vforkWait = WaitKeep | WaitVfork;
  std::vector<Script> scripts(4);
  scripts[0].threads = {{fork(1), waitFor(1, vforkWait), lock(1), unlock(1)},
                        {lock(1), unlock(1)}};
  scripts[1].threads = {{create(1), fork(2), waitFor(1, vforkWait), lock(1),
                         unlock(1), join(1),
                         waitFor(1)}, // the child is process 1
                        {lock(1), unlock(1)},
                        {lock(1)}};
  scripts[2].threads = {{fork(1), waitFor(1, vforkWait), fork(2),
                         waitFor(2, vforkWait), waitFor(AnyProcess)},
                        {semPost(S)},
                        {semWait(S)}};
  // The child blocks on the lock its parent holds while the parent waits
  // in vfork for it: a cycle through the vfork.
  scripts[3].threads = {{lock(1), fork(1), waitFor(1, vforkWait), unlock(1)},
                        {lock(1)}};
  std::set<std::string> seen;
  for (size_t i = 0; i < scripts.size(); ++i) {
    Outcomes naive = outcomes(scripts[i], false);
    Outcomes dpor = outcomes(scripts[i], true);
    ASSERT_TRUE(naive.stats.complete) << "script " << i;
    ASSERT_TRUE(dpor.stats.complete) << "script " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "script " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "script " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    for (const std::string &id : ids(naive))
      seen.insert(id);
  }
  EXPECT_TRUE(seen.count("lifecycle.zombie")); // script 0: never waited
  EXPECT_TRUE(seen.count("deadlock.stall"));   // script 1: held at exit
  EXPECT_TRUE(seen.count("deadlock.cycle"));   // script 3
  EXPECT_FALSE(seen.count("lifecycle.orphan"));
}

TEST(BlockingDpor, BlockedReadRacesWithTheReadThatTookTheByte) {
  // Found by ProcessesPipesAndQueuesSameAsNaive (seed 8): main and the
  // child both read the one byte a thread writes; whoever is second
  // blocks (the child keeps the write end open). Main closes its write end
  // after its read, which must not hide the race of the two reads.
  Script script;
  script.threads = {{pipeCreate(P), fork(1), create(2), pipeRead(P, 1),
                     pipeClose(P, PipeWriteEnd), waitFor(1, WaitNoHang),
                     join(2)},
                    {pipeRead(P, 1), lock(M), unlock(M)},
                    {mqSend(Q, 0, MqTimed), pipeWrite(P, 1)}};
  script.threads[0].insert(script.threads[0].begin(), mqOpen(Q, MqCreate, 1));
  Outcomes naive = outcomes(script, false);
  Outcomes dpor = outcomes(script, true);
  EXPECT_EQ(dpor.finals, naive.finals);
  EXPECT_EQ(dpor.keys, naive.keys);
}

namespace {

constexpr ObjectAddr F = 0x7000, F2 = 0x7040; // futex words

/// A random small program of futex users: 2-3 threads, each 1-3 of: a wait
/// (timed or not, maybe with a bitset) on one of two words, a wake of one
/// or all waiters (maybe with a bitset), a wait that finds the value
/// changed, a mutex section. Stalls are left to chance.
Script randomFutexScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  auto word = [&] { return pick(3) ? F : F2; };
  const uint32_t bitsets[] = {0xffffffff, 0xffffffff, 1, 2};
  int threads = 2 + pick(2);
  std::vector<std::vector<Operation>> workers(threads);
  for (auto &w : workers) {
    int ops = 1 + pick(3);
    for (int i = 0; i < ops; ++i) {
      ObjectAddr f = word();
      switch (pick(5)) {
      case 0:
      case 1: {
        bool timed = pick(4) == 0;
        w.insert(w.end(), {futexWait(f, timed, bitsets[pick(4)]),
                           futexResume(f, timed)});
        break;
      }
      case 2:
        w.push_back(futexWake(f, pick(2) ? 1 : 0x7fffffff, bitsets[pick(4)]));
        break;
      case 3:
        w.push_back(futexWaitChanged(f));
        break;
      default:
        w.insert(w.end(), {lock(M), unlock(M)});
        break;
      }
    }
  }
  return withMain(std::move(workers));
}

} // namespace

TEST(Futex, AWakeBeforeTheWaitIsLostAndTheWaiterStalls) {
  Outcomes o = outcomes(
      withMain({{futexWait(F), futexResume(F)}, {futexWake(F, 1)}}), true);
  EXPECT_TRUE(o.stats.complete);
  EXPECT_EQ(ids(o), std::set<std::string>{"deadlock.stall"});
  // Woken in one order, stuck in the other.
  EXPECT_EQ(o.finals.size(), 2u);
}

TEST(Futex, AWaitThatFindsTheValueChangedReturnsAtOnce) {
  Machine m;
  m.post(0, futexWaitChanged(F));
  Outcome out = m.step(0);
  EXPECT_EQ(out.result, EAGAIN);
  EXPECT_EQ(out.effect, Effect::FutexValueChanged);
  // It never joined the waiters: a wake finds nobody.
  m.post(0, futexWake(F, 1));
  EXPECT_EQ(m.step(0).result, 0);
}

TEST(Futex, WakeCountsBitsetsAndOrder) {
  Machine m;
  ThreadId a = 0;
  m.post(a, create(1));
  ThreadId b = ThreadId(m.step(a).result);
  m.post(a, create(2));
  ThreadId c = ThreadId(m.step(a).result);
  for (ThreadId t : {b, c}) {
    m.post(t, {OpKind::ThreadStart, 0, 0, 0, 0});
    m.step(t);
  }
  m.post(b, futexWait(F, false, 1));
  m.step(b);
  m.post(c, futexWait(F, false, 2));
  m.step(c);
  m.post(b, futexResume(F));
  m.post(c, futexResume(F));
  EXPECT_FALSE(m.enabled(b));
  EXPECT_FALSE(m.enabled(c));
  // A wake for bitset 2 passes b by and wakes c.
  m.post(a, futexWake(F, 1, 2));
  EXPECT_EQ(m.step(a).result, 1);
  EXPECT_FALSE(m.enabled(b));
  EXPECT_TRUE(m.enabled(c));
  // A wake of all wakes the one left.
  m.post(a, futexWake(F, 0x7fffffff));
  EXPECT_EQ(m.step(a).result, 1);
  EXPECT_TRUE(m.enabled(b));
  EXPECT_EQ(m.step(b).effect, Effect::Woken);
  EXPECT_EQ(m.step(c).result, 0);
}

TEST(Futex, ATimedWaitMayTimeOutButNotAfterItWasWoken) {
  Outcomes o = outcomes(
      withMain({{futexWait(F, true), futexResume(F, true)}, {futexWake(F, 1)}}),
      true);
  EXPECT_TRUE(o.stats.complete);
  EXPECT_TRUE(o.keys.empty());
  // Woken, or timed out (before the wake, or after a wake that came
  // before the wait): the same as the naive search finds.
  Outcomes naive = outcomes(
      withMain({{futexWait(F, true), futexResume(F, true)}, {futexWake(F, 1)}}),
      false);
  EXPECT_EQ(o.finals, naive.finals);
}

TEST(BlockingDpor, FutexesSameAsNaive) {
  std::mt19937 rng(20261203);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 300; ++i) {
    Script script = randomFutexScript(rng);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5);
  std::printf("compared %d futex programs (%d with findings): %llu DPOR vs "
              "%llu naive executions\n",
              compared, withFindings, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlockingDpor, FutexesWithSpuriousWakeupsToo) {
  std::mt19937 rng(11);
  int compared = 0;
  for (int i = 0; compared < 20 && i < 300; ++i) {
    Script script = randomFutexScript(rng);
    Outcomes naive = outcomes(script, false, true);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue;
    Outcomes dpor = outcomes(script, true, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    ++compared;
  }
  EXPECT_GE(compared, 20);
}

namespace {

/// A random program that reuses thread and process numbers (objects/ids.h):
/// main keeps one worker running throughout and, beside it, creates and
/// joins (or forks and reaps) short-lived threads or processes one or two
/// at a time, so their numbers are given again; a short-lived thread may
/// create and join one of its own, whose number its joiner inherits. Every
/// thread does 1-2 random operations on shared mutexes, conditions,
/// semaphores or the rwlock. Names are handles, as a real program keeps
/// the pthread_t it got.
Script randomReuseScript(std::mt19937 &rng, bool processes) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  Script s;
  s.threads.emplace_back();
  auto ops = [&](int n) {
    std::vector<Operation> w;
    for (int i = 0; i < n; ++i)
      switch (pick(5)) {
      case 0:
        w.insert(w.end(), {lock(M), unlock(M)});
        break;
      case 1:
        w.push_back(pick(2) ? semWait(S) : semPost(S));
        break;
      case 2:
        w.insert(w.end(), {lock(M), condSignal(C), unlock(M)});
        break;
      case 3:
        w.insert(w.end(),
                 {lock(M), condWait(C, M, true), condWake(C, M), unlock(M)});
        break;
      default:
        w.insert(w.end(), {pick(2) ? rdLock(RW) : wrLock(RW), rwUnlock(RW)});
        break;
      }
    return w;
  };
  uint32_t names = 0;
  auto start = [&](std::vector<Operation> body) {
    uint64_t name = handle(++names);
    s.threads.push_back(std::move(body));
    size_t script = s.threads.size() - 1;
    s.threads[0].push_back(processes ? fork(script, name)
                                     : create(script, name));
    return name;
  };
  auto end = [&](uint64_t name) {
    s.threads[0].push_back(processes ? waitFor(name) : join(name));
  };
  s.threads[0].push_back(semInit(S, pick(2)));
  // The worker that runs beside all of them (a thread in both kinds).
  s.threads.push_back(ops(1));
  s.threads[0].push_back(create(s.threads.size() - 1, handle(100)));
  for (int round = 0; round < 2; ++round) {
    std::vector<uint64_t> started;
    for (int k = 0, n = 1 + (pick(4) == 0); k < n; ++k) {
      std::vector<Operation> body = ops(1);
      if (!processes && pick(4) == 0) { // one of its own, joined
        s.threads.push_back(ops(1));
        uint64_t inner = handle(200 + names);
        body.insert(body.begin(), create(s.threads.size() - 1, inner));
        body.push_back(join(inner));
      }
      started.push_back(start(std::move(body)));
    }
    if (pick(2))
      for (const Operation &op : ops(1))
        s.threads[0].push_back(op);
    for (uint64_t name : started)
      end(name);
  }
  s.threads[0].push_back(join(handle(100)));
  return s;
}

/// The highest thread and process numbers any execution used.
struct Numbers {
  ThreadId threads = 0;
  ProcessId processes = 0;
};

class NumberRecording : public Program {
public:
  explicit NumberRecording(Script script) : inner_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    for (const Event &event : e.events) {
      used.threads = std::max(used.threads, event.thread);
      if (event.op.kind == OpKind::ProcessFork && event.result >= 0)
        used.processes = std::max(used.processes, event.op.reserved);
    }
    return e;
  }
  Numbers used;

private:
  ScriptedProgram inner_;
};

void compareWithNaive(bool processes, uint32_t seed) {
  std::mt19937 rng(seed);
  int compared = 0, withFindings = 0, reused = 0;
  for (int i = 0; compared < 25 && i < 300; ++i) {
    Script script = randomReuseScript(rng, processes);
    Outcomes naive = outcomes(script, false, false, 2000);
    if (!naive.stats.complete)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    // The numbers were reused: fewer than the threads (or processes) the
    // script starts.
    NumberRecording numbers(script);
    explore(numbers, ExploreOptions());
    size_t started = script.threads.size() - 1;
    if (processes ? numbers.used.processes < started - 1
                  : numbers.used.threads < started)
      ++reused;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 3);
  EXPECT_EQ(reused, compared);
  std::printf("compared %d programs that reuse %s numbers (%d with "
              "findings)\n",
              compared, processes ? "process" : "thread", withFindings);
}

} // namespace

TEST(BlockingDpor, ReusedThreadNumbersSameAsNaive) {
  compareWithNaive(false, 20261202);
}

TEST(BlockingDpor, ReusedProcessNumbersSameAsNaive) {
  compareWithNaive(true, 9);
}

namespace {

/// A random program with cancellation: main cancels one or both of two
/// workers, posts, signals, and joins them; each worker passes cancellation
/// points (sleeps, condition waits, semaphore waits, testcancel) with and
/// without a mutex held, may disable cancellation around them or make it
/// asynchronous, and may have a cleanup handler that unlocks the mutex.
Script randomCancelScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  Script s;
  s.threads.emplace_back();
  s.threads[0].push_back(semInit(S, pick(2)));
  for (int w = 1; w <= 2; ++w) {
    std::vector<Operation> ops;
    for (int i = 0, n = 1 + pick(3); i < n; ++i)
      switch (pick(7)) {
      case 0:
        ops.insert(ops.end(), {lock(M), sleepPoint(), unlock(M)});
        break;
      case 1:
        ops.insert(ops.end(),
                   {lock(M), condWait(C, M), condWake(C, M), unlock(M)});
        break;
      case 2:
        ops.push_back(semWait(S));
        break;
      case 3:
        ops.push_back(testCancel());
        break;
      case 4:
        ops.insert(ops.end(), {setCancel(true, true), lock(M), sleepPoint(),
                               unlock(M), setCancel(true, false)});
        break;
      case 5:
        ops.insert(ops.end(), {setCancel(false, true), lock(M2), unlock(M2),
                               setCancel(false, false)});
        break;
      default:
        ops.push_back(semPost(S));
        break;
      }
    s.threads.push_back(std::move(ops));
    if (pick(2))
      s.cleanup[s.threads.size() - 1] = {unlock(M)};
    s.threads[0].push_back(create(s.threads.size() - 1, handle(w)));
  }
  for (int i = 0, n = 1 + pick(3); i < n; ++i)
    switch (pick(4)) {
    case 0:
      s.threads[0].push_back(cancel(handle(1 + pick(2))));
      break;
    case 1:
      s.threads[0].push_back(semPost(S));
      break;
    case 2:
      s.threads[0].insert(s.threads[0].end(),
                          {lock(M), condBroadcast(C), unlock(M)});
      break;
    default:
      s.threads[0].push_back(cancel(handle(1)));
      break;
    }
  s.threads[0].push_back(join(handle(1)));
  s.threads[0].push_back(join(handle(2)));
  return s;
}

} // namespace

TEST(Cancellation, ACancelledWaitTakesTheMutexAndRunsItsCleanup) {
  Script s = withMain({{lock(M), condWait(C, M), condWake(C, M), unlock(M)}});
  s.threads[0].insert(s.threads[0].begin() + 1, cancel(1));
  Outcomes without = outcomes(s, true);
  EXPECT_TRUE(ids(without).count("lock.held-at-exit"));
  s.cleanup[1] = {unlock(M)};
  Outcomes with = outcomes(s, true);
  EXPECT_TRUE(with.stats.complete);
  EXPECT_TRUE(with.keys.empty());
}

TEST(Cancellation, DisabledCancellationWaitsForTheNextPoint) {
  Machine m;
  m.post(0, create(1));
  ThreadId w = ThreadId(m.step(0).result);
  m.post(w, {OpKind::ThreadStart});
  m.step(w);
  m.post(w, setCancel(true, true));
  EXPECT_EQ(m.step(w).result, 0);
  m.post(0, cancel(w));
  EXPECT_EQ(m.step(0).effect, Effect::CancelRequested);
  m.post(w, sleepPoint());
  EXPECT_EQ(m.step(w).result, 0); // disabled: not acted on
  m.post(w, setCancel(true, false));
  EXPECT_EQ(m.step(w).result, 1); // deferred: enabling does not act
  m.post(w, testCancel());
  Outcome acted = m.step(w);
  EXPECT_EQ(acted.result, CancelActed);
  EXPECT_EQ(acted.effect, Effect::Cancelled);
  m.post(w, testCancel());
  EXPECT_EQ(m.step(w).result, 0); // acted on once only
}

TEST(Cancellation, ABlockedCancellationPointIsWokenByTheRequest) {
  Machine m;
  m.post(0, semInit(S, 0));
  m.step(0);
  m.post(0, create(1));
  ThreadId w = ThreadId(m.step(0).result);
  m.post(w, {OpKind::ThreadStart});
  m.step(w);
  m.post(w, semWait(S));
  EXPECT_FALSE(m.enabled(w));
  m.post(0, cancel(w));
  EXPECT_TRUE(m.conflicts(0, w));
  m.step(0);
  EXPECT_TRUE(m.enabled(w));
  EXPECT_EQ(m.step(w).result, CancelActed);
}

TEST(BlockingDpor, CancellationSameAsNaive) {
  std::mt19937 rng(20261203);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 400; ++i) {
    Script script = randomCancelScript(rng);
    Outcomes naive = outcomes(script, false, false, 800);
    if (!naive.stats.complete)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5);
  std::printf("compared %d cancellation programs (%d with findings): %llu "
              "DPOR vs %llu naive executions\n",
              compared, withFindings, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}
