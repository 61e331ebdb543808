// DPOR with sleep sets and wakeup trees over a tree of states; see
// explorer.h.
//
// Each execution is analysed after it ends: replayed through the Machine
// (effects), then happens-before is computed with vector clocks (program
// order, create->start, exit->join, and every dependent pair), and each race
// e1 < e2 (dependent, unordered except directly) asks that the state before
// e1 explore an equivalent reordering: the whole sequence goes into that
// state's wakeup tree (wakeup_tree.h), which the branch's execution then
// follows. A second replay
// walks the states in order and answers those requests (the enabled threads,
// their next operations and the sleep set are known only there).
// Operations that never executed because their thread was blocked (or the
// process ended) take part as "virtual" last events, so a deadlock's missing
// lock also races with the lock that got there first.
//
// The tree is stored compactly: each execution adds a Segment, the threads
// it ran below the state it branched from, and only the states where more
// than one thread is or will be explored get a Branching record. A segment
// keeps its threads only down to its deepest pending branch, and is freed
// once no pending branch needs it: memory follows the frontier of the
// search, not the steps of every execution.
#include "model/explore/explorer.h"

#include "model/detect/detectors.h"
#include "model/detect/lock_order.h"
#include "model/detect/races.h"
#include "model/explore/clock.h"
#include "model/explore/replay.h"
#include "model/explore/shard.h"
#include "model/explore/symmetric_search.h"
#include "model/explore/wakeup_tree.h"
#include "model/explore/workers.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <memory_resource>
#include <queue>
#include <tuple>
#include <unordered_map>

namespace tangle {
namespace {

/// The portfolio adds random schedules only to a DPOR tree estimated at
/// 10^3 executions or more (Explorer::beyondBudget).
constexpr double RandomTreeLog10 = 3;
/// DPOR's search is depth-first while its tree is estimated at no more than
/// 10^DepthFirstTreeLog10 executions (Explorer::tooBigForDepthFirst): at a
/// few ms an execution, a tree that a depth-first search finishes within
/// the default budget (and so finds every bug of). A bigger one goes
/// fewest preemptions first, which finds shallow bugs early and says what
/// it covered when the budget runs out.
constexpr double DepthFirstTreeLog10 = 4;

/// Whether the race check saw this execution's memory accesses.
void noteRaceCheck(ExploreStats &s, const Execution &e) {
  s.racesChecked = s.racesChecked || e.accessesLogged;
  s.racesPartial = s.racesPartial || e.accessLogFull;
}

template <typename T> bool contains(const std::vector<T> &set, T t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

/// The part of the search below one branch (the executions that start with
/// its prefix): open while a branch in it is pending or running. A thread
/// asleep because its branch was explored covers a reordering it can start
/// (a weak initial) only when that branch's whole subtree was explored before
/// the execution that asks for the reordering began: else the subtree may
/// itself have left that reordering to the branch asking now, and neither
/// would run it (answer()). A depth-first search settles every branch to the
/// left of its path.
struct Subtree {
  std::shared_ptr<Subtree> parent; // the branch whose execution it left
  uint64_t open = 1;               // itself until folded, and pending below
  uint64_t settledAt = UINT64_MAX; // branches started when open became 0
  /// A reordering inside it was left to a branch not settled at the time
  /// (the rules of source-set DPOR's search in preemption order): it does
  /// not cover what optimal DPOR's rule would leave to it.
  bool tainted = false;
  /// Taken out of depth-first order: when it started, a branch to its left
  /// (one taken before it at its state, the first execution's way on from
  /// there, one pending there that was added before it, or the same for
  /// the branch it lies in) was still open. Depth-first, those would have
  /// put the reorderings they find into its wakeup tree before it ran;
  /// now that tree has left with it, and they leave such a reordering to
  /// it instead (a thread explored there already, answer()). So it must
  /// cover every trace that starts with it on its own: optimal DPOR's rule
  /// for settled sleepers, which leaves some of them to those insertions,
  /// is not used in it.
  bool early = false;

  ~Subtree() {
    // Long chains: released in a loop, not by recursion.
    std::shared_ptr<Subtree> p = std::move(parent);
    while (p && p.use_count() == 1)
      p = std::move(p->parent);
  }
};
using SubtreeRef = std::shared_ptr<Subtree>;

/// A state where more than one thread is, or is to be, explored: what the
/// branches from it need once the execution that found it is gone.
struct Branching {
  std::vector<ThreadId> backtrack; // chosen or to be chosen here
  std::vector<ThreadId> done;      // chosen here already
  std::vector<ThreadId> enabled;
  std::vector<ThreadId> pending; // every thread with a pending operation
  /// The access of each pending operation (Machine::accessOf), in the
  /// order of `pending`: two that end no process conflict as `dependent`
  /// says, which needs no state (conflict()).
  std::vector<Access> pendingAccess;
  /// For each pending operation that ends a process (Machine::conflicts
  /// needs the state for those): its position in `pending`, and the
  /// positions of the pending operations it conflicts with, as bits.
  /// (A matrix of every pair was quadratic in the pending threads: 10^6
  /// checks at each branching state of a program of 1,000 threads.)
  std::vector<std::pair<size_t, std::vector<uint64_t>>> endConflicts;
  std::vector<ThreadId> sleep;
  /// The subtree of each thread of `done` and of `sleep` (the same order).
  std::vector<SubtreeRef> doneBelow, sleepBelow;
  uint32_t preemptions = 0; // of the schedule that reaches this state
  ThreadId via = NoThread;  // the thread that ran last before it
  /// The wakeup tree below each backtrack thread not yet explored (empty:
  /// a leaf): the rest of the race reversals that start with it, which its
  /// execution follows (ExecutionRequest::hint) instead of going where the
  /// default scheduler would, into states whose every enabled thread
  /// sleeps. Moved out when the branch runs.
  std::vector<std::pair<ThreadId, std::vector<WakeupNode>>> wakeup;

  std::vector<WakeupNode> *subtree(ThreadId t) {
    for (auto &[thread, below] : wakeup)
      if (thread == t)
        return &below;
    return nullptr;
  }

  bool conflict(ThreadId a, ThreadId b) const {
    size_t i = position(a), j = position(b);
    if (i >= pending.size() || j >= pending.size())
      return false;
    for (const auto &[end, bits] : endConflicts)
      if (end == i || end == j) {
        size_t other = end == i ? j : i;
        return bits[other / 64] >> (other % 64) & 1;
      }
    return dependent(pendingAccess[i], pendingAccess[j]);
  }
  size_t position(ThreadId t) const {
    return size_t(std::find(pending.begin(), pending.end(), t) -
                  pending.begin());
  }
};

/// The part of the tree one execution added: the threads it ran from the
/// state it branched at (`start`, a state of the parent) on. The root
/// segment starts at state 0. A segment owns the states after its start
/// (the root: from 0); the branch state belongs to the parent.
/// What a step did, as much as a later run of the same schedule must
/// repeat (the program is deterministic under a schedule): the operation,
/// its object and its call site.
struct Call {
  OpKind kind = OpKind::ThreadStart;
  uint64_t object = 0;
  uint64_t site = 0;
  bool operator==(const Call &o) const {
    return kind == o.kind && object == o.object && site == o.site;
  }
};

struct CallHash {
  size_t operator()(const Call &c) const {
    uint64_t h = c.site * 0x9e3779b97f4a7c15ull;
    h ^= (c.object + uint64_t(c.kind)) * 0xc2b2ae3d27d4eb4full;
    return size_t(h ^ (h >> 29));
  }
};

/// Every distinct call the explored executions made, each once: a segment
/// keeps a 4-byte index per step instead of the call (a loop of 100,000
/// iterations makes a handful of distinct calls).
class CallTable {
public:
  uint32_t intern(const Call &c) {
    auto [it, added] = index_.try_emplace(c, uint32_t(calls_.size()));
    if (added)
      calls_.push_back(c);
    return it->second;
  }
  const Call &operator[](uint32_t i) const { return calls_[i]; }

private:
  std::vector<Call> calls_;
  std::unordered_map<Call, uint32_t, CallHash> index_;
};

Call callOf(const Event &event) {
  // Objects in memory are at the same addresses in every run (each is a
  // fork of one fork server); files, pipes and queues are compared by kind
  // and call site only.
  bool inMemory = (event.op.kind >= OpKind::MutexInit &&
                   event.op.kind < OpKind::Yield) ||
                  isThreadOp(event.op.kind);
  return {event.op.kind, inMemory ? event.op.object : 0,
          event.stack.frames[0]};
}

struct Segment {
  /// Steps in a row by one thread.
  struct Run {
    ThreadId thread;
    uint32_t steps;
  };
  std::shared_ptr<Segment> parent;
  uint32_t start = 0;
  /// The thread that ran at each state from `start` on, run-length encoded
  /// (executions of long loops switch threads rarely), and what it did
  /// there: calls[k] (an index into the explorer's CallTable) at state
  /// start + k. The tree keeps a segment while a branch from it is
  /// pending: about 4 bytes a step, for executions of 10^6 steps.
  std::vector<Run> runs;
  std::vector<uint32_t> calls;
  std::vector<ThreadId> initialSleep; // the sleep set at state start + 1
  std::vector<SubtreeRef> initialSleepBelow; // their subtrees
  SubtreeRef subtree; // of the branch that ran this segment
  std::map<uint32_t, Branching> branching;

  uint32_t firstOwned() const { return parent ? start + 1 : 0; }
  size_t steps() const { return calls.size(); }
  void append(ThreadId thread, uint32_t call) {
    if (!runs.empty() && runs.back().thread == thread)
      ++runs.back().steps;
    else
      runs.push_back({thread, 1});
    calls.push_back(call);
  }
  /// The threads of the first n steps, appended to `out`.
  void threadsInto(std::vector<ThreadId> &out, size_t n) const {
    for (const Run &r : runs) {
      if (n == 0)
        break;
      size_t k = std::min<size_t>(n, r.steps);
      out.insert(out.end(), k, r.thread);
      n -= k;
    }
  }
  /// Keeps the first n steps, and no spare capacity.
  void truncate(size_t n) {
    if (n >= calls.size())
      n = calls.size();
    calls.resize(n);
    calls.shrink_to_fit();
    size_t kept = 0, i = 0;
    for (; i < runs.size() && kept < n; ++i) {
      runs[i].steps = uint32_t(std::min<size_t>(runs[i].steps, n - kept));
      kept += runs[i].steps;
    }
    runs.resize(i);
    runs.shrink_to_fit();
  }

  ~Segment() {
    // Long chains of segments: release them in a loop, not by recursion.
    std::shared_ptr<Segment> p = std::move(parent);
    while (p && p.use_count() == 1)
      p = std::move(p->parent);
  }
};
using SegmentRef = std::shared_ptr<Segment>;

struct Branch {
  uint32_t preemptions;
  uint32_t depth;
  uint64_t seq;
  SegmentRef owner; // the segment that owns state `depth`
  ThreadId thread;
};

/// The pending branches, in one of two orders. Fewest preemptions first;
/// among equals the deepest, most recent, which keeps few branches pending.
/// Or depth-first: the deepest first, and at one state in the order they
/// were added (a wakeup tree's order), so that every branch to the left of
/// the current path is explored to its end before the next one starts
/// (docs/exploration.md, "Depth-first in wakeup-tree order").
class BranchQueue {
public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const Branch &top() const { return heap_.front(); }
  void push(Branch b) {
    ++costs_[b.preemptions];
    ++depths_[b.depth];
    heap_.push_back(std::move(b));
    std::push_heap(heap_.begin(), heap_.end(), Later{depthFirst_});
  }
  void pop() {
    auto it = costs_.find(heap_.front().preemptions);
    if (--it->second == 0)
      costs_.erase(it);
    auto at = depths_.find(heap_.front().depth);
    if (--at->second == 0)
      depths_.erase(at);
    std::pop_heap(heap_.begin(), heap_.end(), Later{depthFirst_});
    heap_.pop_back();
  }
  /// The fewest preemptions of a pending branch (INT64_MAX: none pending).
  int64_t cheapest() const {
    return costs_.empty() ? INT64_MAX : int64_t(costs_.begin()->first);
  }
  /// The deepest state with a pending branch (0: none pending).
  uint32_t deepest() const {
    return depths_.empty() ? 0 : depths_.rbegin()->first;
  }
  bool depthFirst() const { return depthFirst_; }
  /// The pending branches, in no order (the helpers' look ahead).
  const std::vector<Branch> &entries() const { return heap_; }
  /// Whether `a` comes out of the queue before `b`.
  bool before(const Branch &a, const Branch &b) const {
    return Later{depthFirst_}(b, a);
  }
  void setDepthFirst(bool on) {
    if (on == depthFirst_)
      return;
    depthFirst_ = on;
    std::make_heap(heap_.begin(), heap_.end(), Later{depthFirst_});
  }

private:
  struct Later {
    bool depthFirst;
    bool operator()(const Branch &a, const Branch &b) const {
      if (!depthFirst && a.preemptions != b.preemptions)
        return a.preemptions > b.preemptions;
      if (a.depth != b.depth)
        return a.depth < b.depth;
      return depthFirst ? a.seq > b.seq : a.seq < b.seq;
    }
  };
  std::vector<Branch> heap_;
  std::map<uint32_t, uint64_t> costs_;  // pending branches by preemptions
  std::map<uint32_t, uint64_t> depths_; // and by state
  bool depthFirst_ = false;
};

/// One event (or virtual event) as the race analysis sees it.
struct Step {
  ThreadId thread;
  Access access;
  uint32_t seq; // 1-based position in its thread
  VectorClock clock;
};

/// A race found by the happens-before pass, to reverse at state `at`. A
/// race's reordering and its initials are worked out where it is answered
/// (Explorer::answer), from the steps' clocks.
struct Reversal {
  uint32_t at;
  /// For the threads an exit cut off (`cutOff`): those threads; empty for
  /// a race of two steps.
  std::vector<ThreadId> initials;
  /// The threads an exit cut off: each races with the exit on its own, and
  /// exploring any one that is not asleep answers them all.
  bool cutOff = false;
  /// The race's second step (an index into the analysed steps, equal to
  /// the analysed steps' size for a virtual one) and its thread: with `at`
  /// they give the reversal's sequence (Explorer::reorderingOf).
  uint32_t second = 0;
  ThreadId secondThread = NoThread;
};

/// The states of the current execution's path and who owns each.
struct Path {
  const Execution *execution = nullptr;
  std::vector<Segment *> chain; // root first; each owns from firstOwned()
  SegmentRef last;              // chain.back()

  /// The chain index of the segment that owns `state` (the first states
  /// owned increase along the chain).
  size_t ownerIndex(uint32_t state) const {
    auto it = std::upper_bound(
        chain.begin(), chain.end(), state,
        [](uint32_t x, const Segment *s) { return x < s->firstOwned(); });
    return it == chain.begin() ? 0 : size_t(it - chain.begin()) - 1;
  }
  Segment &owner(uint32_t state) const { return *chain[ownerIndex(state)]; }
  Branching *branching(uint32_t state) const {
    Segment &s = owner(state);
    auto it = s.branching.find(state);
    return it == s.branching.end() ? nullptr : &it->second;
  }
  ThreadId threadAt(uint32_t state) const {
    return execution->events[state].thread;
  }
};

/// An execution a helper runs, or ran, ahead of its branch's turn
/// (Explorer::help): ready once it has run.
struct Ahead {
  SegmentRef owner; // the branch: `thread` at state `depth` of `owner`
  uint32_t depth = 0;
  ThreadId thread = NoThread;
  ExecutionRequest request;
  /// Made while an earlier branch of its state was still pending: its
  /// sleep set counts those as explored (Explorer::nextAhead).
  bool predicted = false;
  std::shared_ptr<Execution> execution;
  bool ready = false;
  size_t events = 0;
  /// What Explorer::analyse gave, and the helper's happens-before pass,
  /// which the fold reads (Explorer::steps_ and the rest).
  std::unique_ptr<ExecutionAnalysis> analysis;
  size_t departs = SIZE_MAX;
  std::vector<Finding> found;
  std::vector<Reversal> reversals;
  std::vector<Step> steps;
  std::vector<uint32_t> skip, lastStep;
  size_t realSteps = 0, threadsSeen = 0, analysedSteps = 0;
  uint32_t analysedFrom = 0;
  std::string cutWhy;

  /// Its number among the executions run ahead (1, 2, ...), and that of
  /// the one it hangs from (0: none, its branch is in the tree): a sibling
  /// of the leftmost path of that execution's wakeup tree, which the fold
  /// of that execution will hang at one of its states (hangBranches), run
  /// before that fold made its branch. `owner` is null until then
  /// (settleHung), and `expected` and `below` stand for what the tree will
  /// hold: the calls of its prefix and its wakeup subtree.
  uint64_t id = 0, parent = 0;
  bool hung = false;
  bool dropped = false; // its branch was not made: nobody takes it
  std::vector<Call> expected;
  std::vector<WakeupNode> below;
  /// The requests of the siblings its own fold will hang (predictHung),
  /// deepest state first, at a state in the order they will be added;
  /// each with the execution run for it once a helper took it.
  struct Sibling {
    uint32_t depth;
    ThreadId thread;
    std::vector<ThreadId> sleeping, hint;
    std::vector<WakeupNode> below;
    std::shared_ptr<Ahead> taken;
  };
  enum class Hang { NotLooked, Looking, Looked } hang = Hang::NotLooked;
  std::vector<Sibling> siblings;
};

class Explorer {
public:
  using Lock = ExplorationWorkers::Lock;

  explicit Explorer(const ExploreOptions &options,
                    std::vector<ExplorationRoot> roots = {})
      : options_(options), roots_(std::move(roots)),
        start_(std::chrono::steady_clock::now()) {
    queue_.setDepthFirst(true); // until the tree looks beyond the budget
    if (options.reduce && options.shardIndex <= 1 &&
        (options.strategy == Strategy::Portfolio ||
         options.strategy == Strategy::Symmetric))
      symmetric_ = std::make_unique<SymmetricSearch>(options.retryBound,
                                                     options.spuriousWakeups);
  }

  Report run(Program &program, const ProgressFn &progress,
             const ProgramFactory &copies) {
    Lock lock(workers_.mutex());
    if (getenv("TANGLE_PROFILE_WORKERS")) { // a debugging aid (workers.h)
      workers_.enableProfiles(std::max<uint32_t>(options_.jobs, 1));
      workers_.profileWorker(0, 0);
    }
    report_.stats.seed = options_.seed;
    if (!options_.shardCount)
      runBranch(program, lock, nullptr, 0, NoThread);
    work(program, lock, progress, copies ? &copies : nullptr);
    ExplorationWorkers::finishProfile();
    ExplorationWorkers::unlocked(lock, [&] { workers_.joinAll(); });
    if (workers_.profilesEnabled()) {
      workers_.printProfiles(stderr);
      fprintf(stderr,
              "tangle: executions run ahead and folded in: %llu (%llu "
              "predicted behind an earlier pending branch of their "
              "state, %llu hung by a fold not yet made); run ahead by "
              "another request than their branch's: %llu; hung ones "
              "whose branch was not made: %llu\n",
              (unsigned long long)report_.stats.aheadTaken,
              (unsigned long long)report_.stats.aheadPredicted,
              (unsigned long long)report_.stats.aheadHung,
              (unsigned long long)report_.stats.aheadMismatched,
              (unsigned long long)aheadHungDropped_);
    }
    report_.stats = stats();
    if (report_.stats.stoppedBy.empty()) {
      if (!queue_.empty() || nextRoot_ < roots_.size())
        report_.stats.stoppedBy = stoppedBy();
      else if (boundPruned_)
        report_.stats.stoppedBy = "preemption-bound";
      else if (cutShort_)
        report_.stats.stoppedBy = "execution-limit";
      else if (atomicsCut_)
        report_.stats.stoppedBy = "atomic-limit";
      else if (!limitReached_.empty())
        report_.stats.stoppedBy = limitReached_;
      else if (!report_.stats.error.empty()) // after the last branch ran
        report_.stats.stoppedBy = "error";
    }
    report_.stats.complete =
        report_.stats.stoppedBy.empty() && report_.stats.error.empty();
    addLockOrderFindings();
    if (report_.stats.complete) // the size of the space is known now
      report_.stats.estimatedLog10 =
          std::log10(double(std::max<uint64_t>(dporRuns(report_.stats), 1)));
    report_.stats.strategy = strategiesRun();
    return std::move(report_);
  }

private:
  /// Starts the next of a shard's roots: its first execution, from the
  /// root's prefix with its sleep set.
  void startRoot(Program &program, Lock &lock) {
    rootDepth_ = uint32_t(roots_[nextRoot_].prefix.size());
    ++nextRoot_;
    runBranch(program, lock, nullptr, 0, NoThread);
  }

  /// One worker's share: takes pending branches (and random turns) until
  /// none is left and no execution that could add one is running, or the
  /// exploration stops. Worker 0 (the caller of run) also starts the
  /// others, once the exploration has run options_.jobsAfterSeconds.
  void work(Program &program, Lock &lock, const ProgressFn &progress,
            const ProgramFactory *copies) {
    for (;;) {
      if (copies && options_.jobs > 1 && !workers_.started() &&
          !queue_.empty() && elapsed() >= options_.jobsAfterSeconds)
        startWorkers(progress, *copies);
      if (!stoppedBy().empty())
        break;
      // An empty queue with no execution running is a complete DPOR,
      // whatever the strategy: random schedules never decide that. A shard
      // takes its roots one after the other, each once the tree below the
      // one before is done: each part is searched as one tree would be.
      if (queue_.empty()) {
        if (workers_.running() == 0 && nextRoot_ < roots_.size()) {
          startRoot(program, lock);
          continue;
        }
        if (workers_.running() == 0)
          break;
        workers_.waitForChange(lock);
        continue;
      }
      if (progress && !progress(stats())) {
        report_.stats.stoppedBy = "interrupted";
        break;
      }
      if (randomTurn()) {
        if (symmetricTurn())
          runSymmetric(program, lock);
        else
          runRandom(program, lock);
        continue;
      }
      if (queue_.depthFirst() && tooBigForDepthFirst())
        queue_.setDepthFirst(false); // for good: see BranchQueue
      Branch b = queue_.top();
      queue_.pop();
      const Branching &node = b.owner->branching.at(b.depth);
      if (contains(node.done, b.thread) || contains(node.sleep, b.thread)) {
        close(b.owner->subtree);
        continue;
      }
      // Branches of one state start in the order they were added (the
      // wakeup tree's order) whatever the queue's order: one added before
      // `b` was checked against the threads explored there then, not
      // against `b`, and with `b` asleep in it (b's thread independent of
      // what it does) it would end sleep-blocked. `b` waits for its turn,
      // with its own cost, so the coverage statement stays true.
      ThreadId first = firstPending(node);
      if (first != b.thread) {
        for (Subtree *t = b.owner->subtree.get(); t; t = t->parent.get())
          ++t->open;
        queue_.push(b);
      }
      runBranch(program, lock, b.owner, b.depth, first);
      lastWasRandom_ = false;
    }
    exploring_ = false;
    workers_.stopped();
  }

  /// A helper's share (workers 1 .. jobs - 1, each with its own copy of
  /// the program): worker 0 alone takes DPOR's branches, in the order one
  /// worker takes them, and folds them; a helper runs ahead the branches
  /// that are to come (nextAhead), and worker 0 takes the execution instead
  /// of running it (takeAhead). A pending branch's request (its schedule
  /// prefix, its sleep set and the leftmost path of its wakeup tree) is
  /// known before its turn: the prefix and the hint never change, and the
  /// sleep set is the state's sleepers and the branches explored there
  /// before it, which are the ones added there before it. So the execution
  /// run ahead is the one worker 0 would run: the search is one worker's,
  /// every execution, in the same order, and none ends sleep-blocked that
  /// does not with one worker (docs/exploration.md, "Parallel
  /// exploration"). The same holds for the siblings that the fold of an
  /// execution run ahead will hang, which a helper runs before that fold
  /// (hungNext, predictHung).
  /// The turns that are not DPOR's (random and symmetric schedules) a
  /// helper takes itself, as worker 0 does.
  void help(Program &program, Lock &lock, const ProgressFn &progress) {
    while (exploring_ && stoppedBy().empty()) {
      if (randomTurn() && !queue_.empty()) {
        if (progress && !progress(stats())) {
          report_.stats.stoppedBy = "interrupted";
          break;
        }
        if (symmetricTurn())
          runSymmetric(program, lock);
        else
          runRandom(program, lock);
        continue;
      }
      std::shared_ptr<Ahead> toHang;
      std::shared_ptr<Ahead> a = nextAhead(toHang);
      if (toHang) {
        hangFrom(lock, toHang);
        continue;
      }
      if (!a) {
        workers_.waitForChange(lock);
        continue;
      }
      std::vector<Call> expected =
          a->owner ? callsOf(*a->owner, a->depth) : std::move(a->expected);
      ExplorationWorkers::unlocked(lock, [&] {
        auto e = std::make_shared<Execution>();
        runProgram(program, a->request, *e);
        a->analysis = std::make_unique<ExecutionAnalysis>();
        analyse(*e, true, a->depth, expected, *a->analysis, a->departs,
                a->found, a->reversals);
        // The happens-before pass's steps go with it (the fold reads them).
        exchangePass(*a);
        a->execution = std::move(e);
      });
      a->ready = true;
      a->events = a->execution->events.size();
      if (a->dropped) // its branch was not made (settleHung)
        a->execution.reset();
      else
        aheadEvents_ += a->events;
      workers_.notify();
    }
    workers_.stopped();
  }

  /// The branch to run ahead: of the pending branches not yet run ahead,
  /// the one worker 0 takes first (but for its very next), with the request
  /// worker 0 will build for it: a branch behind others pending at its
  /// state gets the sleep set it will have once they are explored
  /// (docs/exploration.md, "Parallel exploration"). Null when there is
  /// none, or AheadMost executions (or AheadEventsMost steps) wait already,
  /// or --max-executions would be passed.
  /// Or, in `toHang`, an execution run ahead whose siblings to hang are to
  /// be worked out first (hangFrom), or a sibling to run (hungNext): in
  /// worker 0's order they come right after the execution they hang from.
  std::shared_ptr<Ahead> nextAhead(std::shared_ptr<Ahead> &toHang) {
    if (ahead_.size() >= AheadMost || aheadEvents_ >= AheadEventsMost)
      return nullptr;
    const ExploreStats &s = report_.stats;
    if (options_.maxExecutions && s.executions + s.sleepBlocked +
                                          s.retryBounded + workers_.running() +
                                          ahead_.size() >=
                                      options_.maxExecutions)
      return nullptr;
    // The pending branches in the order worker 0 takes them, as far as it
    // is known now: state by state in the queue's order, and at a state in
    // the order they were added (firstPending). A fold may still add a
    // branch at a nearer state, which then goes first; one added at these
    // states goes after theirs; so whatever a helper runs, worker 0 takes
    // it in its turn (unless the exploration stops first). The helper
    // takes the first of them not run ahead yet, but for the very first,
    // worker 0's next branch, which it takes only when no other is left.
    // (Ordered philosophers: a helper that took it first had worker 0 wait
    // for it, and the two took turns rather than ran at once; but with
    // nothing else to run, one started now ends sooner than worker 0
    // could end it.)
    // The queue's heap is walked in its order, lazily (a heap of its
    // indices: a node comes after its parent), over at most AheadScan
    // entries: a queue of 10^5 branches is not walked under the lock for
    // each execution run ahead. While half of the AheadMost places are
    // free, any state within those entries will do; past that, only the
    // 2 * jobs + 1 nearest: far ones wait in memory until worker 0 gets
    // there, and must leave places for the near ones a fold adds.
    const size_t statesMost = ahead_.size() < AheadMost / 2
                                  ? SIZE_MAX
                                  : 2 * size_t(options_.jobs) + 1;
    const std::vector<Branch> &entries = queue_.entries();
    auto later = [&](size_t x, size_t y) {
      return queue_.before(entries[y], entries[x]);
    };
    std::vector<size_t> &heap = aheadHeapScratch_;
    heap.clear();
    if (!entries.empty())
      heap.push_back(0);
    std::vector<std::pair<const Segment *, uint32_t>> &seen = aheadSeenScratch_;
    seen.clear();
    const Branch *best = nullptr, *next = nullptr;
    ThreadId bestThread = NoThread, nextThread = NoThread;
    bool bestPredicted = false;
    std::shared_ptr<Ahead> sibling;
    for (size_t walked = 0; !heap.empty() && walked < AheadScan && !best &&
                            !sibling && !toHang && seen.size() < statesMost;
         ++walked) {
      std::pop_heap(heap.begin(), heap.end(), later);
      const size_t k = heap.back();
      heap.pop_back();
      for (size_t c : {2 * k + 1, 2 * k + 2})
        if (c < entries.size()) {
          heap.push_back(c);
          std::push_heap(heap.begin(), heap.end(), later);
        }
      const Branch *b = &entries[k];
      std::pair<const Segment *, uint32_t> state{b->owner.get(), b->depth};
      if (contains(seen, state))
        continue;
      seen.push_back(state);
      auto it = b->owner->branching.find(b->depth);
      if (it == b->owner->branching.end())
        continue;
      const Branching &node = it->second;
      bool first = true;
      for (ThreadId t : node.backtrack) {
        if (contains(node.done, t) || contains(node.sleep, t))
          continue;
        auto found = findAhead(b->owner, b->depth, t);
        bool taken = found != ahead_.end();
        // Once run, its fold's siblings come next in worker 0's order
        // (before those of later states: they are deeper).
        if (taken && hungNext(*found, toHang, sibling))
          break;
        if (!next) { // worker 0's next
          next = b;
          nextThread = taken ? NoThread : t;
        } else if (!taken) {
          best = b;
          bestThread = t;
          bestPredicted = !first;
          break;
        }
        first = false;
        if (!predictAhead_)
          break; // the first pending branch only
      }
    }
    if (toHang || sibling)
      return sibling;
    if (!best && nextThread != NoThread) {
      best = next;
      bestThread = nextThread;
    }
    if (!best)
      return nullptr;
    auto a = std::make_shared<Ahead>();
    a->id = ++aheadIds_;
    a->owner = best->owner;
    a->depth = best->depth;
    a->thread = bestThread;
    a->predicted = bestPredicted;
    const Branching &node = best->owner->branching.at(best->depth);
    a->request = baseRequest();
    a->request.prefix = prefixOf(*best->owner, best->depth, bestThread);
    // The branches pending before it here are explored before it starts
    // (firstPending), each then asleep in it unless they conflict.
    std::vector<ThreadId> before;
    for (ThreadId p : node.backtrack) {
      if (p == bestThread)
        break;
      if (!contains(node.done, p) && !contains(node.sleep, p))
        before.push_back(p);
    }
    sleepOf(node, bestThread, a->request.sleeping, nullptr, &before);
    for (const auto &[thread, below] : node.wakeup)
      if (thread == bestThread)
        a->request.hint = leftmostPath(below);
    ahead_.push_back(a);
    return a;
  }

  /// Exchanges this worker's happens-before pass (steps_ and what goes
  /// with it) with the one `a` carries: a helper hands its pass over with
  /// the execution it ran ahead, worker 0 takes it to fold. The index
  /// waitsForFirstFar made of the steps this worker had stays behind.
  void exchangePass(Ahead &a) {
    std::swap(steps_, a.steps);
    std::swap(skip_, a.skip);
    std::swap(lastStep_, a.lastStep);
    std::swap(realSteps_, a.realSteps);
    std::swap(threadsSeen_, a.threadsSeen);
    std::swap(analysedSteps_, a.analysedSteps);
    std::swap(analysedFrom_, a.analysedFrom);
    std::swap(cutWhy_, a.cutWhy);
    lockIndex_.ready = false;
  }

  /// Whether helpers run ahead the siblings a fold will hang
  /// (predictHung): only where worker 0 takes them right after the
  /// execution they hang from (depth-first), and where the fold hangs each
  /// (no preemption bound to leave one out). TANGLE_HANG_AHEAD=0 turns it
  /// off, to measure against.
  bool hangsAhead() const {
    return hangAhead_ && options_.reduce && options_.preemptionBound < 0 &&
           queue_.depthFirst();
  }

  /// Below an execution run ahead, `a`, in worker 0's order: the first of
  /// the siblings its fold will hang that no helper took yet (`sibling`,
  /// taken now), each after those below the ones before it; or `a` (or
  /// one below), which is to be looked at first (`toHang`). False: none.
  /// (`a` by value: taking a sibling grows ahead_, which may hold `a`.)
  bool hungNext(std::shared_ptr<Ahead> a, std::shared_ptr<Ahead> &toHang,
                std::shared_ptr<Ahead> &sibling) {
    if (!hangsAhead() || !a->ready || a->dropped || !a->execution)
      return false;
    if (a->hang == Ahead::Hang::NotLooked) {
      toHang = a;
      return true;
    }
    if (a->hang == Ahead::Hang::Looking)
      return false;
    for (Ahead::Sibling &s : a->siblings) {
      if (!s.taken) {
        // Places for the tree's own branches stay free (nextAhead).
        if (ahead_.size() >= AheadMost / 2)
          return false;
        sibling = takeSibling(*a, s);
        return true;
      }
      if (hungNext(s.taken, toHang, sibling))
        return true;
    }
    return false;
  }

  /// The execution to run ahead for sibling `s` of `x`'s fold: the request
  /// worker 0 will build once that fold made its branch (settleHung binds
  /// it to it then).
  std::shared_ptr<Ahead> takeSibling(const Ahead &x, Ahead::Sibling &s) {
    auto c = std::make_shared<Ahead>();
    c->id = ++aheadIds_;
    c->parent = x.id;
    c->hung = true;
    c->depth = s.depth;
    c->thread = s.thread;
    c->request = baseRequest();
    const std::vector<Event> &events = x.execution->events;
    c->request.prefix.reserve(s.depth + 1);
    c->expected.reserve(s.depth);
    for (uint32_t k = 0; k < s.depth; ++k) {
      c->request.prefix.push_back(events[k].thread);
      c->expected.push_back(callOf(events[k]));
    }
    c->request.prefix.push_back(s.thread);
    c->request.sleeping = std::move(s.sleeping);
    c->request.hint = std::move(s.hint);
    c->below = std::move(s.below);
    s.taken = c;
    ahead_.push_back(c);
    return c;
  }

  /// Works out the siblings x's fold will hang (predictHung), the lock
  /// released meanwhile. Its wakeup subtree: the tree's, while its branch
  /// is pending there, or the one it was taken with (takeSibling).
  void hangFrom(Lock &lock, const std::shared_ptr<Ahead> &x) {
    x->hang = Ahead::Hang::Looking;
    std::vector<WakeupNode> tree;
    if (!x->owner)
      tree = std::move(x->below);
    else if (const std::vector<WakeupNode> *below =
                 x->owner->branching.at(x->depth).subtree(x->thread))
      tree = *below;
    // The fold adds nothing where it departs, fails or stops its walk.
    const bool hangs = !tree.empty() && wakeupNodes(tree) <= HangNodesMost &&
                       x->departs == SIZE_MAX && x->cutWhy.empty() &&
                       x->analysis && x->analysis->error.empty() &&
                       x->execution->end != EndReason::Error &&
                       x->execution->end != EndReason::Diverged;
    std::vector<Ahead::Sibling> siblings;
    if (hangs) {
      std::shared_ptr<const Execution> e = x->execution; // worker 0 may take it
      std::vector<ThreadId> sleep = x->request.sleeping;
      const uint32_t depth = x->depth;
      ExplorationWorkers::unlocked(lock, [&] {
        predictHung(*e, depth, std::move(sleep), tree, siblings);
      });
    }
    x->siblings = std::move(siblings);
    x->hang = Ahead::Hang::Looked;
    workers_.notify();
  }

  /// The siblings that the fold of `e`, a branch's execution from state
  /// `depth` with sleep set `sleep` that entered wakeup subtree `tree`,
  /// hangs at the states it passes through (walkStates, hangBranches),
  /// each with its request: prefix (e's, to its state), sleep set (as
  /// sleepOf will make it once the siblings before it there are explored)
  /// and hint; deepest state first. It replays e as the walk does, with
  /// the sleep set the walk carries, and hangs as hangBranches does at
  /// states that are new (no branch added there before it).
  /// docs/exploration.md, "Parallel exploration", says why each request is
  /// the one worker 0 builds.
  void predictHung(const Execution &e, uint32_t depth,
                   std::vector<ThreadId> sleep, std::vector<WakeupNode> &tree,
                   std::vector<Ahead::Sibling> &out) const {
    const size_t n = e.events.size();
    Replayer replay(e, options_.retryBound, options_.spuriousWakeups);
    const Machine &m = replay.machine();
    std::vector<WakeupNode> *level = &tree;
    std::vector<ThreadId> enabled, before;
    std::vector<std::pair<ThreadId, std::vector<WakeupNode> *>> added;
    Branching node;
    for (uint32_t i = 0; i < n && level; ++i) {
      const ThreadId took = e.events[i].thread;
      if (i > depth) {
        enabled.clear();
        node.pending.clear();
        replay.forEachPending([&](ThreadId t) {
          node.pending.push_back(t);
          if (replay.schedulable(t))
            enabled.push_back(t);
        });
        noteConflicts(node, m);
        node.sleep = sleep;
        node.backtrack = {took};
        node.done = {took};
        added.clear();
        // As addBacktrack, a thread once.
        std::vector<WakeupNode> *below = forEachHung(
            *level, took, sleep, enabled,
            [&](ThreadId t, std::vector<WakeupNode> *children) {
              if (!contains(node.backtrack, t)) {
                node.backtrack.push_back(t);
                added.push_back({t, children});
              }
            },
            [](ThreadId) {});
        before.clear();
        for (auto &[thread, children] : added) {
          Ahead::Sibling s;
          s.depth = i;
          s.thread = thread;
          sleepOf(node, thread, s.sleeping, nullptr, &before);
          if (children) {
            s.hint = leftmostPath(*children);
            s.below = std::move(*children);
          }
          out.push_back(std::move(s));
          before.push_back(thread);
        }
        size_t kept = 0;
        for (size_t k = 0; k < sleep.size(); ++k)
          if (sleep[k] != took && !m.conflicts(took, sleep[k]))
            sleep[kept++] = sleep[k];
        sleep.resize(kept);
        level = below;
      }
      Outcome outcome;
      std::string error;
      if (!level || !replay.step(outcome, error))
        break;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Ahead::Sibling &x, const Ahead::Sibling &y) {
                       return x.depth > y.depth;
                     });
  }

  /// After the fold of `id`, an execution run ahead, into `segment` (null:
  /// it made none): the siblings run ahead from it whose branch it made
  /// take that branch; the others, and those below them, are dropped.
  void settleHung(uint64_t id, const SegmentRef &segment) {
    std::vector<uint64_t> gone;
    for (size_t k = 0; k < ahead_.size();) {
      Ahead &c = *ahead_[k];
      if (c.parent != id) {
        ++k;
        continue;
      }
      const Branching *node = nullptr;
      if (segment) {
        auto it = segment->branching.find(c.depth);
        if (it != segment->branching.end())
          node = &it->second;
      }
      if (node && contains(node->backtrack, c.thread) &&
          !contains(node->done, c.thread) && !contains(node->sleep, c.thread)) {
        c.owner = segment;
        c.parent = 0;
        ++k;
        continue;
      }
      gone.push_back(c.id);
      dropAhead(k);
    }
    while (!gone.empty()) {
      uint64_t g = gone.back();
      gone.pop_back();
      for (size_t k = 0; k < ahead_.size();)
        if (ahead_[k]->parent == g) {
          gone.push_back(ahead_[k]->id);
          dropAhead(k);
        } else {
          ++k;
        }
    }
  }

  void dropAhead(size_t k) {
    Ahead &c = *ahead_[k];
    c.dropped = true;
    if (c.ready) {
      aheadEvents_ -= c.events;
      c.execution.reset();
    }
    ++aheadHungDropped_;
    ahead_.erase(ahead_.begin() + ptrdiff_t(k));
  }

  std::vector<std::shared_ptr<Ahead>>::iterator
  findAhead(const SegmentRef &owner, uint32_t depth, ThreadId thread) {
    return std::find_if(ahead_.begin(), ahead_.end(), [&](const auto &a) {
      return a->owner == owner && a->depth == depth && a->thread == thread;
    });
  }

  /// The execution a helper ran ahead for this branch (waiting, the lock
  /// released, while it still runs), or null: none was, or its request
  /// is not this one (which the argument at help() says cannot happen; it
  /// is then run again, counted in aheadMismatched).
  std::shared_ptr<Ahead> takeAhead(Lock &lock, const SegmentRef &owner,
                                   uint32_t depth, ThreadId thread,
                                   const ExecutionRequest &request) {
    auto it = findAhead(owner, depth, thread);
    if (it == ahead_.end())
      return nullptr;
    std::shared_ptr<Ahead> a = *it;
    while (!a->ready)
      workers_.waitForChange(lock);
    ahead_.erase(std::find(ahead_.begin(), ahead_.end(), a));
    aheadEvents_ -= a->events;
    takenAhead_ = a->id; // what was run ahead below it settles after the fold
    if (!a->execution || a->request.prefix != request.prefix ||
        a->request.sleeping != request.sleeping ||
        a->request.hint != request.hint) {
      ++report_.stats.aheadMismatched;
      return nullptr;
    }
    ++report_.stats.aheadTaken;
    report_.stats.aheadPredicted += a->predicted;
    report_.stats.aheadHung += a->hung;
    return a;
  }

  /// The first thread of `node`'s branches, in the order they were added,
  /// that is neither explored there nor asleep.
  static ThreadId firstPending(const Branching &node) {
    for (ThreadId p : node.backtrack)
      if (!contains(node.done, p) && !contains(node.sleep, p))
        return p;
    return NoThread;
  }

  /// Workers 1 .. jobs - 1, each in its own thread with its own copy of
  /// the program, made and destroyed there (a live program's processes
  /// die with the thread that started them).
  void startWorkers(const ProgressFn &progress, const ProgramFactory &copies) {
    workers_.start(options_.jobs, [this, &progress, &copies](uint32_t index) {
      std::string error;
      std::unique_ptr<Program> copy = copies(index, error);
      if (!copy)
        return; // the others explore everything
      {
        double asked = ExplorationWorkers::now();
        Lock lock(workers_.mutex());
        if (workers_.profilesEnabled())
          workers_.profileWorker(index, ExplorationWorkers::now() - asked);
        ++report_.stats.jobs;
        help(*copy, lock, progress);
        ExplorationWorkers::finishProfile();
      }
      copy.reset();
    });
  }

  /// The executions DPOR chose (the random ones are counted as executions).
  static uint64_t dporRuns(const ExploreStats &s) {
    return s.executions + s.sleepBlocked + s.retryBounded - s.randomSchedules -
           s.symmetricSchedules;
  }

  /// Whether the next execution is a random schedule: always for PCT and
  /// POS; for the portfolio, every other one once the DPOR tree looks
  /// larger than what the rest of the budget can run.
  bool randomTurn() const {
    switch (options_.strategy) {
    case Strategy::Dpor:
      return false;
    case Strategy::Pct:
    case Strategy::Pos:
      return true;
    case Strategy::Portfolio:
      return !lastWasRandom_ && beyondBudget();
    case Strategy::Symmetric:
      return symmetric_ && !symmetric_->empty();
    }
    return false;
  }

  /// Whether a turn that is not DPOR's goes to the symmetric preemption
  /// search: in the portfolio every other one while it has schedules left
  /// (the random schedules take the others), always for --strategy sym.
  bool symmetricTurn() {
    if (!symmetric_ || symmetric_->empty())
      return false;
    if (options_.strategy == Strategy::Symmetric)
      return true;
    return otherTurns_++ % 2 == 0;
  }

  /// Runs one execution of the program (without the lock).
  static Execution runProgram(Program &program,
                              const ExecutionRequest &request) {
    Execution e;
    runProgram(program, request, e);
    return e;
  }
  /// Runs into `into`: in runBranch, this worker's last execution when
  /// nothing kept it (newExecution), whose room the program may reuse.
  static void runProgram(Program &program, const ExecutionRequest &request,
                         Execution &into) {
    if (!ExplorationWorkers::profiling())
      return program.runInto(request, into);
    double start = ExplorationWorkers::now();
    program.runInto(request, into);
    ExplorationWorkers::noteProgramRun(ExplorationWorkers::now() - start);
  }
  static std::shared_ptr<Execution> newExecution() {
    if (spareExecution_ && spareExecution_.use_count() == 1)
      return std::move(spareExecution_);
    return std::make_shared<Execution>();
  }

  /// Runs a schedule that is not DPOR's (symmetric or random): without the
  /// lock, runs it, analyses it and looks for findings in it; then, under
  /// the lock, `fold(execution, analysis, found)`.
  template <typename Fold>
  void runOutsideTree(Program &program, Lock &lock,
                      const ExecutionRequest &request, Fold fold) {
    workers_.beginExecution();
    ExecutionAnalysis analysis;
    std::vector<Finding> found;
    auto execution = ExplorationWorkers::unlocked(lock, [&] {
      auto e = std::make_shared<Execution>(runProgram(program, request));
      if (e->end != EndReason::Error && e->end != EndReason::Diverged &&
          e->end != EndReason::RetryBounded) {
        analysis = analyzeExecution(*e, options_.retryBound,
                                    options_.spuriousWakeups);
        if (analysis.error.empty())
          found = detect(*e, analysis);
      }
      return e;
    });
    fold(execution, analysis, std::move(found));
    workers_.endExecution();
  }

  /// Runs the symmetric preemption search's next schedule. Like a random
  /// one, it adds nothing to the DPOR tree and a limit it reaches only
  /// drops it; its findings are recorded like any other, and an execution
  /// that ran to its end gives the search its next deviations.
  void runSymmetric(Program &program, Lock &lock) {
    SymmetricSearch::Candidate candidate = symmetric_->next();
    lastWasRandom_ = true;
    ranSymmetric_ = true;
    ExecutionRequest request = baseRequest();
    request.prefix = candidate.prefix;
    runOutsideTree(program, lock, request,
                   [&](const std::shared_ptr<Execution> &execution,
                       const ExecutionAnalysis &analysis,
                       std::vector<Finding> found) {
                     foldSymmetric(execution, candidate, analysis,
                                   std::move(found));
                   });
  }

  void foldSymmetric(const std::shared_ptr<Execution> &execution,
                     const SymmetricSearch::Candidate &candidate,
                     const ExecutionAnalysis &analysis,
                     std::vector<Finding> found) {
    ExploreStats &s = report_.stats;
    ++s.symmetricSchedules;
    ++s.executions;
    s.steps += execution->events.size();
    if (execution->budgetEnded) {
      budgetEnded(*execution);
      if (execution->end == EndReason::Error) // cut inside its prefix
        return;
    }
    if (execution->end == EndReason::Error) {
      s.error = execution->error.empty() ? "the program could not be run"
                                         : execution->error;
      return;
    }
    // A program that does not repeat a prefix is DPOR's to report (its
    // branches compare every call); here the schedule is only dropped.
    if (execution->end == EndReason::Diverged)
      return;
    noteSize(*execution);
    if (execution->end == EndReason::RetryBounded)
      return;
    if (!analysis.error.empty()) {
      failAnalysis(analysis);
      return;
    }
    record(execution, analysis, "sym", std::move(found));
    const bool cut = execution->truncated || execution->atomicsUnscheduled ||
                     execution->end == EndReason::StepLimit ||
                     execution->end == EndReason::Timeout ||
                     execution->end == EndReason::LimitReached;
    if (!cut)
      symmetric_->add(*execution, uint32_t(candidate.prefix.size()),
                      candidate.deviations);
  }

  /// Whether the estimate of the DPOR tree's executions not yet run exceeds
  /// what the budget left can run at the rate so far, in a tree of at least
  /// RandomTreeLog10 executions. Without a budget (--timeout 0, no
  /// --max-executions) DPOR can always finish: false. A small tree whose
  /// executions are slow (1,000 forks each) stays DPOR's alone: a random
  /// schedule there would only take the turn of a DPOR execution that
  /// brings a finding or a proof, and has no space to sample.
  bool beyondBudget(double minLog10 = RandomTreeLog10) const {
    const ExploreStats s = stats();
    const uint64_t all = s.executions + s.sleepBlocked + s.retryBounded;
    double capacity = HUGE_VAL;
    if (options_.maxExecutions)
      capacity = double(options_.maxExecutions) - double(all);
    double seconds = elapsed();
    if (options_.timeoutSeconds > 0 && seconds > 0)
      capacity = std::min(capacity, double(all) / seconds *
                                        (options_.timeoutSeconds - seconds));
    if (capacity == HUGE_VAL || s.estimatedLog10 < minLog10)
      return false;
    // Compared as powers of ten: the estimate may be far past a double.
    double left = s.estimatedLog10 > 15
                      ? HUGE_VAL
                      : std::pow(10.0, s.estimatedLog10) - double(dporRuns(s));
    return left > capacity;
  }

  /// Whether DPOR's tree looks too big to explore to its end: estimated at
  /// more than 10^DepthFirstTreeLog10 executions, or at more than
  /// --max-executions leaves. Then the search goes fewest preemptions first
  /// (BranchQueue), whose coverage statement says more when it stops early.
  /// Decided by the executions alone, not the time: the same in every run.
  bool tooBigForDepthFirst() const {
    const ExploreStats s = stats();
    if (s.estimatedLog10 > DepthFirstTreeLog10)
      return true;
    if (!options_.maxExecutions)
      return false;
    const uint64_t all = s.executions + s.sleepBlocked + s.retryBounded;
    return std::pow(10.0, s.estimatedLog10) - double(dporRuns(s)) >
           double(options_.maxExecutions) - double(all);
  }

  /// The policy of random schedule number `index` (from 0): PCT at depths
  /// 1, 2, 3 in turn and POS, as the strategy says. Each one's seed comes
  /// from --seed and its number alone, so that it is the same in every run.
  SchedulePolicy randomPolicy(uint64_t index) const {
    SchedulePolicy policy;
    uint64_t rng = options_.seed * 0x9e3779b97f4a7c15ull + index;
    auto next = [&rng] {
      rng += 0x9e3779b97f4a7c15ull;
      uint64_t x = rng;
      x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
      x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
      return x ^ (x >> 31);
    };
    policy.seed = next();
    uint32_t depth = 0; // 0: POS
    if (options_.strategy == Strategy::Pct)
      depth = uint32_t(index % 3) + 1;
    else if (options_.strategy == Strategy::Portfolio)
      depth = uint32_t(index % 4) < 3 ? uint32_t(index % 4) + 1 : 0;
    if (depth == 0) {
      policy.kind = SchedulePolicy::Pos;
      return policy;
    }
    policy.kind = SchedulePolicy::Pct;
    policy.depth = depth;
    // d - 1 change points, uniformly among the k steps of the longest
    // execution so far.
    const uint64_t k = std::max<uint64_t>(maxSteps_, 1);
    for (uint32_t i = 0; i + 1 < depth; ++i)
      policy.changePoints[i] = next() % k + 1;
    return policy;
  }

  /// Runs one random schedule. Its findings are recorded like any other;
  /// it adds nothing to the DPOR tree, and a limit it reaches is not noted
  /// (it only drops that schedule): random schedules never decide the
  /// verdict but by a finding.
  void runRandom(Program &program, Lock &lock) {
    // Shards share the random schedules out by their numbers.
    SchedulePolicy policy =
        randomPolicy(options_.shardCount
                         ? randomIssued_++ * options_.shardCount +
                               options_.shardIndex - 1
                         : randomIssued_++);
    lastWasRandom_ = true;
    ExecutionRequest request = baseRequest();
    request.policy = policy;
    runOutsideTree(program, lock, request,
                   [&](const std::shared_ptr<Execution> &execution,
                       const ExecutionAnalysis &analysis,
                       std::vector<Finding> found) {
                     foldRandom(execution, policy, analysis, std::move(found));
                   });
  }

  void foldRandom(const std::shared_ptr<Execution> &execution,
                  const SchedulePolicy &policy,
                  const ExecutionAnalysis &analysis,
                  std::vector<Finding> found) {
    ExploreStats &s = report_.stats;
    ++s.randomSchedules;
    ++s.executions;
    s.steps += execution->events.size();
    if (policy.kind == SchedulePolicy::Pct) {
      s.pctDepth = std::max(s.pctDepth, policy.depth);
      ++s.pctSchedules;
      ranPct_ = true;
    } else {
      ++s.posSchedules;
      ranPos_ = true;
    }
    if (execution->budgetEnded) {
      budgetEnded(*execution);
      if (execution->end == EndReason::Error) // cut inside its prefix
        return;
    }
    if (execution->end == EndReason::Error ||
        execution->end == EndReason::Diverged) {
      s.error = execution->error.empty() ? "the program could not be run"
                                         : execution->error;
      return;
    }
    noteSize(*execution);
    if (execution->end == EndReason::RetryBounded)
      return;
    if (!analysis.error.empty()) {
      failAnalysis(analysis);
      return;
    }
    record(execution, analysis,
           policy.kind == SchedulePolicy::Pct ? "pct" : "pos",
           std::move(found));
  }

  /// An execution whose steps do not replay in the model (its analysis,
  /// run without the lock, says why): the exploration's error.
  void failAnalysis(const ExecutionAnalysis &analysis) {
    report_.stats.error =
        "the program's steps do not replay in the model: " + analysis.error;
  }

  /// The longest execution and the most threads so far: PCT's k and n;
  /// and the first failed exit status.
  void noteSize(const Execution &e) {
    maxSteps_ =
        std::max<uint64_t>(maxSteps_, e.events.size() + e.unrecordedSteps);
    uint32_t threads = 1;
    for (const Event &event : e.events)
      if ((event.op.kind == OpKind::ThreadCreate ||
           event.op.kind == OpKind::ProcessFork) &&
          event.result >= 0)
        ++threads;
    report_.stats.pctThreads = std::max(report_.stats.pctThreads, threads);
    report_.stats.pctSteps = maxSteps_;
    if (e.end == EndReason::Exited && e.exitStatus != 0 &&
        report_.stats.failedExitStatus == 0)
      report_.stats.failedExitStatus = e.exitStatus;
  }

  /// "dpor", "dpor+pct+pos", "pct": what chose the executions. The first
  /// execution (no preemption) is DPOR's first; it counts as DPOR's only
  /// when DPOR went on or finished.
  std::string strategiesRun() const {
    bool dpor = (options_.strategy != Strategy::Pct &&
                 options_.strategy != Strategy::Pos) ||
                queue_.empty();
    std::string out = dpor ? "dpor" : "";
    for (auto [ran, name] :
         {std::pair(ranSymmetric_, "sym"), std::pair(ranPct_, "pct"),
          std::pair(ranPos_, "pos")})
      if (ran)
        out += (out.empty() ? "" : "+") + std::string(name);
    return out;
  }

  ExecutionRequest baseRequest() const {
    ExecutionRequest request;
    request.maxSteps = options_.maxSteps;
    request.timeoutSeconds = options_.executionTimeout;
    // An execution ends with the search's budget: one long execution (a
    // million-step spin) must not run --execution-timeout past --timeout.
    if (options_.timeoutSeconds > 0) {
      double left = options_.timeoutSeconds - elapsed();
      if (left < request.timeoutSeconds) {
        request.timeoutSeconds = std::max(left, 1e-3);
        request.timeoutIsBudget = true;
      }
    }
    request.retryBound = options_.retryBound;
    request.spuriousWakeups = options_.spuriousWakeups;
    return request;
  }

  ExploreStats stats() const {
    ExploreStats s = report_.stats;
    s.seconds = elapsed();
    // Coverage so far: every branch cheaper than the cheapest pending one
    // (or than a cut execution, or past the bound) is explored.
    int64_t frontier = queue_.cheapest();
    frontier = std::min(frontier, minCutCost_);
    if (boundPruned_)
      frontier = std::min<int64_t>(frontier, options_.preemptionBound + 1);
    if (nextRoot_ < roots_.size()) // a shard's root not started: any cost
      frontier = std::min<int64_t>(frontier, 0);
    s.preemptionsComplete = frontier == INT64_MAX
                                ? int32_t(maxCost_)
                                : int32_t(std::max<int64_t>(frontier - 1, -1));
    uint64_t run = dporRuns(s);
    double known = std::log10(double(std::max<uint64_t>(
        run + queue_.size(), 1)));
    s.estimatedLog10 = std::max(known, ordersLog10_);
    // A shard's part is a forest: its roots times a subtree's estimate.
    if (estimateRuns_)
      s.estimatedLog10 = std::max(
          s.estimatedLog10,
          estimateSumLog10_ - std::log10(double(estimateRuns_)) +
              std::log10(double(std::max<size_t>(roots_.size(), 1))));
    return s;
  }

  /// Inside the analysis of one execution, which on a long execution of a
  /// real program can answer millions of races: whether the user asked to
  /// stop (at every unit of work: one atomic load) or the budget ran out
  /// (every `every` units: a unit that can cost microseconds, answering a
  /// race, looks at the clock more often than a step of the walk does).
  /// Then the walk stops where it is, and the stop is
  /// named, so the verdict is incomplete (never clean over the branches the
  /// walk did not add). (The progress callback is not called here: check's
  /// runs a prediction between two executions.)
  /// Touches nothing shared (findRaces calls it without the lock): the
  /// reason is kept in cutWhy_ for cutAnalysis, which the caller holding
  /// the lock calls.
  bool walkOverBudget(uint64_t every = 4096) {
    if (interrupted()) {
      cutWhy_ = "interrupted";
      return true;
    }
    if (++walkWork_ % every != 0)
      return false;
    if (options_.timeoutSeconds > 0 && elapsed() >= options_.timeoutSeconds) {
      cutWhy_ = "timeout";
      return true;
    }
    return false;
  }

  /// Stops the exploration inside the analysis of the execution of
  /// `analysedSteps_` steps, and says so (the limit note, unless an
  /// earlier limit has it): the branches its races would have added are
  /// not in the tree.
  bool cutAnalysis(const char *why) {
    report_.stats.stoppedBy = why;
    // The branches not added start at analysedFrom_ or later: none of them
    // costs fewer preemptions than the schedule that reaches that state.
    if (analysing_ && analysedFrom_ < analysing_->preemptions.size())
      minCutCost_ = std::min<int64_t>(
          minCutCost_, analysing_->preemptions[analysedFrom_]);
    else
      minCutCost_ = 0;
    if (report_.stats.limitNote.empty())
      report_.stats.limitNote =
          std::string(std::string(why) == "timeout"
                          ? "the time budget (--timeout) ran out"
                          : "the exploration was interrupted") +
          " during the analysis of an execution of " +
          std::to_string(analysedSteps_) +
          " steps, before the interleavings its races lead to were all "
          "added to the search";
    return true;
  }

  /// The search's --timeout ended an execution (baseRequest gave it only
  /// what was left of the budget), perhaps before the end of the prefix it
  /// replayed: the search stops by timeout, and what the execution did not
  /// run is unexplored.
  void budgetEnded(const Execution &e) {
    report_.stats.stoppedBy = "timeout";
    // Cut as it started: "stopped by timeout" says all there is.
    if (report_.stats.limitNote.empty() && !e.events.empty())
      report_.stats.limitNote =
          "the time budget (--timeout) ran out during an execution, after " +
          std::to_string(e.events.size()) +
          " steps; what it did not run is unexplored";
  }

  /// The walk (under the lock) stopped at the budget or an interrupt.
  void stopWalk() {
    cutAnalysis(cutWhy_.c_str());
    cutWhy_.clear();
  }

  bool interrupted() const {
    return options_.interrupt &&
           options_.interrupt->load(std::memory_order_relaxed) != 0;
  }

  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start_)
        .count();
  }

  std::string stoppedBy() const {
    const ExploreStats &s = report_.stats;
    if (!s.stoppedBy.empty())
      return s.stoppedBy;
    if (!s.error.empty())
      return "error";
    if (interrupted())
      return "interrupted";
    if (options_.maxExecutions &&
        s.executions + s.sleepBlocked + s.retryBounded +
                workers_.running() >=
            options_.maxExecutions)
      return "max-executions";
    if (options_.timeoutSeconds > 0 && elapsed() >= options_.timeoutSeconds)
      return "timeout";
    if (report_.findings.size() >= options_.maxFindings &&
        options_.maxFindings > 0)
      return "max-findings";
    return "";
  }

  /// The threads run from the root to state `depth` of `owner`, then
  /// `thread`.
  static std::vector<ThreadId> prefixOf(const Segment &owner, uint32_t depth,
                                        ThreadId thread) {
    std::vector<const Segment *> chain;
    for (const Segment *s = &owner; s; s = s->parent.get())
      chain.push_back(s);
    std::vector<ThreadId> prefix;
    prefix.reserve(depth + 1);
    uint32_t limit = depth;
    std::vector<std::pair<const Segment *, uint32_t>> parts;
    for (const Segment *s : chain) {
      parts.push_back({s, limit});
      limit = s->start;
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      const auto &[s, end] = *it;
      assert(end - s->start <= s->steps());
      s->threadsInto(prefix, end - s->start);
    }
    prefix.push_back(thread);
    return prefix;
  }

  /// The calls made from the root to state `depth` of `owner`.
  std::vector<Call> callsOf(const Segment &owner, uint32_t depth) const {
    std::vector<const Segment *> chain;
    for (const Segment *s = &owner; s; s = s->parent.get())
      chain.push_back(s);
    std::vector<Call> calls;
    calls.reserve(depth);
    uint32_t limit = depth;
    std::vector<std::pair<const Segment *, uint32_t>> parts;
    for (const Segment *s : chain) {
      parts.push_back({s, limit});
      limit = s->start;
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      const auto &[s, end] = *it;
      size_t n = std::min<size_t>(end - s->start, s->calls.size());
      for (size_t i = 0; i < n; ++i)
        calls.push_back(calls_[s->calls[i]]);
    }
    return calls;
  }

  /// The program did not repeat what it did under the same schedule (the
  /// time, a random seed, a file left by an earlier run): a finding at the
  /// first step that differs, and the branch is lost (the exploration is
  /// incomplete). `step` indexes execution->events, or is its size when
  /// the run could not take the schedule's next step at all.
  void nondeterministic(const std::shared_ptr<Execution> &execution,
                        uint32_t step, const Call *expected) {
    const Execution &e = *execution;
    Finding f;
    f.kind = FindingKind::ProgramNondeterministic;
    f.execution = execution;
    f.step = step;
    std::string text = "under the same schedule, at step " +
                       std::to_string(step + 1) + " ";
    if (step < e.events.size()) {
      const Event &now = e.events[step];
      f.locations.push_back(now.stack);
      text += std::string("it did ") + opKindName(now.op.kind);
    } else {
      if (!e.crash.stack.empty())
        f.locations.push_back(e.crash.stack);
      text += "it could not go on (" + e.error + ")";
    }
    if (expected) {
      Stack before;
      before.frames[0] = expected->site;
      f.locations.push_back(before);
      text += std::string(", where the earlier execution did ") +
              opKindName(expected->kind);
    }
    f.detail = text;
    for (uint32_t i = 0; i < step && i < e.events.size(); ++i)
      f.schedule.push_back(e.events[i].thread);
    std::vector<uint64_t> sites;
    for (const Stack &where : f.locations)
      sites.push_back(where.frames[0]);
    f.key = findingKey(f.kind, sites, false);
    noteLimit("nondeterministic",
              "the program did not repeat its behaviour under the same "
              "schedule (program.nondeterministic): the interleavings that "
              "branch off after step " +
                  std::to_string(step + 1) + " were not explored");
    if (keys_.count(f.key) ||
        (options_.maxFindings && report_.findings.size() >= options_.maxFindings))
      return;
    keys_[f.key] = report_.findings.size();
    report_.findings.push_back(std::move(f));
    report_.stats.findings = report_.findings.size();
  }

  /// Runs the branch that takes `thread` at state `depth` of `owner` (the
  /// root run when owner is null) and folds the execution into the tree.
  void runBranch(Program &program, Lock &lock, const SegmentRef &owner,
                 uint32_t depth, ThreadId thread) {
    ExecutionRequest request = baseRequest();
    std::vector<ThreadId> sleep;
    std::vector<SubtreeRef> sleepBelow;
    // The branch takes its wakeup subtree and its sleep set with it: they
    // are its alone from here, whichever worker runs it.
    std::vector<WakeupNode> following;
    auto subtree = std::make_shared<Subtree>();
    const uint64_t started = ++started_;
    if (owner) {
      Branching &node = owner->branching.at(depth);
      request.prefix = prefixOf(*owner, depth, thread);
      subtree->parent = owner->subtree;
      // The first execution through this state went on below it; nothing
      // deeper pending or running: it was explored to its end.
      Subtree &first = *node.doneBelow[0];
      if (first.settledAt == UINT64_MAX && workers_.running() == 0 &&
          queue_.deepest() <= depth)
        first.settledAt = started - 1;
      subtree->early = owner->subtree && owner->subtree->early;
      for (const SubtreeRef &left : node.doneBelow)
        subtree->early = subtree->early || left->settledAt == UINT64_MAX;
      for (ThreadId p : node.backtrack) {
        if (p == thread)
          break;
        subtree->early = subtree->early || !contains(node.done, p);
      }
      sleepOf(node, thread, sleep, &sleepBelow);
      node.done.push_back(thread);
      node.doneBelow.push_back(subtree);
      request.sleeping = sleep;
      if (std::vector<WakeupNode> *below = node.subtree(thread)) {
        following = std::move(*below);
        node.wakeup.erase(std::find_if(
            node.wakeup.begin(), node.wakeup.end(),
            [&](const auto &entry) { return entry.first == thread; }));
        request.hint = leftmostPath(following);
      }
    } else if (options_.shardCount) { // a shard's root (shard.h)
      request.prefix = roots_[nextRoot_ - 1].prefix;
      request.sleeping = roots_[nextRoot_ - 1].sleep;
    }

    std::vector<Call> expected;
    if (owner)
      expected = callsOf(*owner, depth);
    // A helper may have run this very request already, and analysed what
    // it ran (help()): the same request runs the same execution.
    std::shared_ptr<Ahead> ranAhead;
    takenAhead_ = 0;
    if (owner && !ahead_.empty())
      ranAhead = takeAhead(lock, owner, depth, thread, request);
    workers_.beginExecution();
    size_t departs = SIZE_MAX; // the first call that differs from expected
    std::vector<Finding> found;
    std::vector<Reversal> reversals;
    std::shared_ptr<Execution> execution;
    ExecutionAnalysis *analysed = &analysisScratch_;
    if (ranAhead) {
      // Its happens-before pass is this worker's from here (steps_).
      Ahead &a = *ranAhead;
      execution = std::move(a.execution);
      analysed = a.analysis.get();
      departs = a.departs;
      found = std::move(a.found);
      reversals = std::move(a.reversals);
      exchangePass(a);
      analysing_ = analysed;
    } else {
      // This worker's, emptied: its vectors keep their room.
      if (!analysed->ownsMemory())
        analysed->ownMemory(64 * 1024); // its Machine's (replay.h)
      analysed->clear();
      // Without the lock: the run, and what depends on the execution alone.
      execution = ExplorationWorkers::unlocked(lock, [&] {
        auto e = newExecution();
        runProgram(program, request, *e);
        analyse(*e, owner != nullptr, depth, expected, *analysed, departs,
                found, reversals);
        return e;
      });
    }
    const ExecutionAnalysis &analysis = *analysed;
    following_ = std::move(following);
    folding_ = subtree;
    foldingStarted_ = started;
    foldedSegment_.reset();
    foldBranch(owner, depth, std::move(sleep), std::move(sleepBelow), execution,
               expected, departs, analysis, std::move(found), reversals);
    if (takenAhead_)
      settleHung(takenAhead_, foldedSegment_);
    foldedSegment_.reset();
    following_.clear();
    folding_.reset();
    close(subtree);
    workers_.endExecution();
    // Nothing kept it (no finding, no witness): the next run reuses it.
    if (execution.use_count() == 1)
      spareExecution_ = std::move(execution);
  }

  /// What depends on a DPOR execution alone (run without the lock, by the
  /// worker that ran it): where it departed from the calls `expected` of
  /// its prefix (a branch's), its analysis, its findings and its races.
  /// The races' steps stay in this worker's steps_.
  void analyse(const Execution &e, bool branch, uint32_t depth,
               const std::vector<Call> &expected, ExecutionAnalysis &analysis,
               size_t &departs, std::vector<Finding> &found,
               std::vector<Reversal> &reversals) {
    if (branch && e.end != EndReason::Error) {
      // The prefix must replay as it ran before: the first call that
      // differs is where the program departed from it.
      size_t n = std::min(expected.size(), e.events.size());
      for (size_t i = 0; i < n && departs == SIZE_MAX; ++i)
        if (!(callOf(e.events[i]) == expected[i]))
          departs = i;
    }
    if (departs != SIZE_MAX || e.end == EndReason::Error ||
        e.end == EndReason::Diverged)
      return;
    analyzeExecution(e, options_.retryBound, options_.spuriousWakeups,
                     analysis);
    if (!analysis.error.empty())
      return;
    if (e.end != EndReason::SleepBlocked && e.end != EndReason::RetryBounded)
      found = detect(e, analysis);
    // The events from the branch on are new; races among the older ones
    // were handled by the executions that ran them first.
    analysedSteps_ = e.events.size();
    analysing_ = &analysis;
    analysedFrom_ = 0; // a new step can race with one before the branch
    cutWhy_.clear();
    if (options_.reduce)
      reversals = findRaces(e, analysis, branch ? depth : 0);
  }

  /// The sleep set of the branch that takes `thread` at `node` now (and
  /// each sleeper's subtree): the threads asleep there or explored there
  /// already that it does not conflict with.
  /// With `before` (a helper's prediction, nextAhead): as it will be once
  /// those threads, pending there now, are explored there too.
  void sleepOf(const Branching &node, ThreadId thread,
               std::vector<ThreadId> &sleep,
               std::vector<SubtreeRef> *sleepBelow,
               const std::vector<ThreadId> *before = nullptr) const {
    if (!options_.reduce)
      return;
    auto keep = [&](ThreadId q) {
      return q != thread && !contains(sleep, q) && !node.conflict(thread, q);
    };
    for (size_t k = 0; k < node.sleep.size(); ++k)
      if (keep(node.sleep[k])) {
        sleep.push_back(node.sleep[k]);
        if (sleepBelow)
          sleepBelow->push_back(node.sleepBelow[k]);
      }
    for (size_t k = 0; k < node.done.size(); ++k)
      if (keep(node.done[k])) {
        sleep.push_back(node.done[k]);
        if (sleepBelow)
          sleepBelow->push_back(node.doneBelow[k]);
      }
    if (before)
      for (ThreadId q : *before)
        if (keep(q))
          sleep.push_back(q);
  }

  /// Folds the execution of a branch into the tree and the report.
  void foldBranch(const SegmentRef &owner, uint32_t depth,
                  std::vector<ThreadId> sleep,
                  std::vector<SubtreeRef> sleepBelow,
                  const std::shared_ptr<Execution> &execution,
                  const std::vector<Call> &expected, size_t departs,
                  const ExecutionAnalysis &analysis, std::vector<Finding> found,
                  const std::vector<Reversal> &reversals) {
    ExploreStats &s = report_.stats;
    s.steps += execution->events.size();
    if (owner && execution->end != EndReason::Error) {
      if (departs != SIZE_MAX) {
        nondeterministic(execution, uint32_t(departs), &expected[departs]);
        return;
      }
      if (execution->end == EndReason::Diverged) {
        uint32_t at = uint32_t(execution->events.size());
        nondeterministic(execution, at,
                         at < expected.size() ? &expected[at] : nullptr);
        return;
      }
    }
    switch (execution->end) {
    case EndReason::Error:
      if (execution->budgetEnded)
        return budgetEnded(*execution);
      s.error = execution->error.empty() ? "the program could not be run"
                                         : execution->error;
      return;
    case EndReason::Diverged:
      // The root run names no thread: it cannot diverge.
      s.error = "the program did not repeat its behaviour under the same "
                "schedule" +
                (execution->error.empty() ? "" : ": " + execution->error);
      return;
    case EndReason::SleepBlocked:
      ++s.sleepBlocked;
      break;
    case EndReason::RetryBounded:
      ++s.retryBounded;
      break;
    case EndReason::StepLimit:
      noteLimit("step-limit", "an execution made more than " +
                                  std::to_string(options_.maxSteps) +
                                  " steps (--max-steps)");
      ++s.executions;
      break;
    case EndReason::Timeout:
      // Only a thread looping without any visible operation is a hang (a
      // finding; its continuation is unexplored); the others hit a limit.
      if (execution->stuck == Execution::Stuck::Looping)
        cutShort_ = true;
      else if (execution->stuck == Execution::Stuck::Blocked)
        noteLimit("blocked-call",
                  "a thread was asleep in " + execution->blockedIn +
                      ", a call tangle does not model, when its execution "
                      "ran out of time (--execution-timeout)");
      else if (execution->budgetEnded)
        budgetEnded(*execution);
      else
        noteLimit("execution-timeout",
                  "an execution was still making steps when it ran out of "
                  "time (--execution-timeout)");
      ++s.executions;
      break;
    case EndReason::LimitReached:
      // Not a finding: the exploration is incomplete, naming the limit.
      if (limitReached_.empty())
        s.stoppedAt = execution->crash.stack; // the unmodelled call's line
      noteLimit(execution->limit.empty() ? "limit" : execution->limit,
                execution->error);
      ++s.executions;
      break;
    default:
      ++s.executions;
    }
    if (execution->truncated)
      noteLimit("step-limit",
                "an execution made more than " +
                    std::to_string(execution->events.size()) +
                    " steps (--max-steps); the other " +
                    std::to_string(execution->unrecordedSteps) +
                    " ran unrecorded" +
                    (execution->end == EndReason::Deadlock
                         ? ", and then every thread was blocked: rerun with "
                           "--max-steps " +
                               std::to_string(execution->events.size() +
                                              execution->unrecordedSteps +
                                              1000) +
                               " to see that deadlock"
                         : ""));
    atomicsCut_ = atomicsCut_ || execution->atomicsUnscheduled;
    noteSize(*execution);

    if (!analysis.error.empty()) {
      failAnalysis(analysis);
      return;
    }
    noteStarvedSpinner(*execution, analysis);

    auto segment = std::make_shared<Segment>();
    foldedSegment_ = segment; // for settleHung
    segment->parent = owner;
    segment->start = owner ? depth : 0;
    segment->initialSleep = std::move(sleep);
    segment->initialSleepBelow = std::move(sleepBelow);
    segment->subtree = folding_;
    if (segment->start < execution->events.size())
      segment->calls.reserve(execution->events.size() - segment->start);
    for (size_t i = segment->start; i < execution->events.size(); ++i)
      segment->append(execution->events[i].thread,
                      calls_.intern(callOf(execution->events[i])));
    Path path;
    path.execution = execution.get();
    path.last = segment;
    for (Segment *x = segment.get(); x; x = x->parent.get())
      path.chain.push_back(x);
    std::reverse(path.chain.begin(), path.chain.end());

    if (execution->end != EndReason::SleepBlocked &&
        execution->end != EndReason::RetryBounded)
      record(execution, analysis, "dpor", std::move(found));
    // The first execution (no preemption) seeds the symmetric search: in a
    // shard, the first execution of the first root (shard 1's).
    if (symmetric_ && !owner && nextRoot_ <= 1 &&
        execution->end != EndReason::RetryBounded)
      symmetric_->add(*execution, 0, 0);
    // findRaces (run without the lock) stopped at the budget or an
    // interrupt: the walk adds nothing, and the stop is named here.
    if (!cutWhy_.empty()) {
      stopWalk();
    } else {
      analysing_ = &analysis;
      walkStates(*execution, analysis, path, reversals,
                 owner ? depth + 1 : rootDepth_);
    }
    steps_.clear();
    analysing_ = nullptr;
    noteCoverage(path, *execution, analysis);
    trim(*segment);
  }

  /// log10 of the orders of an execution's changes to each object (lock
  /// acquisitions, atomic and other updates), as interleavings: the
  /// multinomial of each object's changes by thread, summed over objects.
  /// The objects are summed in the order the execution first changed them,
  /// which does not depend on their addresses: in the order of a hash map
  /// by address, as before, the estimate's last digits (which the report
  /// prints) changed with where the program's stack was.
  double changeOrdersLog10(const Execution &e,
                           const ExecutionAnalysis &a) const {
    // The maps' nodes and buckets come from a buffer kept between
    // executions, dropped at once: these maps were built and freed node by
    // node for every execution.
    std::pmr::monotonic_buffer_resource arena(coverageArena_.data(),
                                              coverageArena_.size());
    std::pmr::unordered_map<ObjectAddr, uint32_t> slotOf(&arena);
    std::pmr::vector<std::pmr::unordered_map<ThreadId, uint64_t>> changes(
        &arena);
    auto count = [&](AccessKind kind, ObjectAddr object, ThreadId t) {
      if (kind == AccessKind::Acquire || kind == AccessKind::Mutate ||
          kind == AccessKind::FutexQueue ||
          (kind >= AccessKind::BlindAdd && kind <= AccessKind::BlindXor)) {
        auto [at, added] = slotOf.try_emplace(object, changes.size());
        if (added)
          changes.emplace_back();
        ++changes[at->second][t];
      }
    };
    for (size_t i = 0; i < e.events.size() && i < a.outcomes.size(); ++i) {
      const Access &access = a.outcomes[i].access;
      count(access.kind, access.object, e.events[i].thread);
      count(access.kind2, access.object2, e.events[i].thread);
      count(access.kind3, access.object3, e.events[i].thread);
    }
    double orders = 0;
    for (const auto &byThread : changes) {
      uint64_t total = 0;
      for (const auto &[t, n] : byThread) {
        total += n;
        orders -= std::lgamma(double(n) + 1);
      }
      orders += std::lgamma(double(total) + 1);
    }
    return orders / std::log(10.0);
  }

  /// Folds the execution just analysed into the coverage statement (see
  /// ExploreStats::preemptionsComplete and estimatedLog10).
  void noteCoverage(const Path &path, const Execution &e,
                    const ExecutionAnalysis &a) {
    uint32_t cost = a.preemptions.empty() ? 0 : a.preemptions.back();
    maxCost_ = std::max(maxCost_, cost);
    // What a cut execution did not run may hold schedules with as few
    // preemptions as its own.
    bool cut = e.truncated || e.end == EndReason::Timeout ||
               e.end == EndReason::StepLimit ||
               e.end == EndReason::LimitReached || e.atomicsUnscheduled;
    if (cut)
      minCutCost_ = std::min<int64_t>(minCutCost_, cost);
    // Knuth's estimator: the product of the branching along this path
    // (each segment owns the states up to where the next one branched off).
    double log10 = 0;
    for (size_t i = 0; i < path.chain.size(); ++i) {
      const Segment &s = *path.chain[i];
      uint32_t end = i + 1 < path.chain.size() ? path.chain[i + 1]->start + 1
                                               : UINT32_MAX;
      for (const auto &[state, node] : s.branching) {
        if (state >= end)
          break;
        log10 += std::log10(double(node.backtrack.size()));
      }
    }
    // DPOR finds its branches lazily, so early in a search the product
    // above sees few of them. The orders of the execution's changes to each
    // object (lock acquisitions, atomic and other updates) bound the space
    // from the other side: the multinomial of each object's changes by
    // thread.
    ordersLog10_ = std::max(ordersLog10_, changeOrdersLog10(e, a));
    // The running sum of 10^log10, kept as a power of ten.
    if (estimateRuns_++ == 0) {
      estimateSumLog10_ = log10;
    } else {
      double m = std::max(estimateSumLog10_, log10);
      estimateSumLog10_ = m + std::log10(std::pow(10.0, estimateSumLog10_ - m) +
                                         std::pow(10.0, log10 - m));
    }
  }

  /// The first limit an execution reached: the exploration is incomplete,
  /// "stopped by" it. Never a finding.
  void noteLimit(const std::string &key, const std::string &sentence) {
    if (!limitReached_.empty())
      return;
    limitReached_ = key;
    report_.stats.limitNote = sentence;
  }

  /// A timed-out thread that only ran on because it was not preempted
  /// (starvedSpinner): no program.hang, a limit naming it and where it
  /// spun.
  void noteStarvedSpinner(const Execution &e, const ExecutionAnalysis &a) {
    ThreadId spinner = starvedSpinner(e, a);
    if (spinner == NoThread)
      return;
    if (limitReached_.empty())
      report_.stats.stoppedAt = e.crash.stack;
    // In an instrumented program the loop was not one the runtime takes
    // for a spin (runtime/tsan_interface.cpp: a loop that writes, or reads
    // in code built without the instrumentation).
    noteLimit("unpreempted-spin",
              (spinner == 0 ? std::string("the main thread")
                            : "thread " + std::to_string(spinner)) +
                  " ran on without any visible operation until its "
                  "execution ran out of time (--execution-timeout) while "
                  "other threads could run; " +
                  (e.accessesLogged
                       ? "tangle preempts such a loop only where it sees a "
                         "spin (the same few plain locations read again, "
                         "nothing written), and this loop was not one"
                       : "tangle does not preempt a thread between visible "
                         "operations in a program built without its "
                         "instrumentation (tangle check FILE.c does it)") +
                  ", so that is a limit, not a hang");
  }

  /// Drops what no pending branch of the segment can need: the threads
  /// below its deepest branching state (later executions start at one of
  /// them and only ever revisit the states above it).
  void trim(Segment &segment) {
    uint32_t deepest = segment.start;
    for (const auto &[state, node] : segment.branching)
      if (node.done.size() < node.backtrack.size())
        deepest = std::max(deepest, state);
    segment.truncate(deepest - segment.start);
    for (auto it = segment.branching.begin(); it != segment.branching.end();)
      it = it->first > deepest ? segment.branching.erase(it) : std::next(it);
  }

  /// The preemptions of a schedule that takes `thread` at a state reached
  /// with `preemptions`, where `via` ran last and `enabled` can run.
  static uint32_t costOf(uint32_t preemptions, ThreadId via,
                         const std::vector<ThreadId> &enabled,
                         ThreadId thread) {
    bool preempts =
        via != NoThread && thread != via && contains(enabled, via);
    return preemptions + (preempts ? 1 : 0);
  }
  static uint32_t costOf(const Branching &node, ThreadId thread) {
    return costOf(node.preemptions, node.via, node.enabled, thread);
  }

  /// The happens-before pass: every race of a new step with an earlier one,
  /// as a request to explore one of its initials at the earlier step's
  /// state. In the order found, which decides (at equal states) which
  /// request is answered by which thread.
  std::vector<Reversal>
  findRaces(const Execution &e, const ExecutionAnalysis &a, uint32_t firstNew) {
    const size_t n = e.events.size();
    std::vector<Reversal> found;
    // The last execution's steps_ were cleared after its walk: reuse their
    // room.
    std::vector<Step> steps = std::move(steps_);
    steps.clear();
    steps.reserve(n + a.virtuals.size());
    // Per thread (numbers are small and dense), its steps in order. The
    // lists keep their room from the last execution (byThreadScratch_).
    std::vector<std::vector<uint32_t>> &byThread = byThreadScratch_;
    {
      // Counted first: each thread's list is allocated once.
      std::vector<uint32_t> count;
      for (const Event &event : e.events) {
        if (event.thread >= count.size())
          count.resize(size_t(event.thread) + 1, 0);
        ++count[event.thread];
      }
      for (std::vector<uint32_t> &indices : byThread)
        indices.clear();
      byThread.resize(count.size());
      for (size_t t = 0; t < count.size(); ++t)
        byThread[t].reserve(count[t]);
    }
    auto stepsOf = [&](ThreadId t) -> std::vector<uint32_t> & {
      if (t >= byThread.size())
        byThread.resize(size_t(t) + 1);
      return byThread[t];
    };
    // Every step on each object, for the virtual steps (below), and per
    // object and thread its latest step touching the object in each way,
    // for the others: of one thread's dependent steps only the latest can
    // race with a step that ran, since the earlier ones happen before it
    // and once it is reversed or ordered they are covered too. (A thread
    // spinning on one atomic makes thousands of steps on it.)
    // The entries of the last execution stay, emptied (an empty entry
    // reads as no entry): the objects are mostly the same from one
    // execution to the next, and building the map was a fair part of the
    // host's allocations per execution.
    std::unordered_map<ObjectAddr, OnObject> &byObject = byObjectScratch_;
    if (byObject.size() > MaxKeptObjects) {
      byObject.clear();
    } else {
      for (auto &[object, on] : byObject) {
        on.all.clear();
        on.latest.clear();
        on.touches.clear();
        on.chainHead = NoChain;
        on.chainBroken = false;
      }
    }
    // After step `index` (its clock final) touched `on`: it is the new
    // chain head when it happens after the head and every touch since.
    // A lock's release is not in the chain: the next lock does not happen
    // after it (the two are never both enabled, so never dependent), and
    // only steps that depend on releases look before the head anyway.
    auto extendChain = [&](OnObject &on, AccessKind kind, uint32_t index) {
      on.touches.push_back({index, kind});
      const size_t last = on.touches.size() - 1;
      if (on.chainBroken)
        return;
      if (on.chainHead != NoChain && last - on.chainHead > MaxChainTail) {
        on.chainBroken = true; // its touches are not ordered: no chain
        on.chainHead = NoChain;
        return;
      }
      if (kind == AccessKind::OwnerRelease)
        return;
      if (on.chainHead != NoChain) {
        const VectorClock &clock = steps[index].clock;
        for (size_t k = on.chainHead; k < last; ++k) {
          const auto [j, way] = on.touches[k];
          if (way != AccessKind::OwnerRelease &&
              !clock.covers(steps[j].thread, steps[j].seq))
            return;
        }
      }
      on.chainHead = last;
    };
    auto note = [&](ObjectAddr object, AccessKind kind, ThreadId t,
                    uint32_t index) {
      OnObject &on = byObject[object];
      std::vector<uint32_t> &all = on.all;
      if (all.empty() || all.back() != index)
        all.push_back(index);
      extendChain(on, kind, index);
      std::vector<Latest> &latest = on.latest;
      auto it = std::find_if(latest.begin(), latest.end(),
                             [&](const Latest &l) { return l.thread == t; });
      if (it == latest.end()) {
        latest.push_back({t, {}});
        latest.back().step.fill(UINT32_MAX);
        it = latest.end() - 1;
      }
      it->step[size_t(kind)] = index;
    };
    // Per thread, the step that created it and its exit (NoStep: none).
    static constexpr uint32_t NoStep = UINT32_MAX;
    std::vector<uint32_t> createdAt, exitedAt;
    auto stepOf = [](const std::vector<uint32_t> &at, ThreadId t) {
      return t < at.size() ? at[t] : NoStep;
    };
    auto setStep = [](std::vector<uint32_t> &at, ThreadId t, uint32_t step) {
      if (t >= at.size())
        at.resize(size_t(t) + 1, NoStep);
      at[t] = step;
    };
    // Every step that cut off the threads of a process (exit, exec, kill),
    // with that process: each decides how far they got, not only the last.
    std::vector<std::pair<uint32_t, ProcessId>> cutters;
    // Per thread, its latest step another process could see.
    std::vector<uint32_t> latestInterProcess;
    const Machine &final = a.final;
    size_t nextEnd = 0; // a.processEnds in event order
    std::vector<Step> virtualSteps;

    // A thread's clock goes on from its previous step, or from its
    // creation. A number given again (objects/ids.h) is one thread here:
    // its new start follows the latest creation, which the old incarnation
    // happens before (exit -> join -> create).
    auto poClock = [&](ThreadId t) {
      const uint32_t created = stepOf(createdAt, t);
      bool ran = t < byThread.size() && !byThread[t].empty();
      if (created != NoStep && (!ran || created > byThread[t].back()))
        return steps[created].clock;
      return ran ? steps[byThread[t].back()].clock : VectorClock();
    };
    // Dependent earlier steps of other threads, latest first: all of them
    // for a virtual step, the latest of each thread for one that ran.
    auto latestOn = [&](ObjectAddr object, AccessKind kind, ThreadId self,
                        std::vector<uint32_t> &out) {
      auto it = byObject.find(object);
      if (it == byObject.end())
        return;
      const OnObject &on = it->second;
      const bool afterReleases = kindsDependent()[size_t(
          AccessKind::OwnerRelease)][size_t(kind)];
      if (on.chainHead != NoChain && !afterReleases) {
        // The step is after the head when the head is its own thread's or
        // a candidate (every candidate not covered is joined): then the
        // touches before the head are covered (but releases, which it
        // does not depend on), and only the head and the touches after it
        // are asked.
        const auto [head, headKind] = on.touches[on.chainHead];
        if (steps[head].thread == self ||
            kindsDependent()[size_t(headKind)][size_t(kind)]) {
          for (size_t k = on.chainHead; k < on.touches.size(); ++k) {
            const auto [j, way] = on.touches[k];
            if (steps[j].thread != self &&
                kindsDependent()[size_t(way)][size_t(kind)])
              out.push_back(j);
          }
          return;
        }
      }
      for (const Latest &l : on.latest) {
        if (l.thread == self)
          continue;
        uint32_t latest = UINT32_MAX;
        for (size_t k = 0; k < Kinds; ++k)
          if (l.step[k] != UINT32_MAX &&
              (latest == UINT32_MAX || l.step[k] > latest) &&
              kindsDependent()[k][size_t(kind)])
            latest = l.step[k];
        if (latest != UINT32_MAX)
          out.push_back(latest);
      }
    };
    // An exit (exec, kill) conflicts with what other processes can observe
    // of the process it ends (its objects, see ProcessEnd) and, among the
    // threads it cuts off, with the steps another process can see and every
    // step of a detached thread (how far it got is reported). The other
    // steps of those threads die with the process: whether they ran before
    // the exit changes nothing anyone sees, so the exit is not reordered
    // with them; the pending operation of each thread it cut off still
    // races with it (a virtual step), so each thread is explored running
    // on until it has done what can be seen.
    // One buffer for every step's candidates (process() reads them before
    // the next step asks).
    std::vector<uint32_t> out;
    auto candidates =
        [&](const Step &s, bool isVirtual,
            const ProcessEnd *end) -> const std::vector<uint32_t> & {
      out.clear();
      if (end) {
        for (const auto &[object, kind] : end->touches)
          latestOn(object, kind, s.thread, out);
        if (end->cutsOff)
          for (ThreadId t = 0; t < byThread.size(); ++t) {
            const std::vector<uint32_t> &indices = byThread[t];
            if (t == s.thread || indices.empty() ||
                final.processOf(t) != end->process)
              continue;
            if (final.thread(t).detached)
              out.push_back(indices.back());
            else if (uint32_t latest = stepOf(latestInterProcess, t);
                     latest != NoStep)
              out.push_back(latest);
          }
      } else {
        // A step touches up to three objects (a condition, its mutex, and
        // its thread's cancellation).
        for (auto [kind, object] : partsOf(s.access)) {
          if (kind == AccessKind::None)
            continue;
          if (isVirtual) {
            auto it = byObject.find(object);
            if (it != byObject.end())
              for (uint32_t j : it->second.all)
                if (steps[j].thread != s.thread &&
                    dependent(steps[j].access, s.access))
                  out.push_back(j);
            continue;
          }
          latestOn(object, kind, s.thread, out);
        }
      }
      std::sort(out.rbegin(), out.rend());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    };

    auto process = [&](Step s, const Operation &op, int32_t result,
                       bool analyse, bool isVirtual = false,
                       const ProcessEnd *end = nullptr) {
      VectorClock clock = poClock(s.thread);
      // A step that never ran (a virtual one: its thread was blocked, or
      // cut off) races with each dependent step of another thread on its
      // own. A later step of the same thread does not order it after the
      // earlier ones, since it never ran after either: the read that took
      // the last byte of a pipe must be reversed with a blocked read even
      // when the reader closed its write end afterwards, and the kill that
      // cut a thread off even when the killer exited afterwards.
      const VectorClock own = clock;
      if (op.kind == OpKind::ThreadJoin && result == 0) {
        uint32_t exited = stepOf(exitedAt, static_cast<ThreadId>(op.object));
        if (exited != NoStep)
          clock.join(steps[exited].clock);
      }
      const uint32_t index = static_cast<uint32_t>(steps.size());
      for (uint32_t j : candidates(s, isVirtual, end)) {
        const VectorClock &seen = isVirtual ? own : clock;
        const bool after = seen.covers(steps[j].thread, steps[j].seq);
        if (analyse && !after)
          found.push_back({j, {}, false, index, s.thread});
        // A virtual step is after nothing it never ran after. A clock that
        // covers step j covers all that j's clock does (each clock is the
        // join of its step's predecessors'), so the join is skipped: with
        // a mutex that 1,000 threads took, each lock has 999 candidates,
        // and joining each 1,000-entry clock made the walk quadratic.
        if (!isVirtual && !after)
          clock.join(steps[j].clock);
      }
      clock.set(s.thread, s.seq);
      s.clock = std::move(clock);
      steps.push_back(std::move(s));
      return index;
    };

    for (uint32_t i = 0; i < n; ++i) {
      if (walkOverBudget())
        return {}; // stopped: the walk adds nothing (see runBranch)
      const Event &event = e.events[i];
      Step s{event.thread,
             a.outcomes[i].access,
             static_cast<uint32_t>(stepsOf(event.thread).size() + 1),
             {}};
      const ProcessEnd *end = nullptr;
      if (nextEnd < a.processEnds.size() && a.processEnds[nextEnd].event == i)
        end = &a.processEnds[nextEnd++];
      uint32_t index = process(std::move(s), event.op, event.result,
                               i >= firstNew, false, end);
      stepsOf(event.thread).push_back(index);
      const Access &access = a.outcomes[i].access;
      if (end) {
        for (const auto &[object, kind] : end->touches)
          note(object, kind, event.thread, index);
        if (end->cutsOff)
          cutters.push_back({index, end->process});
      } else {
        if (access.kind != AccessKind::None)
          note(access.object, access.kind, event.thread, index);
        if (access.kind2 != AccessKind::None)
          note(access.object2, access.kind2, event.thread, index);
        if (access.kind3 != AccessKind::None)
          note(access.object3, access.kind3, event.thread, index);
      }
      if (a.interProcess[i])
        setStep(latestInterProcess, event.thread, index);
      // A forked child's first thread starts after the fork, like a
      // created thread after its creation.
      if ((event.op.kind == OpKind::ThreadCreate ||
           event.op.kind == OpKind::ProcessFork) &&
          event.result >= 0)
        setStep(createdAt, static_cast<ThreadId>(event.result), index);
      if (event.op.kind == OpKind::ThreadExit)
        setStep(exitedAt, event.thread, index);
    }
    for (const VirtualEvent &v : a.virtuals) {
      Step s{v.thread,
             v.access,
             static_cast<uint32_t>(stepsOf(v.thread).size() + 1),
             {}};
      // Virtual steps are each their thread's last: analyse, never index.
      // They are kept apart, after the real ones, for the reversals that
      // end with them (reversalSteps).
      const size_t before = found.size();
      process(std::move(s), v.op, -1, true, true);
      for (size_t k = before; k < found.size(); ++k)
        found[k].second = uint32_t(n + virtualSteps.size());
      virtualSteps.push_back(std::move(steps.back()));
      steps.pop_back();
    }
    // A race of a repeated turn of libstdc++'s spin is answered at the
    // first turn of the repetition (firstTurnOfSpin).
    for (Reversal &r : found)
      if (!r.cutOff)
        r.at = firstTurnOfSpin(e, stepsOf(steps[r.at].thread), r.at);
    // The threads an exit cut off race with it together: exploring one of
    // them running on before the exit is enough, since in that execution
    // the exit cuts off the others again, and the order among the threads
    // that run is the business of their own races. (Each separately would
    // explore every subset of them that ran before the exit.)
    for (const auto &[x, process] : cutters) {
      std::vector<ThreadId> initials;
      for (const VirtualEvent &v : a.virtuals)
        if (v.thread != steps[x].thread && final.processOf(v.thread) == process)
          initials.push_back(v.thread);
      if (!initials.empty())
        found.push_back({x, std::move(initials), true});
    }
    // The clocks stay for the reversals' sequences (reorderingOf).
    steps_ = std::move(steps);
    realSteps_ = n;
    for (Step &v : virtualSteps)
      steps_.push_back(std::move(v));
    noteRuns();
    // A race whose second step takes a mutex that the first step's thread
    // holds there cannot be reversed at the first step (waitsForFirst),
    // but it can before that thread took the mutex: the second step may
    // take it first. Happens-before hides that pair when the first step is
    // what orders the second after the acquisition: a signal under the
    // mutex before the re-acquisition of a waiter an earlier signal woke.
    // So the race is also answered at the state before the acquisition.
    const size_t races = found.size();
    for (size_t k = 0; k < races; ++k) {
      if (found[k].cutOff)
        continue;
      const Step &second = steps_[found[k].second];
      for (auto [kind, object] : partsOf(second.access)) {
        if (kind != AccessKind::Acquire || !final.mutex(object))
          continue;
        uint32_t took =
            heldSince(stepsOf(steps_[found[k].at].thread), found[k].at, object);
        if (took != UINT32_MAX)
          found.push_back(
              {took, {}, false, found[k].second, found[k].secondThread});
      }
    }
    // Answered state by state; at one state in the order found.
    std::stable_sort(
        found.begin(), found.end(),
        [](const Reversal &x, const Reversal &y) { return x.at < y.at; });
    return found;
  }

  /// Where to answer a race whose first step is event `at` (of the thread
  /// whose events are `mine`, in order): when it is a turn of a spin that
  /// only loads and compares (AtomicSpinTurn: libstdc++'s spin before a
  /// futex wait, or such a loop of the program) that reads what the turns
  /// before it in the same call read, the first of those turns; else `at`.
  /// Such a spin leaves nothing of a turn but whether it saw the change it
  /// waits for: the store placed before any one of these turns leaves the
  /// waiter in the same state (the turns before it read the same value and
  /// changed nothing), and before the first one it can still make every
  /// one of the later turns (docs/exploration.md, "libstdc++'s spin", "The
  /// program's spin loops"). Each of those turns used to be a class of its
  /// own.
  static uint32_t firstTurnOfSpin(const Execution &e,
                                  const std::vector<uint32_t> &mine,
                                  uint32_t at) {
    const Event &turn = e.events[at];
    if (turn.op.kind != OpKind::AtomicLoad || !(turn.op.flags & AtomicSpinTurn))
      return at;
    auto sameTurn = [&](const Event &x) {
      return x.op.kind == OpKind::AtomicLoad && (x.op.flags & AtomicSpinTurn) &&
             x.op.object == turn.op.object && x.op.arg == turn.op.arg &&
             x.op.reserved == turn.op.reserved &&
             !(x.op.flags & AtomicChanged) &&
             std::equal(std::begin(x.stack.framePointers),
                        std::end(x.stack.framePointers),
                        std::begin(turn.stack.framePointers));
    };
    uint32_t first = at;
    auto it = std::lower_bound(mine.begin(), mine.end(), at);
    while (it != mine.begin()) {
      const Event &before = e.events[*--it];
      if (before.op.kind == OpKind::Yield && before.op.flags == 0)
        continue; // the spin's sched_yield between two turns
      if (!sameTurn(before))
        break;
      first = *it;
    }
    return first;
  }

  /// The step at which the thread whose steps are `mine` (in order) took
  /// mutex `object` and still held it before step `at` (UINT32_MAX: it did
  /// not hold it, or took it more than MaxReordering of its steps before).
  uint32_t heldSince(const std::vector<uint32_t> &mine, uint32_t at,
                     ObjectAddr object) const {
    auto it = std::lower_bound(mine.begin(), mine.end(), at);
    for (size_t seen = 0; it != mine.begin() && seen < MaxReordering; ++seen) {
      const Access &access = steps_[*--it].access;
      for (auto [kind, o] : {std::pair(access.kind, access.object),
                             std::pair(access.kind2, access.object2),
                             std::pair(access.kind3, access.object3)}) {
        if (o != object)
          continue;
        if (kind == AccessKind::Acquire)
          return *it;
        if (kind == AccessKind::OwnerRelease || kind == AccessKind::Mutate)
          return UINT32_MAX;
      }
    }
    return UINT32_MAX;
  }

  /// What the walk knows of the state it is at.
  struct StateView {
    uint32_t index;
    const Machine &machine;
    const std::vector<ThreadId> &enabled;
    const std::vector<ThreadId> &pending;
    const std::vector<ThreadId> &sleep;
    const std::vector<SubtreeRef> &sleepBelow; // each sleeper's subtree
  };

  /// Replays the execution again, state by state, keeping the sleep set of
  /// each state, and at each state answers the reversals asked of it (and,
  /// without reduction, adds every alternative from `everyFrom` on).
  void walkStates(const Execution &e, const ExecutionAnalysis &a,
                  const Path &path, const std::vector<Reversal> &reversals,
                  uint32_t everyFrom) {
    const size_t n = e.events.size();
    if (n == 0)
      return;
    // This replay's Machine ends with the walk (nothing keeps or copies
    // it): its memory comes from a buffer kept between executions and is
    // dropped at once, not allocated and freed piece by piece. (Past the
    // buffer, the arena takes more from the heap until the walk ends.)
    std::pmr::monotonic_buffer_resource arena(walkArena_.data(),
                                              walkArena_.size());
    Replayer replay(e, options_.retryBound, options_.spuriousWakeups, &arena);
    const Machine &m = replay.machine();
    lastAnsweredAt_ = UINT32_MAX; // a new execution: nothing answered yet
    std::vector<ThreadId> enabled, sleep, pending;
    std::vector<SubtreeRef> sleepBelow;
    // Above a shard's root every state was expanded in full (shard.h):
    // nothing to reverse there.
    size_t r = 0;
    while (r < reversals.size() && reversals[r].at < rootDepth_)
      ++r;
    size_t chainAt = 0; // the chain segment whose first state is next
    // The level of the followed wakeup tree that starts at state `i`.
    std::vector<WakeupNode> *follow =
        following_.empty() ? nullptr : &following_;
    for (uint32_t i = 0; i < n; ++i) {
      analysedFrom_ = i;
      // The sleep set here: a segment's own at its first state, else the
      // previous state's, less the threads the last step woke.
      if (chainAt + 1 < path.chain.size() &&
          path.chain[chainAt + 1]->firstOwned() == i) {
        ++chainAt;
        sleep = path.chain[chainAt]->initialSleep;
        sleepBelow = path.chain[chainAt]->initialSleepBelow;
      } else if (options_.shardCount && i == rootDepth_ && chainAt == 0) {
        // Another shard's roots: never settled here (shard.cpp).
        sleep = roots_[nextRoot_ - 1].sleep;
        sleepBelow.assign(sleep.size(), nullptr);
      }
      bool wanted = (r < reversals.size() && reversals[r].at == i) ||
                    (!options_.reduce && i >= everyFrom) ||
                    (follow && i >= everyFrom);
      if (wanted) {
        enabled.clear();
        pending.clear();
        replay.forEachPending([&](ThreadId t) {
          pending.push_back(t);
          if (replay.schedulable(t))
            enabled.push_back(t);
        });
        StateView view{i, m, enabled, pending, sleep, sleepBelow};
        if (follow && i >= everyFrom)
          follow = hangBranches(view, *follow, e.events[i].thread, path, a);
        for (; r < reversals.size() && reversals[r].at == i; ++r) {
          if (walkOverBudget(16))
            return stopWalk();
          answer(view, reversals[r], path, a);
        }
        if (!options_.reduce && i >= everyFrom)
          for (ThreadId t : enabled)
            addBacktrack(view, t, path, a);
      }
      if (walkOverBudget())
        return stopWalk();
      ThreadId stepping = e.events[i].thread;
      size_t kept = 0;
      for (size_t k = 0; k < sleep.size(); ++k)
        if (sleep[k] != stepping && !m.conflicts(stepping, sleep[k])) {
          sleep[kept] = sleep[k];
          sleepBelow[kept++] = std::move(sleepBelow[k]);
        }
      sleep.resize(kept);
      sleepBelow.resize(kept);
      if (r == reversals.size() && options_.reduce && sleep.empty() &&
          chainAt + 1 == path.chain.size() && !follow && i >= rootDepth_)
        break; // nothing more to answer, no sleep set to follow
      Outcome outcome;
      std::string error;
      if (!replay.step(outcome, error))
        break; // the analysis replayed the same events: cannot happen
    }
  }

  /// At a state the execution reached following a wakeup tree, whose
  /// level there is `level`: the branches it did not take become the
  /// state's pending ones, with their subtrees, in the tree's order.
  /// Returns the level below the step taken (null: the tree ends). A branch
  /// whose thread cannot run here (the execution left the tree where the
  /// retry bound or a spin stopped its thread) is answered as classic DPOR
  /// does, by every enabled thread.
  std::vector<WakeupNode> *hangBranches(const StateView &view,
                                        std::vector<WakeupNode> &level,
                                        ThreadId took, const Path &path,
                                        const ExecutionAnalysis &a) {
    return forEachHung(
        level, took, view.sleep, view.enabled,
        [&](ThreadId t, std::vector<WakeupNode> *children) {
          if (children)
            addBacktrack(view, t, path, a, std::move(*children));
          else
            addBacktrack(view, t, path, a);
        },
        [&](ThreadId t) { relyOn(belowOf(t, view, nullptr), view, path); });
  }

  /// hangBranches' walk of one level, shared with predictHung so that a
  /// helper's prediction hangs what the fold will: calls hang(thread,
  /// children) for each branch to add in the tree's order (children null:
  /// an enabled thread added for a branch whose thread cannot run here),
  /// asleep(thread) for a branch whose thread sleeps. Returns the level
  /// below the step taken (null: the tree ends).
  template <typename Hang, typename Asleep>
  static std::vector<WakeupNode> *
  forEachHung(std::vector<WakeupNode> &level, ThreadId took,
              const std::vector<ThreadId> &sleep,
              const std::vector<ThreadId> &enabled, Hang hang, Asleep asleep) {
    std::vector<WakeupNode> *below = nullptr;
    for (WakeupNode &branch : level) {
      if (branch.thread == took) {
        below = branch.children.empty() ? nullptr : &branch.children;
        continue;
      }
      if (contains(sleep, branch.thread)) {
        asleep(branch.thread);
        continue;
      }
      if (contains(enabled, branch.thread)) {
        hang(branch.thread, &branch.children);
        continue;
      }
      for (ThreadId t : enabled)
        if (!contains(sleep, t))
          hang(t, nullptr);
    }
    return below;
  }

  /// The reversal asked of the view's state. Threads cut off by an exit
  /// together: one of them, as source-set DPOR does (answerCutOff). A race:
  /// its whole reordering goes into the state's wakeup tree (optimal DPOR),
  /// unless a thread explored here already, or asleep, can start an
  /// equivalent one, or the tree has one. A new branch starts with the
  /// enabled initial that costs the fewest preemptions; when no initial
  /// can run there (it waits for something the reordering releases), every
  /// enabled thread is explored, as classic DPOR does.
  void answer(const StateView &view, const Reversal &reversal,
              const Path &path, const ExecutionAnalysis &a) {
    if (reversal.cutOff)
      return answerCutOff(view, reversal, path, a);
    Branching *node = path.branching(view.index);
    const Machine &m = view.machine;
    const ThreadId via =
        view.index > 0 ? path.threadAt(view.index - 1) : NoThread;
    auto cost = [&](ThreadId t) {
      return costOf(a.preemptions[view.index], via, view.enabled, t);
    };
    // The reordering, its initials and its sequence are this worker's
    // scratch, refilled for each race: answer() is called for every race of
    // every execution, and their vectors were most of its allocations.
    // (A static local: a nested class's member initializers are not yet
    // usable where the other scratch members are declared.)
    static thread_local Reordering reorderingScratch;
    Reordering &v = reorderingScratch;
    reorderingOf(reversal, a.final, v);
    if (v.infeasible)
      return;
    // Two races at one state whose reorderings are the same (both cut at
    // MaxReordering steps, before their second steps): the first answer
    // stands for both.
    if (view.index == lastAnsweredAt_ && v.steps == lastAnswered_)
      return;
    lastAnsweredAt_ = view.index;
    lastAnswered_ = v.steps;
    const std::vector<ThreadId> &initials = initialsOf(v);
    ThreadId best = NoThread;
    for (ThreadId t : initials) {
      if (contains(view.sleep, t)) {
        relyOn(belowOf(t, view, nullptr), view, path);
        return; // asleep: explored elsewhere
      }
      if (contains(view.enabled, t) &&
          (best == NoThread || cost(t) < cost(best)))
        best = t;
    }
    if (best == NoThread) {
      for (ThreadId t : initials)
        if (node ? contains(node->backtrack, t)
                 : t == path.threadAt(view.index))
          return;
      for (ThreadId t : view.enabled)
        if (!contains(view.sleep, t))
          addBacktrack(view, t, path, a);
      return;
    }
    WakeupSequence &w = sequenceScratch_;
    sequenceOf(v, best, w);
    // A thread explored here already covers the reordering when it can
    // start it (a weak initial), whether its subtree is done or not: one
    // taken before the branches to its left were done (Subtree::early)
    // covers every trace that starts with it on its own, and any other was
    // taken as depth-first would. One asleep since an earlier state covers
    // it only when it is in the reordering (checked above): its branch
    // there may not have been explored to the end yet (the search is not
    // depth-first), and what runs before the reordering here need not run
    // after it there.
    if (node) {
      for (size_t k = 0; k < node->done.size(); ++k)
        if (w.weakInitial(node->done[k], m.accessOf(node->done[k]))) {
          relyOn(node->doneBelow[k], view, path);
          return;
        }
    }
    // A thread asleep since an earlier state whose branch there was
    // explored to its end before this execution began: optimal DPOR's rule,
    // but not for a thread whose next step takes a lock. The dependence
    // table calls a lock and another thread's unlock independent (never
    // both enabled), yet the unlock enables the lock, and with such
    // sleepers the rule lost executions (ordered philosophers N=3, two
    // rounds: 82 of 90). Nor in a branch taken out of depth-first order
    // (Subtree::early): what the rule leaves to the reorderings that the
    // branches to its left would have added to its wakeup tree, nobody
    // would run.
    for (size_t k = 0; k < view.sleep.size() && !folding_->early; ++k)
      if (settledBefore(view.sleepBelow[k]) &&
          !takesLock(m.accessOf(view.sleep[k])) &&
          w.weakInitial(view.sleep[k], m.accessOf(view.sleep[k])))
        return;
    if (node) {
      for (ThreadId p : node->backtrack) {
        if (contains(node->done, p) || !w.weakInitial(p, m.accessOf(p)))
          continue;
        std::vector<WakeupNode> *below = node->subtree(p);
        if (!below || below->empty())
          return; // a leaf: it covers the reordering
        w.removeFirstOf(p);
        insertWakeup(*below, w);
        return;
      }
    }
    w.removeFirstOf(best);
    addBacktrack(view, best, path, a, w.chain());
  }

  /// Source-set DPOR's answer for the threads an exit cut off: nothing to
  /// do when one of them is explored here already; a sleeping one covers
  /// only its own reordering; else the enabled one that costs the fewest
  /// preemptions, or every enabled thread when none can run.
  void answerCutOff(const StateView &view, const Reversal &reversal,
                    const Path &path, const ExecutionAnalysis &a) {
    const Branching *node = path.branching(view.index);
    std::vector<ThreadId> initials;
    for (ThreadId t : reversal.initials) {
      if (node ? contains(node->backtrack, t) : t == path.threadAt(view.index))
        return;
      if (!contains(view.sleep, t))
        initials.push_back(t);
      else
        relyOn(belowOf(t, view, nullptr), view, path);
    }
    if (initials.empty())
      return;
    const ThreadId via =
        view.index > 0 ? path.threadAt(view.index - 1) : NoThread;
    auto cost = [&](ThreadId t) {
      return costOf(a.preemptions[view.index], via, view.enabled, t);
    };
    ThreadId best = NoThread;
    for (ThreadId t : initials) {
      if (!contains(view.enabled, t))
        continue;
      if (best == NoThread || cost(t) < cost(best))
        best = t;
    }
    if (best != NoThread)
      return addBacktrack(view, best, path, a);
    for (ThreadId t : view.enabled)
      if (!contains(view.sleep, t))
        addBacktrack(view, t, path, a);
  }
  /// A Branching record for the view's state, as the current path has it.
  static Branching describe(const StateView &view, const Path &path,
                            const ExecutionAnalysis &a) {
    Branching b;
    ThreadId here = path.threadAt(view.index);
    b.backtrack = {here};
    b.done = {here};
    // The path's own subtree from here is no branch of its own: runBranch
    // sees when it is settled.
    b.doneBelow = {std::make_shared<Subtree>()};
    b.doneBelow[0]->parent = path.owner(view.index).subtree; // for taint
    b.enabled = view.enabled;
    b.pending = view.pending;
    noteConflicts(b, view.machine);
    b.sleep = view.sleep;
    b.sleepBelow = view.sleepBelow;
    b.preemptions = a.preemptions[view.index];
    b.via = view.index > 0 ? path.threadAt(view.index - 1) : NoThread;
    return b;
  }

  /// Which of b's pending threads conflict, at the state of `m`
  /// (Branching::conflicting).
  static void noteConflicts(Branching &b, const Machine &m) {
    const size_t n = b.pending.size(), words = (n + 63) / 64;
    std::vector<Access> &access = b.pendingAccess;
    access.resize(n);
    for (size_t i = 0; i < n; ++i)
      access[i] = m.accessOf(b.pending[i]);
    b.endConflicts.clear();
    for (size_t i = 0; i < n; ++i) {
      if (access[i].kind != AccessKind::ProcessExit)
        continue;
      std::vector<uint64_t> bits(words, 0);
      for (size_t j = 0; j < n; ++j)
        if (j != i &&
            m.conflicts(b.pending[i], access[i], b.pending[j], access[j]))
          bits[j / 64] |= uint64_t(1) << (j % 64);
      b.endConflicts.emplace_back(i, std::move(bits));
    }
  }

  /// A race's reordering v: the steps after the earlier racing one that do
  /// not happen after it, in execution order, then the later racing step
  /// (a virtual one too); with, for each, the earlier ones of v it must
  /// follow (bits). "Happens after" here also orders a lock's acquisition
  /// after its release: the race analysis treats the two as independent
  /// (never both enabled), but a reordering that moved an acquisition
  /// before the release it waited for could not run. At most MaxReordering
  /// steps: a cut one is still a sequence to explore, only less precisely.
  /// Without a release in v, "happens after" is the clocks' order, which
  /// is transitive already: follows() asks the clocks (O(1)) and `after`
  /// stays empty. With one, `after` holds the closure (quadratic in v).
  struct Reordering {
    std::vector<uint32_t> steps;
    bool infeasible = false; // the second step cannot come first
    /// Row i (`words` words from i * words): the steps step i follows, as
    /// bits. One array, not a vector per row: one allocation a reordering.
    std::vector<uint64_t> after;
    size_t words = 0;
    const std::vector<Step> *clocks = nullptr; // set: clock-only
    /// Empty, keeping the room of its vectors.
    void clear() {
      steps.clear();
      infeasible = false;
      after.clear();
      words = 0;
      clocks = nullptr;
    }
    uint64_t *row(size_t i) { return after.data() + i * words; }
    const uint64_t *row(size_t i) const { return after.data() + i * words; }
    bool follows(size_t later, size_t earlier) const {
      if (clocks) {
        const Step &e = (*clocks)[steps[earlier]];
        return (*clocks)[steps[later]].clock.covers(e.thread, e.seq);
      }
      return row(later)[earlier / 64] >> (earlier % 64) & 1;
    }
    /// Whether step i follows some earlier step of v.
    bool followsAny(size_t i) const {
      if (!clocks)
        return !std::all_of(row(i), row(i) + words,
                            [](uint64_t word) { return word == 0; });
      for (size_t j = 0; j < i; ++j)
        if (follows(i, j))
          return true;
      return false;
    }
  };

  /// Whether step `s` takes, or waits its turn for, an object in
  /// `released` (sorted).
  static bool takesReleased(const Step &s,
                            const std::vector<ObjectAddr> &released) {
    for (auto [kind, object] : partsOf(s.access))
      if ((kind == AccessKind::Acquire || kind == AccessKind::Share ||
           kind == AccessKind::OwnerRelease) &&
          std::binary_search(released.begin(), released.end(), object))
        return true;
    return false;
  }
  static bool releases(const Step &s) {
    return s.access.kind == AccessKind::OwnerRelease ||
           s.access.kind2 == AccessKind::OwnerRelease ||
           s.access.kind3 == AccessKind::OwnerRelease;
  }
  static void addReleased(const Step &s, std::vector<ObjectAddr> &released) {
    for (auto [kind, object] : partsOf(s.access))
      if (kind == AccessKind::OwnerRelease) {
        auto at = std::lower_bound(released.begin(), released.end(), object);
        if (at == released.end() || *at != object)
          released.insert(at, object);
      }
  }

  /// Whether the race's second step cannot come before its first from the
  /// state before the first, in any execution. Such steps are the first
  /// one's thread's (program order), and, transitively, the steps that lock
  /// a mutex some thread holds in that state and releases only at a step
  /// that cannot come before the first either, and what follows them in
  /// their threads. The dependence table does not order a lock after the
  /// release it waited for (the two are never both enabled), so
  /// happens-before calls such a pair a race, whose reversal no execution
  /// can run. Only mutexes: a semaphore's post or a read lock's release
  /// does not say that nobody else could take it. A condition wait's
  /// release of its mutex counts as an unlock: a wait with the mutex held
  /// in the state, racing with a signal whose thread must take that mutex
  /// first, is such a race (the signal can come first only when its
  /// thread takes the mutex before the waiter does: the race of the two
  /// locks). Reversed, these races were the sleep-blocked executions of
  /// bench/producer_consumer.c in depth-first order (docs/exploration.md).
  bool waitsForFirst(const Reversal &r, uint32_t end,
                     const Machine &final) const {
    // Far apart, the same answer from the index of who takes and releases
    // what, without the scan to `end`: that scan made the fold of a long
    // execution quadratic (libbbuf's test: races 765,000 steps apart on
    // average, 20 ms each).
    if (end - r.at > longScan())
      return waitsForFirstFar(r, end, final);
    return waitsForFirstScan(r, end, final);
  }
  bool waitsForFirstScan(const Reversal &r, uint32_t end,
                         const Machine &final) const {
    // From here on (this worker's scratch, as the others below).
    std::vector<ThreadId> &after = waitAfterScratch_;
    after.assign(1, steps_[r.at].thread);
    std::vector<ObjectAddr> &held = heldScratch_; // until a step in `after`
    held.clear();
    // Per thread, what its steps took (threadsSeen_ bounds the threads).
    std::vector<std::vector<ObjectAddr>> &taken = takenScratch_;
    if (taken.size() < threadsSeen_)
      taken.resize(threadsSeen_);
    for (size_t t = 0; t < threadsSeen_; ++t)
      taken[t].clear();
    // A mutex that anyone re-initialises, destroys or unlocks without
    // owning it (all mutate) in between may be free earlier: not counted.
    std::vector<ObjectAddr> &changed = changedScratch_;
    changed.clear();
    for (uint32_t k = r.at; k < end; ++k)
      for (auto [kind, object] : partsOf(steps_[k].access))
        if (kind == AccessKind::Mutate)
          changed.push_back(object);
    auto waits = [&](const Step &s) {
      if (contains(after, s.thread))
        return true;
      for (auto [kind, object] : partsOf(s.access))
        if (kind == AccessKind::Acquire && contains(held, object))
          return true;
      return false;
    };
    for (uint32_t k = r.at; k < end; ++k) {
      const Step &s = steps_[k];
      const bool late = waits(s);
      if (late && !contains(after, s.thread))
        after.push_back(s.thread);
      std::vector<ObjectAddr> &mine = taken[s.thread];
      for (auto [kind, object] : partsOf(s.access)) {
        if (kind == AccessKind::Acquire || kind == AccessKind::Mutate)
          mine.push_back(object);
        else if (kind == AccessKind::OwnerRelease && late &&
                 !contains(mine, object) && !contains(held, object) &&
                 !contains(changed, object) && final.mutex(object))
          held.push_back(object); // held in the state, released late
      }
    }
    return waits(steps_[r.second]);
  }

  /// Into `out` (emptied first).
  void reorderingOf(const Reversal &r, const Machine &final,
                    Reordering &out) const {
    out.clear();
    const uint32_t end = std::min<uint32_t>(r.second, realSteps_);
    // The steps that must stay after the earlier racing one: per thread
    // the first one's number (later ones follow it), and the objects they
    // release.
    std::vector<std::pair<ThreadId, uint32_t>> &firstAfter = firstAfterScratch_;
    firstAfter.assign(1, {steps_[r.at].thread, steps_[r.at].seq});
    std::vector<ObjectAddr> &releasedAfter = releasedAfterScratch_;
    releasedAfter.clear();
    addReleased(steps_[r.at], releasedAfter);
    // A thread with a step that stays: its later steps stay too (program
    // order), and only their releases matter (for the other threads'
    // acquisitions); a run of its steps without one is skipped at once
    // (skip_). Past the last step of every thread not known to stay,
    // nothing more joins v and no release matters. So the scan costs the
    // steps of v, the threads, and the releases among the other threads'
    // steps, not the distance to the race's second step (to the end of the
    // execution for a virtual one).
    std::vector<char> &staying = stayingScratch_;
    staying.assign(threadsSeen_, 0);
    staying[steps_[r.at].thread] = 1;
    // The last real step of a thread not (yet) known to stay: past it, no
    // step can join v, and releases no longer matter.
    auto lastOfOthers = [&] {
      uint32_t last = 0;
      for (size_t t = 0; t < threadsSeen_; ++t)
        if (!staying[t] && lastStep_[t] != UINT32_MAX)
          last = std::max(last, lastStep_[t] + 1);
      return last;
    };
    uint32_t until = std::min(end, lastOfOthers());
    bool cut = false;
    for (uint32_t k = r.at + 1; k < until; ++k) {
      const Step &s = steps_[k];
      if (staying[s.thread]) {
        addReleased(s, releasedAfter);
        k = skip_[k] - 1;
        continue;
      }
      bool stays = takesReleased(s, releasedAfter);
      for (size_t x = 0; x < firstAfter.size() && !stays; ++x)
        stays = s.clock.covers(firstAfter[x].first, firstAfter[x].second);
      if (!stays) {
        out.steps.push_back(k);
        if (out.steps.size() + 1 >= MaxReordering && k + 1 < end) {
          cut = true; // without its middle, the last step may not run yet
          break;
        }
        continue;
      }
      firstAfter.push_back({s.thread, s.seq});
      staying[s.thread] = 1;
      until = std::min(end, lastOfOthers());
      addReleased(s, releasedAfter);
    }
    if (r.second < steps_.size() && !cut) {
      if (waitsForFirst(r, end, final)) {
        out.infeasible = true;
        return;
      }
      out.steps.push_back(r.second);
    }
    if (std::none_of(out.steps.begin(), out.steps.end(),
                     [&](uint32_t k) { return releases(steps_[k]); })) {
      out.clocks = &steps_;
      return;
    }
    const size_t n = out.steps.size(), words = (n + 63) / 64;
    out.words = words;
    out.after.assign(n * words, 0);
    std::vector<ObjectAddr> &released = releasedScratch_;
    for (size_t i = 0; i < n; ++i) {
      const Step &later = steps_[out.steps[i]];
      for (size_t j = 0; j < i; ++j) {
        const Step &earlier = steps_[out.steps[j]];
        if (out.follows(i, j))
          continue;
        released.clear();
        addReleased(earlier, released);
        if (later.clock.covers(earlier.thread, earlier.seq) ||
            (!released.empty() && takesReleased(later, released))) {
          for (size_t w = 0; w < words; ++w)
            out.row(i)[w] |= out.row(j)[w];
          out.row(i)[j / 64] |= uint64_t(1) << (j % 64);
        }
      }
    }
  }

  /// The threads whose first step in the reordering follows none of its
  /// others: each can start it.
  /// (This worker's scratch, valid until the next call.)
  const std::vector<ThreadId> &initialsOf(const Reordering &v) const {
    std::vector<ThreadId> &out = initialsScratch_, &seen = seenScratch_;
    out.clear();
    seen.clear();
    for (size_t i = 0; i < v.steps.size(); ++i) {
      ThreadId t = steps_[v.steps[i]].thread;
      if (contains(seen, t))
        continue;
      seen.push_back(t);
      if (!v.followsAny(i))
        out.push_back(t);
    }
    return out;
  }

  /// The reordering as a sequence to insert, starting with `first`'s first
  /// step (an initial), into `w`. It asks `v` (and this worker's order
  /// scratch) whether one step follows another: both must outlive its use.
  void sequenceOf(const Reordering &v, ThreadId first,
                  WakeupSequence &w) const {
    std::vector<size_t> &order = orderScratch_;
    order.clear();
    bool moved = false;
    for (size_t i = 0; i < v.steps.size(); ++i)
      if (!moved && steps_[v.steps[i]].thread == first) {
        order.insert(order.begin(), i);
        moved = true;
      } else {
        order.push_back(i);
      }
    const std::vector<size_t> &ordered = order;
    w.assign(
        order.size(),
        [&](size_t k) {
          const Step &s = steps_[v.steps[order[k]]];
          return std::pair(s.thread, s.access);
        },
        // Two references: small enough for std::function to hold in place.
        [&v, &ordered](size_t x, size_t y) {
          return v.follows(ordered[y], ordered[x]);
        });
  }

  /// A branch of `subtree` was run or dropped: it and the subtrees around
  /// it have one fewer open.
  void close(const SubtreeRef &subtree) {
    for (Subtree *t = subtree.get(); t; t = t->parent.get())
      if (--t->open == 0)
        t->settledAt = started_;
  }

  /// Whether an access takes a lock (or waits for one): a blocking lock,
  /// a read lock, a semaphore wait, a condition wait's re-acquisition.
  static bool takesLock(const Access &a) {
    for (AccessKind kind : {a.kind, a.kind2, a.kind3})
      if (kind == AccessKind::Acquire || kind == AccessKind::Share)
        return true;
    return false;
  }

  /// Whether `subtree` was explored to its end before the branch being
  /// folded started (Subtree).
  bool settledBefore(const SubtreeRef &subtree) const {
    return subtree && subtree->settledAt < foldingStarted_ &&
           !subtree->tainted && !(subtree->parent && subtree->parent->tainted);
  }

  /// A reordering at the view's state was left to a thread explored there,
  /// or asleep, whose branch may not cover it (`below`, not settled): the
  /// subtrees around that state no longer count as covering for optimal
  /// DPOR's rule (Subtree::tainted).
  void relyOn(const SubtreeRef &below, const StateView &view,
              const Path &path) {
    if (settledBefore(below))
      return;
    for (Subtree *t = path.owner(view.index).subtree.get(); t && !t->tainted;
         t = t->parent.get())
      t->tainted = true;
  }
  /// The subtree of thread q in the view's sleep set, or explored at
  /// `node` (null: none known).
  static SubtreeRef belowOf(ThreadId q, const StateView &view,
                            const Branching *node) {
    for (size_t k = 0; k < view.sleep.size(); ++k)
      if (view.sleep[k] == q)
        return view.sleepBelow[k];
    if (node)
      for (size_t k = 0; k < node->done.size(); ++k)
        if (node->done[k] == q)
          return node->doneBelow[k];
    return nullptr;
  }

  void addBacktrack(const StateView &view, ThreadId thread, const Path &path,
                    const ExecutionAnalysis &a,
                    std::vector<WakeupNode> below = {}) {
    const size_t ownerIndex = path.ownerIndex(view.index);
    Segment &owner = *path.chain[ownerIndex];
    auto it = owner.branching.find(view.index);
    if (it != owner.branching.end() && contains(it->second.backtrack, thread))
      return;
    if (it == owner.branching.end()) {
      if (thread == path.threadAt(view.index))
        return; // the path itself goes this way
      it = owner.branching.emplace(view.index, describe(view, path, a)).first;
    }
    Branching &node = it->second;
    uint32_t cost = costOf(node, thread);
    if (options_.preemptionBound >= 0 &&
        cost > static_cast<uint32_t>(options_.preemptionBound)) {
      boundPruned_ = true;
      return;
    }
    node.backtrack.push_back(thread);
    if (!below.empty())
      node.wakeup.push_back({thread, std::move(below)});
    // Each segment of the chain is held by the next one; the last by the
    // path.
    const SegmentRef &ref = ownerIndex + 1 < path.chain.size()
                                ? path.chain[ownerIndex + 1]->parent
                                : path.last;
    queue_.push({cost, view.index, seq_++, ref, thread});
    for (Subtree *t = owner.subtree.get(); t; t = t->parent.get())
      ++t->open;
  }

  /// The steps of this worker's last happens-before pass, with their
  /// clocks: the execution's realSteps_ ones, then its virtual ones. Each
  /// worker's own: it runs the pass without the lock.
  inline static thread_local std::vector<Step> steps_;
  inline static thread_local size_t realSteps_ = 0;
  /// For reorderingOf's scan over the real steps: skip_[k] is the first
  /// step after k that is another thread's or releases something;
  /// threadsSeen_ bounds the thread ids, lastStep_[t] is thread t's last
  /// real step (UINT32_MAX: none).
  /// Each worker's own, as steps_ is.
  inline static thread_local std::vector<uint32_t> skip_;
  inline static thread_local size_t threadsSeen_ = 0;
  inline static thread_local std::vector<uint32_t> lastStep_;
  inline static thread_local std::vector<char> stayingScratch_;
  inline static thread_local std::vector<std::vector<ObjectAddr>>
      takenScratch_; // waitsForFirst's
  inline static thread_local std::vector<ThreadId> waitAfterScratch_;
  inline static thread_local std::vector<uint32_t> joinedScratch_;
  inline static thread_local std::vector<std::pair<ObjectAddr, uint32_t>>
      heldAtScratch_;
  inline static thread_local std::vector<ObjectAddr> heldScratch_,
      changedScratch_;
  /// waitsForFirstFar's index of the real steps (noteLockIndex), made at
  /// the first scan past longScan() steps of an execution.
  struct LockIndex {
    bool ready; // (static storage: starts false)
    /// Per thread and object, its releases (OwnerRelease) in order, each
    /// with the thread's last taking (Acquire or Mutate) of the object
    /// before it (-1: none), which never decreases along the list.
    std::vector<std::unordered_map<ObjectAddr,
                                   std::vector<std::pair<int64_t, uint32_t>>>>
        releases;
    /// Per object and thread, its Acquire steps in order.
    std::unordered_map<ObjectAddr, std::vector<std::vector<uint32_t>>> acquires;
    /// Per object, the steps that Mutate it, in order.
    std::unordered_map<ObjectAddr, std::vector<uint32_t>> mutates;
  };
  inline static thread_local LockIndex lockIndex_;
  /// The distance from which waitsForFirst asks the index: 256 steps, or
  /// TANGLE_TEST_LONG_SCAN's (the model tests' run that checks the index
  /// against the naive search on every race, at 0: model/CMakeLists.txt).
  static uint32_t longScan() {
    static const uint32_t steps = [] {
      const char *value = std::getenv("TANGLE_TEST_LONG_SCAN");
      return value ? uint32_t(std::strtoul(value, nullptr, 10)) : 256u;
    }();
    return steps;
  }
  /// answer()'s initials and sequence (its reordering is a static local
  /// there), with what reorderingOf, initialsOf and sequenceOf use to build
  /// them: refilled for each race, keeping their room.
  inline static thread_local std::vector<std::pair<ThreadId, uint32_t>>
      firstAfterScratch_;
  inline static thread_local std::vector<ObjectAddr> releasedAfterScratch_,
      releasedScratch_;
  inline static thread_local std::vector<ThreadId> initialsScratch_,
      seenScratch_;
  inline static thread_local std::vector<size_t> orderScratch_;
  inline static thread_local WakeupSequence sequenceScratch_;
  /// findRaces' per-object entries: every step on the object, and per
  /// thread its latest step touching it in each way. Kept emptied between
  /// executions (up to MaxKeptObjects objects), as are its per-thread step
  /// lists; each worker's own.
  static constexpr size_t Kinds = size_t(AccessKind::ProcessExit) + 1;
  struct Latest {
    ThreadId thread;
    std::array<uint32_t, Kinds> step;
  };
  // Both in one entry: one lookup a part of a step, not two.
  struct OnObject {
    std::vector<uint32_t> all;
    std::vector<Latest> latest;
    /// Every touch of the object (step, way), in order, and the position
    /// among them of a step that happens after every earlier touch (its
    /// chain head; NoChain: none known). A step after the head is after
    /// them all: only the touches from the head on can race with it or
    /// add to its clock (latestOn). With a mutex that 1,000 threads take
    /// in turn, the head is the latest lock, and a lock no longer looks
    /// at the latest step of each of 999 threads.
    std::vector<std::pair<uint32_t, AccessKind>> touches;
    size_t chainHead = NoChain;
    bool chainBroken = false;
  };
  static constexpr size_t NoChain = SIZE_MAX;
  /// How many touches may follow a chain head before it is dropped (the
  /// object's touches are not ordered then, as an rwlock's readers).
  static constexpr size_t MaxChainTail = 64;
  static constexpr size_t MaxKeptObjects = 4096;
  /// [x][y]: whether a step touching an object in way x and another
  /// touching the same object in way y are dependent(). On one object that
  /// depends on the two kinds alone; findRaces asks it for every kind of
  /// every other thread's latest steps on each object a step touches.
  static const std::array<std::array<bool, Kinds>, Kinds> &kindsDependent() {
    static const auto table = [] {
      std::array<std::array<bool, Kinds>, Kinds> t{};
      for (size_t x = 0; x < Kinds; ++x)
        for (size_t y = 0; y < Kinds; ++y)
          t[x][y] = dependent({AccessKind(x), 1}, {AccessKind(y), 1});
      return t;
    }();
    return table;
  }
  /// The analysis of the execution runBranch folds; each worker's own, as
  /// nothing keeps it past the fold.
  inline static thread_local ExecutionAnalysis analysisScratch_;
  /// This worker's last DPOR execution, when nothing else kept it.
  inline static thread_local std::shared_ptr<Execution> spareExecution_;
  /// The memory of walkStates' Machine.
  inline static thread_local std::array<std::byte, 64 * 1024> walkArena_;
  /// The memory of noteCoverage's maps.
  inline static thread_local std::array<std::byte, 16 * 1024> coverageArena_;
  inline static thread_local std::unordered_map<ObjectAddr, OnObject>
      byObjectScratch_;
  inline static thread_local std::vector<std::vector<uint32_t>>
      byThreadScratch_;
  /// The reordering answered last, and at which state (answer()).
  inline static thread_local uint32_t lastAnsweredAt_ = UINT32_MAX;
  inline static thread_local std::vector<uint32_t> lastAnswered_;

  void noteLockIndex() const {
    LockIndex &x = lockIndex_;
    if (x.ready)
      return;
    x.ready = true;
    x.releases.assign(threadsSeen_, {});
    x.acquires.clear();
    x.mutates.clear();
    std::vector<std::unordered_map<ObjectAddr, uint32_t>> lastTaken(
        threadsSeen_);
    for (uint32_t k = 0; k < realSteps_; ++k) {
      const Step &s = steps_[k];
      for (auto [kind, object] : partsOf(s.access)) {
        if (kind == AccessKind::Acquire || kind == AccessKind::Mutate)
          lastTaken[s.thread][object] = k;
        if (kind == AccessKind::Acquire) {
          std::vector<std::vector<uint32_t>> &byThread = x.acquires[object];
          if (byThread.size() < threadsSeen_)
            byThread.resize(threadsSeen_);
          byThread[s.thread].push_back(k);
        } else if (kind == AccessKind::Mutate) {
          x.mutates[object].push_back(k);
        } else if (kind == AccessKind::OwnerRelease) {
          auto taken = lastTaken[s.thread].find(object);
          x.releases[s.thread][object].push_back(
              {taken == lastTaken[s.thread].end() ? -1 : int64_t(taken->second),
               k});
        }
      }
    }
  }

  /// waitsForFirst's answer from the index, for a race far apart: the
  /// scan's two sets in the order the scan would grow them. A thread joins
  /// `after` at its first step that takes (Acquire) an object already
  /// `held`; an object is held from the first release, by a thread at or
  /// after its joining, of a mutex that thread took last before the first
  /// step (it held it in the state) and that nobody mutates before `end`.
  /// Earliest first (a heap of times), as the scan meets them.
  bool waitsForFirstFar(const Reversal &r, uint32_t end,
                        const Machine &final) const {
    noteLockIndex();
    const LockIndex &x = lockIndex_;
    std::vector<uint32_t> &joined = joinedScratch_;
    joined.assign(threadsSeen_, UINT32_MAX);
    std::vector<std::pair<ObjectAddr, uint32_t>> &held = heldAtScratch_;
    held.clear();
    auto heldAt = [&](ObjectAddr o) -> uint32_t * {
      for (auto &[object, at] : held)
        if (object == o)
          return &at;
      return nullptr;
    };
    auto mutatedBetween = [&](ObjectAddr o) {
      auto m = x.mutates.find(o);
      if (m == x.mutates.end())
        return false;
      auto at = std::lower_bound(m->second.begin(), m->second.end(), r.at);
      return at != m->second.end() && *at < end;
    };
    // (time, thread or object, which): a thread joining, an object held.
    using Event = std::tuple<uint32_t, bool, ObjectAddr>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    const ThreadId first = steps_[r.at].thread;
    joined[first] = r.at;
    events.push({r.at, true, first});
    while (!events.empty()) {
      auto [time, isThread, which] = events.top();
      events.pop();
      if (isThread) {
        const ThreadId t = ThreadId(which);
        if (joined[t] != time)
          continue;
        for (const auto &[object, list] : x.releases[t]) {
          // Its first release at or after its joining; it counts if the
          // object was taken last before the first step.
          auto at = std::lower_bound(list.begin(), list.end(), time,
                                     [](const std::pair<int64_t, uint32_t> &e,
                                        uint32_t k) { return e.second < k; });
          if (at == list.end() || at->second >= end ||
              at->first >= int64_t(r.at))
            continue;
          uint32_t *h = heldAt(object);
          if ((h && *h <= at->second) || mutatedBetween(object) ||
              !final.mutex(object))
            continue;
          if (h)
            *h = at->second;
          else
            held.push_back({object, at->second});
          events.push({at->second, false, object});
        }
      } else {
        const uint32_t *h = heldAt(which);
        if (!h || *h != time)
          continue;
        auto a = x.acquires.find(which);
        if (a == x.acquires.end())
          continue;
        for (size_t t = 0; t < a->second.size(); ++t) {
          const std::vector<uint32_t> &steps = a->second[t];
          auto at = std::upper_bound(steps.begin(), steps.end(), time);
          if (at != steps.end() && *at < end && *at < joined[t]) {
            joined[t] = *at;
            events.push({*at, true, ObjectAddr(t)});
          }
        }
      }
    }
    const Step &second = steps_[r.second];
    if (second.thread < joined.size() && joined[second.thread] != UINT32_MAX)
      return true;
    for (auto [kind, object] : partsOf(second.access))
      if (kind == AccessKind::Acquire && heldAt(object))
        return true;
    return false;
  }

  void noteRuns() {
    lockIndex_.ready = false;
    skip_.assign(realSteps_, 0);
    for (size_t k = realSteps_; k-- > 0;)
      skip_[k] = k + 1 < realSteps_ && steps_[k + 1].thread == steps_[k].thread &&
                         !releases(steps_[k + 1])
                     ? skip_[k + 1]
                     : uint32_t(k + 1);
    threadsSeen_ = 0;
    for (const Step &s : steps_)
      threadsSeen_ = std::max<size_t>(threadsSeen_, size_t(s.thread) + 1);
    lastStep_.assign(threadsSeen_, UINT32_MAX);
    for (size_t k = 0; k < realSteps_; ++k)
      lastStep_[steps_[k].thread] = uint32_t(k);
  }
  /// The wakeup tree below the branch being folded in (moved out of its
  /// Branching when the branch was taken, then handed here with its
  /// execution), which its execution followed: walkStates hangs the
  /// branches it did not take on the states where they start.
  std::vector<WakeupNode> following_;
  /// The longest reordering kept: pending branches hold theirs in their
  /// wakeup trees, and its analysis is quadratic in its length.
  static constexpr size_t MaxReordering = 512;

  /// lock.order-inversion warnings, once the exploration has ended: they
  /// depend on every execution (a later one may show the deadlock). They
  /// are not counted, so they do not count towards --max-findings either.
  void addLockOrderFindings() {
    if (!options_.lockOrder)
      return;
    size_t max = options_.maxFindings ? options_.maxFindings : SIZE_MAX;
    for (Finding &f : lockOrder_.findings(report_.findings,
                                          report_.stats.complete,
                                          report_.stats.stoppedBy, max))
      report_.findings.push_back(std::move(f));
  }

  /// The findings of one execution (it alone, so without the lock).
  static std::vector<Finding> detect(const Execution &execution,
                                     const ExecutionAnalysis &analysis) {
    std::vector<Finding> found = detectFindings(execution, analysis);
    for (Finding &race : detectRaces(execution, analysis))
      found.push_back(std::move(race));
    return found;
  }

  /// Adds what detect() found in an execution to the report.
  void record(const std::shared_ptr<Execution> &execution,
              const ExecutionAnalysis &analysis, const char *foundBy,
              std::vector<Finding> found) {
    if (options_.lockOrder)
      lockOrder_.add(
          execution, analysis,
          [&] { return trimmedSchedule(*execution, analysis); },
          analysis.preemptions.back());
    noteRaceCheck(report_.stats, *execution);
    if (found.empty())
      return;
    std::vector<ThreadId> schedule = trimmedSchedule(*execution, analysis);
    uint32_t preemptions = analysis.preemptions.back();
    for (Finding &f : found) {
      f.execution = execution;
      f.schedule = schedule;
      f.preemptions = preemptions;
      f.foundBy = foundBy;
      auto known = keys_.find(f.key);
      if (known != keys_.end()) {
        // Keep the counterexample that shows the most (finding.h).
        Finding &old = report_.findings[known->second];
        if (betterWitness(f, old))
          old = std::move(f);
        continue;
      }
      if (options_.maxFindings &&
          report_.findings.size() >= options_.maxFindings)
        continue;
      keys_[f.key] = report_.findings.size();
      report_.findings.push_back(std::move(f));
      report_.stats.findings = report_.findings.size();
    }
  }

private:
  ExploreOptions options_;
  ExplorationWorkers workers_;
  /// --shard: this shard's roots (shard.h), the next one to start, and the
  /// state the current one starts at (0: not sharded).
  std::vector<ExplorationRoot> roots_;
  size_t nextRoot_ = 0;
  uint32_t rootDepth_ = 0;
  uint64_t randomIssued_ = 0; // random schedules handed out
  std::chrono::steady_clock::time_point start_;
  BranchQueue queue_;
  uint64_t started_ = 0; // branches started (executions of DPOR's tree)
  /// At most this many executions run ahead or wait for their turn, and
  /// those waiting hold at most this many steps: they wait in memory.
  static constexpr size_t AheadMost = 64, AheadEventsMost = 1 << 18,
                          AheadScan = 1023;
  std::vector<std::shared_ptr<Ahead>> ahead_;
  size_t aheadEvents_ = 0;
  uint64_t aheadIds_ = 0;         // Ahead::id
  uint64_t takenAhead_ = 0;       // the one runBranch took (its id), to settle
  SegmentRef foldedSegment_;      // the one foldBranch made, to settle
  uint64_t aheadHungDropped_ = 0; // siblings run ahead whose branch never was
  /// hangFrom looks at wakeup subtrees of at most this many nodes (it
  /// copies one under the lock).
  static constexpr size_t HangNodesMost = 4096;
  /// nextAhead's walk of the queue, keeping their room.
  std::vector<size_t> aheadHeapScratch_;
  std::vector<std::pair<const Segment *, uint32_t>> aheadSeenScratch_;
  bool exploring_ = true; // worker 0 still takes branches
  /// Helpers run ahead the branches behind the first pending one of their
  /// state too (nextAhead); TANGLE_AHEAD_FIRST=1 turns that off, to
  /// measure against.
  const bool predictAhead_ = !getenv("TANGLE_AHEAD_FIRST");
  /// And the siblings a fold will hang (hangsAhead).
  const bool hangAhead_ = [] {
    const char *v = getenv("TANGLE_HANG_AHEAD");
    return !v || strcmp(v, "0") != 0;
  }();
  /// The subtree of the branch being folded, and its number among the
  /// branches started (under the lock).
  SubtreeRef folding_;
  uint64_t foldingStarted_ = 0;
  uint64_t seq_ = 0;
  bool boundPruned_ = false;
  uint32_t maxCost_ = 0;              // most preemptions of an execution run
  int64_t minCutCost_ = INT64_MAX;    // fewest of one cut at a limit
  uint64_t estimateRuns_ = 0;         // executions in the estimate
  double estimateSumLog10_ = 0;       // log10 of the sum of their products
  double ordersLog10_ = 0; // the most orders of changes of one execution
  bool cutShort_ = false;
  bool atomicsCut_ = false;  // an execution ran atomics unscheduled
  bool lastWasRandom_ = false;
  bool ranPct_ = false, ranPos_ = false, ranSymmetric_ = false;
  std::unique_ptr<SymmetricSearch> symmetric_; // portfolio and sym only
  uint64_t otherTurns_ = 0; // turns not DPOR's, in the portfolio
  uint64_t maxSteps_ = 0;    // of the longest execution: PCT's k
  std::string limitReached_; // the first EndReason::LimitReached's key
  Report report_;
  /// The analysis of an execution, each worker's own (findRaces runs
  /// without the lock): units of work done, the execution's steps, its
  /// analysis, the first state with races left to answer, and why
  /// findRaces stopped ("" if it did not).
  inline static thread_local uint64_t walkWork_ = 0;
  inline static thread_local size_t analysedSteps_ = 0;
  inline static thread_local const ExecutionAnalysis *analysing_ = nullptr;
  inline static thread_local uint32_t analysedFrom_ = 0;
  inline static thread_local std::string cutWhy_;
  std::unordered_map<std::string, size_t> keys_;
  LockOrderCheck lockOrder_;
  CallTable calls_; // what the steps of the tree's segments did
};

} // namespace

const char *strategyName(Strategy strategy) {
  switch (strategy) {
  case Strategy::Dpor:
    return "dpor";
  case Strategy::Pct:
    return "pct";
  case Strategy::Pos:
    return "pos";
  case Strategy::Portfolio:
    return "portfolio";
  case Strategy::Symmetric:
    return "sym";
  }
  return "?";
}

Report explore(Program &program, const ExploreOptions &options,
               const ProgressFn &progress, const ProgramFactory &copies) {
  if (!options.shardCount)
    return Explorer(options).run(program, progress, copies);
  auto start = std::chrono::steady_clock::now();
  ShardPlan plan = planShard(program, options);
  double planned =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const uint32_t roots = uint32_t(plan.roots.size());
  Report report;
  if (plan.stoppedBy.empty()) {
    ExploreOptions rest = options; // the budget left after the plan
    if (rest.timeoutSeconds > 0)
      rest.timeoutSeconds = std::max(rest.timeoutSeconds - planned, 1e-3);
    report = Explorer(rest, std::move(plan.roots)).run(program, progress,
                                                         copies);
  } else {
    report.stats.stoppedBy = plan.stoppedBy;
    report.stats.error = plan.error;
    report.stats.seed = options.seed;
  }
  report.stats.seconds += planned;
  report.stats.shardFrontier = plan.frontier;
  report.stats.shardRoots = roots;
  report.stats.shardPrefixExecutions = plan.executions;
  return report;
}

std::vector<ThreadId> trimmedSchedule(const Execution &e,
                                      const ExecutionAnalysis &a) {
  std::vector<ThreadId> schedule;
  for (const Event &event : e.events)
    schedule.push_back(event.thread);
  // Keep the first step even when the default scheduler would take it:
  // `--schedule ''` replays the same, but reads as if something was lost.
  size_t keep = schedule.size();
  while (keep > 1 && keep - 1 < a.defaults.size() &&
         a.defaults[keep - 1] == schedule[keep - 1])
    --keep;
  schedule.resize(keep);
  return schedule;
}

Report replay(Program &program, const std::vector<ThreadId> &schedule,
              const ExploreOptions &options,
              const std::vector<OpKind> &recordedKinds) {
  Report report;
  ExecutionRequest request;
  request.prefix = schedule;
  request.recordedKinds = recordedKinds;
  request.maxSteps = options.maxSteps;
  request.timeoutSeconds = options.executionTimeout;
  request.retryBound = options.retryBound;
  request.spuriousWakeups = options.spuriousWakeups;
  auto start = std::chrono::steady_clock::now();
  auto execution = std::make_shared<Execution>(program.run(request));
  ExploreStats &s = report.stats;
  s.executions = 1;
  s.steps = execution->events.size();
  s.stoppedBy = "replay";
  if (execution->end == EndReason::LimitReached) {
    s.limitNote = execution->error;
    s.stoppedAt = execution->crash.stack;
  }
  if (execution->end == EndReason::Error) {
    s.error = execution->error;
  } else if (execution->end == EndReason::Diverged) {
    s.error = "the schedule does not fit the program: " + execution->error;
  } else {
    ExecutionAnalysis analysis = analyzeExecution(
        *execution, options.retryBound, options.spuriousWakeups);
    if (!analysis.error.empty()) {
      s.error = analysis.error;
    } else {
      std::vector<ThreadId> trimmed = trimmedSchedule(*execution, analysis);
      noteRaceCheck(s, *execution);
      std::vector<Finding> found = detectFindings(*execution, analysis);
      for (Finding &race : detectRaces(*execution, analysis))
        found.push_back(std::move(race));
      for (Finding &f : found) {
        f.execution = execution;
        f.schedule = trimmed;
        f.preemptions = analysis.preemptions.back();
        report.findings.push_back(std::move(f));
      }
      if (options.lockOrder) {
        LockOrderCheck lockOrder;
        lockOrder.add(
            execution, analysis, [&] { return trimmed; },
            analysis.preemptions.back());
        size_t max = options.maxFindings ? options.maxFindings : SIZE_MAX;
        for (Finding &f : lockOrder.findings(report.findings, false, "replay",
                                             max))
          report.findings.push_back(std::move(f));
      }
    }
  }
  s.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return report;
}

} // namespace tangle
