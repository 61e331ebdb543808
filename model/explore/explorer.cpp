// Source-set DPOR with sleep sets over a tree of states; see explorer.h.
//
// Each execution is analysed after it ends: replayed through the Machine
// (enabled threads, effects), then happens-before is computed with vector
// clocks (program order, create->start, exit->join, and every dependent
// pair), and each race e1 < e2 (dependent, unordered except directly) adds
// to the state before e1 a thread that starts an equivalent reordering.
// Operations that never executed because their thread was blocked (or the
// process ended) take part as "virtual" last events, so a deadlock's missing
// lock also races with the lock that got there first.
#include "model/explore/explorer.h"

#include "model/detect/detectors.h"
#include "model/detect/races.h"
#include "model/explore/clock.h"
#include "model/explore/replay.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>

namespace tangle {
namespace {

/// Whether the race check saw this execution's memory accesses.
void noteRaceCheck(ExploreStats &s, const Execution &e) {
  s.racesChecked = s.racesChecked || e.accessesLogged;
  s.racesPartial = s.racesPartial || e.accessLogFull;
}

bool contains(const std::vector<ThreadId> &set, ThreadId t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

struct Node {
  std::shared_ptr<Node> parent;
  ThreadId via = NoThread; // the thread whose step led here from parent
  uint32_t depth = 0;
  uint32_t preemptions = 0;
  std::vector<ThreadId> enabled;
  std::vector<std::pair<ThreadId, Access>> next;
  std::vector<ThreadId> backtrack; // chosen or to be chosen here
  std::vector<ThreadId> done;      // chosen here already
  std::vector<ThreadId> sleep;

  Access nextAccess(ThreadId t) const {
    for (const auto &[thread, access] : next)
      if (thread == t)
        return access;
    return {};
  }
};
using NodeRef = std::shared_ptr<Node>;

struct Branch {
  uint32_t preemptions;
  uint32_t depth;
  uint64_t seq;
  NodeRef node;
  ThreadId thread;
};

/// Fewest preemptions first; among equals the deepest, most recent (as a
/// depth-first search would), which keeps few branches pending.
struct LaterBranch {
  bool operator()(const Branch &a, const Branch &b) const {
    if (a.preemptions != b.preemptions)
      return a.preemptions > b.preemptions;
    if (a.depth != b.depth)
      return a.depth < b.depth;
    return a.seq < b.seq;
  }
};

/// One event (or virtual event) as the race analysis sees it.
struct Step {
  ThreadId thread;
  Access access;
  uint32_t seq; // 1-based position in its thread
  VectorClock clock;
};

class Explorer {
public:
  Explorer(Program &program, const ExploreOptions &options)
      : program_(program), options_(options),
        start_(std::chrono::steady_clock::now()) {}

  Report run(const ProgressFn &progress) {
    runBranch(nullptr, NoThread);
    while (!queue_.empty() && stoppedBy().empty()) {
      if (progress && !progress(stats())) {
        report_.stats.stoppedBy = "interrupted";
        break;
      }
      Branch b = queue_.top();
      queue_.pop();
      if (contains(b.node->done, b.thread) || contains(b.node->sleep, b.thread))
        continue;
      runBranch(b.node, b.thread);
    }
    report_.stats = stats();
    if (report_.stats.stoppedBy.empty()) {
      if (!queue_.empty())
        report_.stats.stoppedBy = stoppedBy();
      else if (boundPruned_)
        report_.stats.stoppedBy = "preemption-bound";
      else if (cutShort_)
        report_.stats.stoppedBy = "execution-limit";
      else if (atomicsCut_)
        report_.stats.stoppedBy = "atomic-limit";
      else if (!limitReached_.empty())
        report_.stats.stoppedBy = limitReached_;
    }
    report_.stats.complete =
        report_.stats.stoppedBy.empty() && report_.stats.error.empty();
    return std::move(report_);
  }

private:
  ExploreStats stats() const {
    ExploreStats s = report_.stats;
    s.seconds = elapsed();
    return s;
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
    if (options_.maxExecutions &&
        s.executions + s.sleepBlocked + s.retryBounded >=
            options_.maxExecutions)
      return "max-executions";
    if (options_.timeoutSeconds > 0 && elapsed() >= options_.timeoutSeconds)
      return "timeout";
    if (report_.findings.size() >= options_.maxFindings &&
        options_.maxFindings > 0)
      return "max-findings";
    return "";
  }

  /// Runs the branch that takes `thread` at `node` (the root run when node
  /// is null) and folds the execution into the tree.
  void runBranch(const NodeRef &node, ThreadId thread) {
    ExecutionRequest request;
    request.maxSteps = options_.maxSteps;
    request.timeoutSeconds = options_.executionTimeout;
    request.retryBound = options_.retryBound;
    request.spuriousWakeups = options_.spuriousWakeups;
    std::vector<ThreadId> sleep;
    if (node) {
      for (const Node *n = node.get(); n->parent; n = n->parent.get())
        request.prefix.push_back(n->via);
      std::reverse(request.prefix.begin(), request.prefix.end());
      request.prefix.push_back(thread);
      if (options_.reduce) {
        Access taken = node->nextAccess(thread);
        auto keep = [&](ThreadId q) {
          return q != thread && !contains(sleep, q) &&
                 !dependent(taken, node->nextAccess(q));
        };
        for (ThreadId q : node->sleep)
          if (keep(q))
            sleep.push_back(q);
        for (ThreadId q : node->done)
          if (keep(q))
            sleep.push_back(q);
      }
      node->done.push_back(thread);
      request.sleeping = sleep;
    }

    auto execution = std::make_shared<Execution>(program_.run(request));
    ExploreStats &s = report_.stats;
    s.steps += execution->events.size();
    switch (execution->end) {
    case EndReason::Error:
      s.error = execution->error.empty() ? "the program could not be run"
                                         : execution->error;
      return;
    case EndReason::Diverged:
      // The program did something else under the same schedule: it is not
      // deterministic (time, randomness, input). Nothing below is trusted.
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
    case EndReason::Timeout:
      cutShort_ = true;
      ++s.executions;
      break;
    case EndReason::LimitReached:
      // Not a finding: the exploration is incomplete, naming the limit.
      if (limitReached_.empty()) {
        limitReached_ = execution->limit.empty() ? "limit" : execution->limit;
        s.stoppedDetail = execution->error;
        s.stoppedAt = execution->crash.stack;
      }
      ++s.executions;
      break;
    default:
      ++s.executions;
    }
    atomicsCut_ = atomicsCut_ || execution->atomicsUnscheduled;

    const uint32_t branchDepth = node ? node->depth : 0;
    const size_t detailFrom = node ? branchDepth + 1 : 0;
    ExecutionAnalysis analysis = analyzeExecution(
        *execution, detailFrom, options_.retryBound, options_.spuriousWakeups);
    if (!analysis.error.empty()) {
      s.error =
          "the program's steps do not replay in the model: " + analysis.error;
      return;
    }

    std::vector<NodeRef> path = buildPath(node, sleep, *execution, analysis);
    if (execution->end != EndReason::SleepBlocked &&
        execution->end != EndReason::RetryBounded)
      record(execution, analysis);
    if (options_.reduce)
      addRaceReversals(*execution, analysis, path, node ? branchDepth : 0);
    else
      addEveryAlternative(path, detailFrom);
  }

  /// The tree nodes along this execution: the existing ones down to the
  /// branch point, new ones after it.
  std::vector<NodeRef> buildPath(const NodeRef &node,
                                 const std::vector<ThreadId> &branchSleep,
                                 const Execution &e,
                                 const ExecutionAnalysis &a) {
    const size_t n = e.events.size();
    std::vector<NodeRef> path(n + 1);
    size_t first = 0;
    if (node) {
      for (NodeRef at = node; at; at = at->parent)
        path[at->depth] = at;
      first = node->depth + 1;
    }
    for (size_t i = first; i <= n; ++i) {
      auto created = std::make_shared<Node>();
      created->depth = static_cast<uint32_t>(i);
      created->preemptions = a.preemptions[i];
      created->enabled = a.enabled[i];
      created->next = a.next[i];
      if (i > 0) {
        created->parent = path[i - 1];
        ThreadId via = e.events[i - 1].thread;
        created->via = via;
        if (i == first && node) {
          created->sleep = branchSleep;
        } else if (options_.reduce) {
          const Node &parent = *path[i - 1];
          Access taken = parent.nextAccess(via);
          for (ThreadId q : parent.sleep)
            if (q != via && !dependent(taken, parent.nextAccess(q)))
              created->sleep.push_back(q);
        }
      }
      if (i < n) {
        created->backtrack.push_back(e.events[i].thread);
        created->done.push_back(e.events[i].thread);
      }
      path[i] = created;
    }
    return path;
  }

  /// The preemptions of a schedule that takes `thread` at node.
  uint32_t costOf(const Node &node, ThreadId thread) const {
    ThreadId previous = node.via;
    bool preempts = previous != NoThread && thread != previous &&
                    contains(node.enabled, previous);
    return node.preemptions + (preempts ? 1 : 0);
  }

  void addBacktrack(const NodeRef &node, ThreadId thread) {
    if (contains(node->backtrack, thread))
      return;
    uint32_t cost = costOf(*node, thread);
    if (options_.preemptionBound >= 0 &&
        cost > static_cast<uint32_t>(options_.preemptionBound)) {
      boundPruned_ = true;
      return;
    }
    node->backtrack.push_back(thread);
    queue_.push({cost, node->depth, seq_++, node, thread});
  }

  void addEveryAlternative(const std::vector<NodeRef> &path,
                           size_t detailFrom) {
    for (size_t i = detailFrom; i + 1 < path.size(); ++i)
      for (ThreadId t : path[i]->enabled)
        addBacktrack(path[i], t);
  }

  void addRaceReversals(const Execution &e, const ExecutionAnalysis &a,
                        const std::vector<NodeRef> &path, size_t firstNew) {
    const size_t n = e.events.size();
    std::vector<Step> steps;
    steps.reserve(n + a.virtuals.size());
    std::unordered_map<ThreadId, std::vector<uint32_t>> byThread;
    // Every step on each object, for the virtual steps (below), and per
    // object and thread its latest step touching the object in each way,
    // for the others: of one thread's dependent steps only the latest can
    // race with a step that ran, since the earlier ones happen before it
    // and once it is reversed or ordered they are covered too. (A thread
    // spinning on one atomic makes thousands of steps on it.)
    std::unordered_map<ObjectAddr, std::vector<uint32_t>> byObject;
    constexpr size_t Kinds = size_t(AccessKind::ProcessExit) + 1;
    struct Latest {
      ThreadId thread;
      std::array<uint32_t, Kinds> step;
    };
    std::unordered_map<ObjectAddr, std::vector<Latest>> latestByObject;
    auto note = [&](ObjectAddr object, AccessKind kind, ThreadId t,
                    uint32_t index) {
      std::vector<uint32_t> &all = byObject[object];
      if (all.empty() || all.back() != index)
        all.push_back(index);
      std::vector<Latest> &latest = latestByObject[object];
      auto it = std::find_if(latest.begin(), latest.end(),
                             [&](const Latest &l) { return l.thread == t; });
      if (it == latest.end()) {
        latest.push_back({t, {}});
        latest.back().step.fill(UINT32_MAX);
        it = latest.end() - 1;
      }
      it->step[size_t(kind)] = index;
    };
    std::unordered_map<ThreadId, uint32_t> createdAt, exitedAt;
    // Every step that ended a process (exit, exec, kill): each decides how
    // far the threads it cut off got, not only the last one.
    std::vector<uint32_t> processExits;

    auto poClock = [&](ThreadId t) {
      auto it = byThread.find(t);
      if (it != byThread.end() && !it->second.empty())
        return steps[it->second.back()].clock;
      auto created = createdAt.find(t);
      return created != createdAt.end() ? steps[created->second].clock
                                        : VectorClock();
    };
    // Dependent earlier steps of other threads, latest first: all of them
    // for a virtual step, the latest of each thread for one that ran.
    auto candidates = [&](const Step &s, bool isVirtual) {
      std::vector<uint32_t> out;
      // Ending the process conflicts with every other thread's step.
      for (uint32_t x : processExits)
        if (steps[x].thread != s.thread)
          out.push_back(x);
      if (s.access.kind == AccessKind::ProcessExit) {
        for (const auto &[t, indices] : byThread)
          if (t != s.thread && !indices.empty())
            out.push_back(indices.back());
      } else {
        // A step touches up to two objects (a condition and its mutex).
        for (auto [kind, object] :
             {std::pair(s.access.kind, s.access.object),
              std::pair(s.access.kind2, s.access.object2)}) {
          if (kind == AccessKind::None)
            continue;
          if (isVirtual) {
            auto it = byObject.find(object);
            if (it != byObject.end())
              for (uint32_t j : it->second)
                if (steps[j].thread != s.thread &&
                    dependent(steps[j].access, s.access))
                  out.push_back(j);
            continue;
          }
          auto it = latestByObject.find(object);
          if (it == latestByObject.end())
            continue;
          for (const Latest &l : it->second) {
            if (l.thread == s.thread)
              continue;
            uint32_t latest = UINT32_MAX;
            for (size_t k = 0; k < Kinds; ++k)
              if (l.step[k] != UINT32_MAX &&
                  (latest == UINT32_MAX || l.step[k] > latest) &&
                  dependent({AccessKind(k), object}, {kind, object}))
                latest = l.step[k];
            if (latest != UINT32_MAX)
              out.push_back(latest);
          }
        }
      }
      std::sort(out.rbegin(), out.rend());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    };

    auto process = [&](Step s, const Operation &op, int32_t result,
                       bool analyse, bool isVirtual = false) {
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
        auto exited = exitedAt.find(static_cast<ThreadId>(op.object));
        if (exited != exitedAt.end())
          clock.join(steps[exited->second].clock);
      }
      const uint32_t index = static_cast<uint32_t>(steps.size());
      for (uint32_t j : candidates(s, isVirtual)) {
        const VectorClock &seen = isVirtual ? own : clock;
        if (analyse && !seen.covers(steps[j].thread, steps[j].seq))
          reverse(j, index, s, clock, steps, path, e);
        if (!isVirtual) // a virtual step is after nothing it never ran after
          clock.join(steps[j].clock);
      }
      clock.set(s.thread, s.seq);
      s.clock = std::move(clock);
      steps.push_back(std::move(s));
      return index;
    };

    for (uint32_t i = 0; i < n; ++i) {
      const Event &event = e.events[i];
      Step s{event.thread,
             a.outcomes[i].access,
             static_cast<uint32_t>(byThread[event.thread].size() + 1),
             {}};
      uint32_t index =
          process(std::move(s), event.op, event.result, i >= firstNew);
      byThread[event.thread].push_back(index);
      const Access &access = a.outcomes[i].access;
      if (access.kind != AccessKind::None &&
          access.kind != AccessKind::ProcessExit)
        note(access.object, access.kind, event.thread, index);
      if (access.kind2 != AccessKind::None)
        note(access.object2, access.kind2, event.thread, index);
      // A forked child's first thread starts after the fork, like a
      // created thread after its creation.
      if (event.op.kind == OpKind::ThreadCreate ||
          event.op.kind == OpKind::ProcessFork)
        createdAt[static_cast<ThreadId>(event.result)] = index;
      if (event.op.kind == OpKind::ThreadExit)
        exitedAt[event.thread] = index;
      if (a.outcomes[i].access.kind == AccessKind::ProcessExit)
        processExits.push_back(index);
    }
    for (const VirtualEvent &v : a.virtuals) {
      Step s{v.thread,
             v.access,
             static_cast<uint32_t>(byThread[v.thread].size() + 1),
             {}};
      // Virtual steps are each their thread's last: analyse, never index.
      process(std::move(s), v.op, -1, true, true);
      steps.pop_back();
    }
  }

  /// The race j < i: find the threads that can start, at the state before j,
  /// a reordering where i comes first (source-DPOR's initials of v), and make
  /// sure one of them is explored there.
  void reverse(uint32_t j, uint32_t i, const Step &last,
               const VectorClock &lastClock, const std::vector<Step> &steps,
               const std::vector<NodeRef> &path, const Execution &e) {
    const NodeRef &node = path[j];
    const Step &first = steps[j];
    // v = the steps after j that do not happen after it, then i.
    std::vector<const Step *> v;
    std::vector<const VectorClock *> clocks;
    for (uint32_t k = j + 1; k < i; ++k)
      if (!steps[k].clock.covers(first.thread, first.seq)) {
        v.push_back(&steps[k]);
        clocks.push_back(&steps[k].clock);
      }
    v.push_back(&last);
    clocks.push_back(&lastClock);

    std::vector<ThreadId> initials, seen;
    for (size_t x = 0; x < v.size(); ++x) {
      if (contains(seen, v[x]->thread))
        continue;
      seen.push_back(v[x]->thread);
      bool preceded = false;
      for (size_t y = 0; y < x && !preceded; ++y)
        preceded = clocks[x]->covers(v[y]->thread, v[y]->seq);
      if (!preceded)
        initials.push_back(v[x]->thread);
    }
    for (ThreadId t : initials)
      if (contains(node->backtrack, t) || contains(node->sleep, t))
        return;
    // Prefer an enabled initial that costs no preemption, then any enabled.
    ThreadId best = NoThread;
    for (ThreadId t : initials) {
      if (!contains(node->enabled, t))
        continue;
      if (best == NoThread || costOf(*node, t) < costOf(*node, best))
        best = t;
    }
    if (best != NoThread)
      return addBacktrack(node, best);
    // No initial can run there (it waits for something v releases): fall
    // back to every enabled thread, as classic DPOR does.
    for (ThreadId t : node->enabled)
      if (!contains(node->sleep, t))
        addBacktrack(node, t);
  }

  void record(const std::shared_ptr<Execution> &execution,
              const ExecutionAnalysis &analysis) {
    std::vector<Finding> found = detectFindings(*execution, analysis);
    noteRaceCheck(report_.stats, *execution);
    for (Finding &race : detectRaces(*execution, analysis))
      found.push_back(std::move(race));
    if (found.empty())
      return;
    std::vector<ThreadId> schedule = trimmedSchedule(*execution, analysis);
    uint32_t preemptions = analysis.preemptions.back();
    for (Finding &f : found) {
      f.execution = execution;
      f.schedule = schedule;
      f.preemptions = preemptions;
      auto known = keys_.find(f.key);
      if (known != keys_.end()) {
        // Keep the simplest counterexample of each finding.
        Finding &old = report_.findings[known->second];
        if (f.preemptions < old.preemptions ||
            (f.preemptions == old.preemptions &&
             f.execution->events.size() < old.execution->events.size()))
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

public:
  static std::vector<ThreadId> trimmedSchedule(const Execution &e,
                                               const ExecutionAnalysis &a) {
    std::vector<ThreadId> schedule;
    for (const Event &event : e.events)
      schedule.push_back(event.thread);
    size_t keep = schedule.size();
    while (keep > 0 && keep - 1 < a.defaults.size() &&
           a.defaults[keep - 1] == schedule[keep - 1])
      --keep;
    schedule.resize(keep);
    return schedule;
  }

private:
  Program &program_;
  ExploreOptions options_;
  std::chrono::steady_clock::time_point start_;
  std::priority_queue<Branch, std::vector<Branch>, LaterBranch> queue_;
  uint64_t seq_ = 0;
  bool boundPruned_ = false;
  bool cutShort_ = false;
  bool atomicsCut_ = false; // an execution ran atomics unscheduled
  std::string limitReached_; // the first EndReason::LimitReached's key
  Report report_;
  std::unordered_map<std::string, size_t> keys_;
};

} // namespace

Report explore(Program &program, const ExploreOptions &options,
               const ProgressFn &progress) {
  return Explorer(program, options).run(progress);
}

Report replay(Program &program, const std::vector<ThreadId> &schedule,
              const ExploreOptions &options) {
  Report report;
  ExecutionRequest request;
  request.prefix = schedule;
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
    s.stoppedDetail = execution->error;
    s.stoppedAt = execution->crash.stack;
  }
  if (execution->end == EndReason::Error) {
    s.error = execution->error;
  } else if (execution->end == EndReason::Diverged) {
    s.error = "the schedule does not fit the program: " + execution->error;
  } else {
    ExecutionAnalysis analysis = analyzeExecution(
        *execution, 0, options.retryBound, options.spuriousWakeups);
    if (!analysis.error.empty()) {
      s.error = analysis.error;
    } else {
      std::vector<ThreadId> trimmed =
          Explorer::trimmedSchedule(*execution, analysis);
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
    }
  }
  s.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return report;
}

} // namespace tangle
