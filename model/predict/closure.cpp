// The linear tiers of deadlock prediction: see closure.h.
#include "model/predict/closure.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace tangle::predict {

ClosureIndex::ClosureIndex(const Facts &facts) {
  const RecordedRun &run = facts.run;
  size_t n = run.threads.size();
  sectionAt.resize(n);
  objectPlace.resize(n);
  createdAt.assign(n, {NoThread, 0});
  for (ThreadId t = 0; t < n; ++t) {
    const auto &events = run.threads[t].events;
    sectionAt[t].assign(events.size(), NoIndex);
    objectPlace[t].assign(events.size(), NoIndex);
    for (uint32_t i = 0; i < events.size(); ++i)
      if (uint64_t key = orderedObject(events[i]))
        objects[key].push_back({t, i});
    for (auto [index, child] : facts.creates[t])
      if (createdAt[child].thread == NoThread)
        createdAt[child] = {t, index};
  }
  for (uint32_t s = 0; s < facts.sections.size(); ++s)
    sectionAt[facts.sections[s].thread][facts.sections[s].acquire] = s;
  for (auto &[key, list] : objects) {
    std::sort(list.begin(), list.end(), [&](EventRef a, EventRef b) {
      uint64_t ta = facts.at(a).time, tb = facts.at(b).time;
      return ta != tb ? ta < tb : a.thread < b.thread;
    });
    for (uint32_t p = 0; p < list.size(); ++p)
      objectPlace[list[p].thread][list[p].index] = p;
  }
}

namespace {

/// The closure: per thread a prefix [0, frontier) of its events, grown
/// until every rule holds or a cycle thread would have to pass its
/// request.
class Closure {
public:
  Closure(const Facts &facts, const ClosureIndex &index,
          const DeadlockCandidate &candidate, ClosureTier tier)
      : facts_(facts), index_(index), candidate_(candidate), tier_(tier) {
    size_t n = facts.run.threads.size();
    frontier_.assign(n, 0);
    scanned_.assign(n, 0);
    limit_.resize(n);
    for (ThreadId t = 0; t < n; ++t)
      limit_[t] = uint32_t(facts.run.threads[t].events.size());
    for (const CyclePart &p : candidate.parts)
      limit_[p.thread] = p.request;
    for (const CyclePart &p : candidate.parts) {
      held_[p.held] = index.sectionAt[p.thread][p.acquire];
      raise(p.thread, p.request);
    }
  }

  /// Grows the closure; false (with the reason) when it must take in a
  /// request.
  bool run() {
    while (reason_.empty() && !work_.empty()) {
      ThreadId t = work_.back();
      work_.pop_back();
      while (reason_.empty() && scanned_[t] < frontier_[t])
        take(t, scanned_[t]++);
    }
    return reason_.empty();
  }

  const std::vector<uint32_t> &frontier() const { return frontier_; }
  const std::string &reason() const { return reason_; }

private:
  void raise(ThreadId t, uint32_t to) {
    if (to <= frontier_[t] || !reason_.empty())
      return;
    if (to > limit_[t]) {
      reason_ =
          "thread " + std::to_string(t) + " would have to run past its request";
      return;
    }
    if (scanned_[t] == frontier_[t])
      work_.push_back(t);
    frontier_[t] = to;
  }

  /// Section s runs whole: its release is in the closure too.
  void complete(uint32_t s) {
    const Section &section = facts_.sections[s];
    if (section.release == NoIndex) {
      reason_ = "a section of thread " + std::to_string(section.thread) +
                " that the run never ended would have to end";
      return;
    }
    raise(section.thread, section.release + 1);
  }

  /// Event i of thread t enters the closure: what it brings in with it.
  void take(ThreadId t, uint32_t i) {
    const RecordedEvent &e = facts_.run.threads[t].events[i];
    if (i == 0 && index_.createdAt[t].thread != NoThread)
      raise(index_.createdAt[t].thread, index_.createdAt[t].index + 1);
    if (e.op.kind == OpKind::ThreadJoin && e.result == 0 &&
        e.op.object < facts_.run.threads.size() &&
        facts_.joinedBy[e.op.object] == std::pair<ThreadId, uint32_t>{t, i}) {
      const RecordedThread &joined = facts_.run.threads[e.op.object];
      if (!joined.ended)
        reason_ = "a join of a thread that does not exit would have to run";
      else
        raise(joined.id, uint32_t(joined.events.size()));
    }
    if (uint32_t s = index_.sectionAt[t][i]; s != NoIndex)
      takeSection(s);
    if (uint32_t p = index_.objectPlace[t][i]; p != NoIndex) {
      // Every operation recorded before it on its object runs before it.
      uint64_t key = orderedObject(e);
      const std::vector<EventRef> &list = index_.objects.at(key);
      uint32_t &covered = covered_[key];
      for (; covered < p; ++covered)
        raise(list[covered].thread, list[covered].index + 1);
    }
  }

  /// Sync-preservation: of the sections of one lock in the closure, every
  /// one but the last in recorded order ends in it. (With HeldLast, the
  /// held section counts as the last, whatever its place.)
  void takeSection(uint32_t s) {
    const Section &section = facts_.sections[s];
    auto held = held_.find(section.lock);
    if (tier_ == ClosureTier::HeldLast && held != held_.end()) {
      if (held->second != s)
        complete(s);
      return;
    }
    LockState &lock = locks_[section.lock];
    if (lock.last != NoIndex && s < lock.last) {
      complete(s);
      return;
    }
    if (lock.last != NoIndex)
      complete(lock.last);
    lock.last = s;
  }

  struct LockState {
    uint32_t last = NoIndex; // the latest section in the closure
  };

  const Facts &facts_;
  const ClosureIndex &index_;
  const DeadlockCandidate &candidate_;
  ClosureTier tier_;
  std::vector<uint32_t> frontier_, scanned_, limit_;
  std::vector<ThreadId> work_;
  std::unordered_map<uint64_t, LockState> locks_;
  std::unordered_map<uint64_t, uint32_t> covered_;
  std::unordered_map<uint64_t, uint32_t> held_; // held lock -> its section
  std::string reason_;
};

/// The closure's events in recorded order (ties by thread).
std::vector<EventRef> inRecordedOrder(const Facts &facts,
                                      const std::vector<uint32_t> &frontier,
                                      const std::vector<uint32_t> &from) {
  std::vector<EventRef> events;
  for (ThreadId t = 0; t < frontier.size(); ++t)
    for (uint32_t i = 0; i < std::min(frontier[t], from[t]); ++i)
      events.push_back({t, i});
  std::stable_sort(events.begin(), events.end(), [&](EventRef a, EventRef b) {
    uint64_t ta = facts.at(a).time, tb = facts.at(b).time;
    return ta != tb ? ta < tb : a.thread < b.thread;
  });
  return events;
}

} // namespace

std::string checkWitness(const Facts &facts, const ClosureIndex &index,
                         const DeadlockCandidate &candidate,
                         const std::vector<EventRef> &witness) {
  const RecordedRun &run = facts.run;
  size_t n = run.threads.size();
  std::vector<uint32_t> next(n, 0);
  struct Holder {
    ThreadId writer = NoThread;
    uint32_t depth = 0, readers = 0;
  };
  std::unordered_map<uint64_t, Holder> locks;
  std::unordered_map<uint64_t, uint32_t> ran; // ordered object -> ops run
  for (EventRef w : witness) {
    std::string at = "event " + std::to_string(w.index) + " of thread " +
                     std::to_string(w.thread);
    if (w.thread >= n || w.index != next[w.thread])
      return at + " is out of program order";
    EventRef creator = index.createdAt[w.thread];
    if (w.index == 0 && creator.thread != NoThread &&
        next[creator.thread] <= creator.index)
      return at + " runs before the thread is created";
    const RecordedEvent &e = facts.at(w);
    if (e.op.kind == OpKind::ThreadJoin && e.result == 0 && e.op.object < n &&
        facts.joinedBy[e.op.object] ==
            std::pair<ThreadId, uint32_t>{w.thread, w.index}) {
      const RecordedThread &joined = run.threads[e.op.object];
      if (!joined.ended || next[joined.id] != joined.events.size())
        return at + " joins a thread that has not exited";
    }
    if (uint32_t p = index.objectPlace[w.thread][w.index]; p != NoIndex) {
      uint32_t &count = ran[orderedObject(e)];
      if (p != count)
        return at + " leaves the recorded order of its object";
      ++count;
    }
    uint64_t lock = 0;
    bool read = false;
    LockUse use = lockUse(e, lock, read);
    Holder &h = locks[lock];
    if (use == LockUse::Acquire || use == LockUse::TryAcquire) {
      if (h.writer == w.thread) {
        ++h.depth;
      } else if (read && h.writer == NoThread) {
        ++h.readers;
      } else if (!read && h.writer == NoThread && h.readers == 0) {
        h.writer = w.thread;
        h.depth = 1;
      } else {
        return at + " takes a lock another thread holds";
      }
    } else if (use == LockUse::Release) {
      if (h.writer == w.thread)
        h.depth = e.op.kind == OpKind::CondWait ? 0 : h.depth - 1;
      else if (h.readers > 0)
        --h.readers;
      if (h.writer == w.thread && h.depth == 0)
        h.writer = NoThread;
    }
    ++next[w.thread];
  }
  for (const CyclePart &p : candidate.parts) {
    if (next[p.thread] != p.request)
      return "thread " + std::to_string(p.thread) +
             " does not end at its request";
    const Holder &h = locks[p.held];
    if (h.writer != p.thread && h.readers == 0)
      return "thread " + std::to_string(p.thread) +
             " does not hold its lock at the end";
  }
  return "";
}

Prediction closeCandidate(const Facts &facts, const ClosureIndex &index,
                          const DeadlockCandidate &candidate,
                          ClosureTier tier) {
  auto start = std::chrono::steady_clock::now();
  Prediction prediction;
  prediction.candidate = candidate;
  prediction.preservedSections = tier == ClosureTier::SyncPreserving;
  prediction.method = tier == ClosureTier::SyncPreserving
                          ? "sync-preserving closure"
                          : "closure, held sections last";
  auto finish = [&](PredictionStatus status, std::string reason) {
    prediction.status = status;
    prediction.reason = std::move(reason);
    prediction.solverSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    return prediction;
  };
  Closure closure(facts, index, candidate, tier);
  if (!closure.run())
    return finish(PredictionStatus::Infeasible, closure.reason());
  const std::vector<uint32_t> &frontier = closure.frontier();
  prediction.windowEvents =
      std::accumulate(frontier.begin(), frontier.end(), size_t(0));
  if (tier == ClosureTier::SyncPreserving) {
    prediction.witness = inRecordedOrder(facts, frontier, frontier);
  } else {
    // The rest of the closure in recorded order, then each cycle thread
    // from its acquisition to its request, in the first order of the
    // threads that checks (a thread's tail may take another's held lock
    // and give it up: it must run first).
    std::vector<uint32_t> from = frontier;
    for (const CyclePart &p : candidate.parts)
      from[p.thread] = p.acquire;
    std::vector<EventRef> rest = inRecordedOrder(facts, frontier, from);
    std::vector<size_t> order(candidate.parts.size());
    std::iota(order.begin(), order.end(), 0);
    std::string why;
    do {
      prediction.witness = rest;
      for (size_t k : order) {
        const CyclePart &p = candidate.parts[k];
        for (uint32_t i = p.acquire; i < p.request; ++i)
          prediction.witness.push_back({p.thread, i});
      }
      why = checkWitness(facts, index, candidate, prediction.witness);
    } while (!why.empty() && std::next_permutation(order.begin(), order.end()));
    if (!why.empty()) {
      prediction.witness.clear();
      return finish(PredictionStatus::Infeasible, why);
    }
    return finish(PredictionStatus::Feasible, "");
  }
  std::string why = checkWitness(facts, index, candidate, prediction.witness);
  if (!why.empty()) {
    prediction.witness.clear();
    return finish(PredictionStatus::Infeasible, why);
  }
  return finish(PredictionStatus::Feasible, "");
}

} // namespace tangle::predict
