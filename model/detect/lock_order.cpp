// See lock_order.h. Happens-before here leaves out the locks' own edges
// (release -> acquire of a mutex): those are exactly the orders another
// interleaving may reverse. Each thread's events are numbered by interval: a
// new interval starts at every edge it sends or receives, so all events of
// one interval stand in the same order to every other thread's, and an
// occurrence of an edge is recorded once per (thread, intervals), not once
// per lock operation.
#include "model/detect/lock_order.h"

#include "model/detect/races.h"
#include "model/explore/replay.h"

#include <algorithm>
#include <set>

namespace tangle {

struct LockOrderGraph::Clocks {
  std::vector<uint32_t> life, all;
};

namespace {

uint32_t clockAt(const std::vector<uint32_t> &clock, ThreadId t) {
  return t < clock.size() ? clock[t] : 0;
}

void joinInto(std::vector<uint32_t> &into, const std::vector<uint32_t> &from) {
  if (from.size() > into.size())
    into.resize(from.size(), 0);
  for (size_t i = 0; i < from.size(); ++i)
    into[i] = std::max(into[i], from[i]);
}

void setAt(std::vector<uint32_t> &clock, ThreadId t, uint32_t value) {
  if (t >= clock.size())
    clock.resize(t + 1, 0);
  clock[t] = value;
}

/// Rotates a cycle so that its smallest lock comes first: one form per
/// cycle.
std::vector<ObjectAddr> normalized(std::vector<ObjectAddr> cycle) {
  auto smallest = std::min_element(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), smallest, cycle.end());
  return cycle;
}

bool intersects(const std::vector<ObjectAddr> &a,
                const std::vector<ObjectAddr> &b) {
  for (ObjectAddr x : a)
    if (std::find(b.begin(), b.end(), x) != b.end())
      return true;
  return false;
}

} // namespace

const char *inversionReasonName(InversionReason reason) {
  switch (reason) {
  case InversionReason::SameThread:
    return "same-thread";
  case InversionReason::OrderedByJoin:
    return "ordered-by-join";
  case InversionReason::OrderedBySync:
    return "ordered-by-sync";
  case InversionReason::Concurrent:
    return "concurrent";
  }
  return "?";
}

uint64_t LockOrderGraph::siteOf(const Stack *stack) {
  if (!stack)
    return 0;
  // The whole stack: one helper called from two places is two sites.
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint64_t frame : stack->frames) {
    if (!frame)
      break;
    h = (h ^ frame) * 0x100000001b3ull;
  }
  return h;
}

void LockOrderGraph::beginRun(uint64_t run) {
  run_ = run;
  instances_ = 0;
  clearThreads();
  clearSent();
}

void LockOrderGraph::clearSent() {
  // An emptied clock joins nothing: the entries stay, with their room, for
  // the next run (mostly the same objects), up to a bound.
  for (auto *sent : {&sentLife_, &sentAll_}) {
    if (sent->size() > MaxKeptSent) {
      sent->clear();
      continue;
    }
    for (auto &[object, clock] : *sent)
      clock.clear();
  }
}

void LockOrderGraph::clearThreads() {
  for (ThreadRun &thread : threads_) {
    thread.instance = 0;
    thread.interval = 1;
    thread.life.clear();
    thread.all.clear();
    thread.snapshot.reset();
    thread.held.clear();
  }
}

LockOrderGraph::ThreadRun &LockOrderGraph::threadOf(ThreadId t) {
  if (t >= threads_.size())
    threads_.resize(size_t(t) + 1);
  ThreadRun &thread = threads_[t];
  if (thread.instance == 0) {
    thread.instance = ++instances_;
    setAt(thread.life, t, 1);
    setAt(thread.all, t, 1);
  }
  return thread;
}

void LockOrderGraph::apply(const LockEvent &event) {
  ThreadId t = event.thread;
  switch (event.kind) {
  case LockEvent::Kind::Start: {
    // A thread number given again: a new thread, whose own clock entry goes
    // on counting where the old one stopped (others may have seen those).
    if (t >= threads_.size() || threads_[t].instance == 0) {
      threadOf(t);
      return;
    }
    ThreadRun &thread = threads_[t];
    thread.instance = ++instances_;
    ++thread.interval;
    thread.life.clear();
    thread.all.clear();
    setAt(thread.life, t, thread.interval);
    setAt(thread.all, t, thread.interval);
    thread.snapshot.reset();
    thread.held.clear();
    return;
  }
  case LockEvent::Kind::Acquire:
    return acquire(event, true);
  case LockEvent::Kind::TryAcquire:
    return acquire(event, false);
  case LockEvent::Kind::Release: {
    auto drop = [&](ThreadRun &thread) {
      auto &held = thread.held;
      for (size_t i = held.size(); i-- > 0;)
        if (held[i].lock == event.object) {
          held.erase(held.begin() + long(i));
          return true;
        }
      return false;
    };
    if (drop(threadOf(t)))
      return;
    for (ThreadRun &thread : threads_) // released by a non-owner
      if (thread.instance != 0 && drop(thread))
        return;
    return;
  }
  case LockEvent::Kind::Send: {
    ThreadRun &thread = threadOf(t);
    if (event.lifecycle)
      joinInto(sentLife_[event.object], thread.life);
    joinInto(sentAll_[event.object], thread.all);
    break;
  }
  case LockEvent::Kind::Receive: {
    ThreadRun &thread = threadOf(t);
    if (event.lifecycle)
      if (auto it = sentLife_.find(event.object); it != sentLife_.end())
        joinInto(thread.life, it->second);
    if (auto it = sentAll_.find(event.object); it != sentAll_.end())
      joinInto(thread.all, it->second);
    break;
  }
  }
  // A new interval after every edge sent or received.
  ThreadRun &thread = threadOf(t);
  ++thread.interval;
  setAt(thread.life, t, thread.interval);
  setAt(thread.all, t, thread.interval);
  thread.snapshot.reset();
}

void LockOrderGraph::acquire(const LockEvent &event, bool edges) {
  ThreadRun &thread = threadOf(event.thread);
  for (const Held &h : thread.held)
    if (h.lock == event.object)
      return; // already held (a recursive mutex): nothing new
  uint64_t site = siteOf(event.stack);
  if (edges)
    for (const Held &outer : thread.held)
      addEdge(event.thread, thread, outer, event, site);
  if (!thread.snapshot)
    thread.snapshot =
        std::make_shared<const Clocks>(Clocks{thread.life, thread.all});
  Held held{event.object, site, Stack{}, event.step, thread.interval,
            thread.snapshot};
  if (event.stack)
    held.stackCopy = *event.stack;
  thread.held.push_back(std::move(held));
}

void LockOrderGraph::addEdge(ThreadId t, ThreadRun &thread, const Held &outer,
                             const LockEvent &event, uint64_t site) {
  auto [it, added] = pairs_.try_emplace({outer.lock, event.object});
  Pair &pair = it->second;
  if (added) {
    successors_[outer.lock].push_back(event.object);
    newPairs_.push_back({outer.lock, event.object});
  }
  pair.lastRun = run_;
  Variant *variant = nullptr;
  for (Variant &v : pair.variants)
    if (v.heldSite == outer.site && v.acquiredSite == site)
      variant = &v;
  auto heldNow = [&](ObjectAddr lock) {
    for (const Held &h : thread.held)
      if (h.lock == lock && h.lock != outer.lock)
        return true;
    return false;
  };
  if (!variant && pair.variants.size() < MaxVariantsPerPair) {
    Variant v;
    v.heldSite = outer.site;
    v.acquiredSite = site;
    v.heldStack = outer.stackCopy;
    if (event.stack)
      v.acquiredStack = *event.stack;
    for (const Held &h : thread.held)
      if (h.lock != outer.lock)
        v.gates.push_back(h.lock);
    std::sort(v.gates.begin(), v.gates.end());
    pair.variants.push_back(std::move(v));
    variant = &pair.variants.back();
  } else {
    // Too many ways to take this pair: the last one stands for the rest,
    // keeping only the gates every one of them held.
    if (!variant)
      variant = &pair.variants.back();
    auto &gates = variant->gates;
    gates.erase(std::remove_if(gates.begin(), gates.end(),
                               [&](ObjectAddr g) { return !heldNow(g); }),
                gates.end());
  }
  auto &occurrences = variant->occurrences;
  for (size_t i = occurrences.size(); i-- > 0;) {
    const Occurrence &o = occurrences[i];
    if (o.run != run_)
      break; // this run's occurrences are the last ones
    if (o.instance == thread.instance && o.heldInterval == outer.interval &&
        o.acquiredInterval == thread.interval)
      return;
  }
  if (occurrences.size() >= MaxOccurrences)
    return;
  occurrences.push_back({run_, thread.instance, t, outer.interval,
                         thread.interval, outer.step, event.step,
                         outer.clocks});
}

std::vector<std::vector<ObjectAddr>> LockOrderGraph::endRun() {
  std::vector<std::vector<ObjectAddr>> found;
  for (const auto &[from, to] : newPairs_)
    findCycles(from, to, found);
  newPairs_.clear();
  clearThreads();
  clearSent();
  return found;
}

void LockOrderGraph::findCycles(ObjectAddr from, ObjectAddr to,
                                std::vector<std::vector<ObjectAddr>> &found) {
  // Simple paths to -> ... -> from, closed by the new pair from -> to.
  std::vector<ObjectAddr> path{from, to};
  size_t budget = 100000; // path steps, per new pair
  std::function<void()> walk = [&]() {
    if (cycles_.size() >= MaxCycles || budget == 0)
      return;
    --budget;
    auto it = successors_.find(path.back());
    if (it == successors_.end())
      return;
    for (ObjectAddr next : it->second) {
      if (next == from) {
        std::vector<ObjectAddr> cycle = normalized(path);
        if (std::find(cycles_.begin(), cycles_.end(), cycle) == cycles_.end() &&
            cycles_.size() < MaxCycles) {
          cycles_.push_back(cycle);
          found.push_back(cycle);
        }
        continue;
      }
      if (path.size() >= MaxCycleLength ||
          std::find(path.begin(), path.end(), next) != path.end())
        continue;
      path.push_back(next);
      walk();
      path.pop_back();
    }
  };
  if (to == from)
    return;
  // Most graphs are acyclic (one order everywhere): look for a way back
  // before enumerating paths, and bound the enumeration in a dense graph.
  std::set<ObjectAddr> seen{to};
  std::vector<ObjectAddr> frontier{to};
  bool back = false;
  for (size_t depth = 1; depth < MaxCycleLength && !back && !frontier.empty();
       ++depth) {
    std::vector<ObjectAddr> next;
    for (ObjectAddr lock : frontier) {
      auto it = successors_.find(lock);
      if (it == successors_.end())
        continue;
      for (ObjectAddr s : it->second) {
        back = back || s == from;
        if (seen.insert(s).second)
          next.push_back(s);
      }
    }
    frontier = std::move(next);
  }
  if (!back)
    return;
  walk();
}

bool LockOrderGraph::runShows(uint64_t run,
                              const std::vector<ObjectAddr> &cycle) const {
  for (size_t i = 0; i < cycle.size(); ++i) {
    auto it = pairs_.find({cycle[i], cycle[(i + 1) % cycle.size()]});
    if (it == pairs_.end())
      return false;
    bool seen = it->second.lastRun == run;
    for (const Variant &v : it->second.variants)
      for (const Occurrence &o : v.occurrences)
        seen = seen || o.run == run;
    if (!seen)
      return false;
  }
  return true;
}

size_t LockOrderGraph::variantCount() const {
  size_t n = 0;
  for (const auto &[key, pair] : pairs_)
    n += pair.variants.size();
  return n;
}

EdgeOrder LockOrderGraph::order(const Occurrence &a,
                                const Occurrence &b) const {
  if (a.instance == b.instance)
    return EdgeOrder::SameThread;
  // a's section (from taking its held lock to taking the other) ends before
  // b's starts, or the reverse.
  auto before = [](const Occurrence &x, const Occurrence &y, bool life) {
    const auto &clock = life ? y.atHeld->life : y.atHeld->all;
    return clockAt(clock, x.thread) >= x.acquiredInterval;
  };
  if (before(a, b, true) || before(b, a, true))
    return EdgeOrder::OrderedByJoin;
  if (before(a, b, false) || before(b, a, false))
    return EdgeOrder::OrderedBySync;
  return EdgeOrder::Concurrent;
}

std::optional<LockOrderCycle>
LockOrderGraph::judge(const std::vector<ObjectAddr> &cycle,
                      std::optional<uint64_t> preferRun) const {
  const size_t n = cycle.size();
  std::vector<const Pair *> pairs;
  for (size_t i = 0; i < n; ++i) {
    auto it = pairs_.find({cycle[i], cycle[(i + 1) % n]});
    if (it == pairs_.end() || it->second.variants.empty())
      return std::nullopt;
    pairs.push_back(&it->second);
  }
  // Every way of taking the cycle (one variant per pair), up to a limit.
  constexpr size_t MaxCombinations = 256;
  std::vector<size_t> pick(n, 0);
  bool any = false;
  EdgeOrder best = EdgeOrder::SameThread;
  std::vector<size_t> bestPick;
  size_t bestFirst = 0, bestSecond = 1;
  for (size_t tried = 0; tried < MaxCombinations; ++tried) {
    std::vector<const Variant *> v(n);
    for (size_t i = 0; i < n; ++i)
      v[i] = &pairs[i]->variants[pick[i]];
    bool gated = false;
    for (size_t i = 0; i < n && !gated; ++i)
      for (size_t j = i + 1; j < n && !gated; ++j)
        gated = intersects(v[i]->gates, v[j]->gates);
    if (!gated) {
      // The cycle can deadlock only if every two of its edges can be taken
      // at once: the pair least able to says why it did not.
      EdgeOrder worst = EdgeOrder::Concurrent;
      size_t first = 0, second = 1;
      for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) {
          bool common = false;
          EdgeOrder most = EdgeOrder::SameThread;
          for (const Occurrence &a : v[i]->occurrences)
            for (const Occurrence &b : v[j]->occurrences)
              if (a.run == b.run) {
                common = true;
                most = std::max(most, order(a, b));
              }
          if (!common) // never seen together: nothing says they are ordered
            most = EdgeOrder::Concurrent;
          if (most < worst) {
            worst = most;
            first = i;
            second = j;
          }
        }
      if (!any || worst > best) {
        any = true;
        best = worst;
        bestPick = pick;
        bestFirst = first;
        bestSecond = second;
      }
    }
    size_t i = 0;
    for (; i < n; ++i) {
      if (++pick[i] < pairs[i]->variants.size())
        break;
      pick[i] = 0;
    }
    if (i == n)
      break;
  }
  if (!any)
    return std::nullopt;

  LockOrderCycle result;
  result.reason = InversionReason(best);
  result.first = bestFirst;
  result.second = bestSecond;
  // The witness: the preferred run, else the first run that shows every
  // edge of this way.
  std::optional<uint64_t> witness = preferRun;
  auto shows = [&](uint64_t run) {
    for (size_t i = 0; i < n; ++i) {
      const auto &occ = pairs[i]->variants[bestPick[i]].occurrences;
      if (std::none_of(occ.begin(), occ.end(),
                       [&](const Occurrence &o) { return o.run == run; }))
        return false;
    }
    return true;
  };
  if (!witness || !shows(*witness)) {
    witness.reset();
    for (const Occurrence &o :
         pairs[0]->variants[bestPick[0]].occurrences)
      if (shows(o.run)) {
        witness = o.run;
        break;
      }
  }
  result.witnessed = witness.has_value();
  result.run = witness.value_or(preferRun.value_or(0));
  for (size_t i = 0; i < n; ++i) {
    const Variant &v = pairs[i]->variants[bestPick[i]];
    LockOrderEdge edge;
    edge.held = cycle[i];
    edge.acquired = cycle[(i + 1) % n];
    edge.heldStack = v.heldStack;
    edge.acquiredStack = v.acquiredStack;
    edge.gates = v.gates;
    const Occurrence *o = v.occurrences.empty() ? nullptr : &v.occurrences[0];
    for (const Occurrence &c : v.occurrences)
      if (c.run == result.run) {
        o = &c;
        break;
      }
    if (o) {
      edge.thread = o->thread;
      if (o->run == result.run) {
        edge.heldAt = o->heldAt;
        edge.acquiredAt = o->acquiredAt;
      }
    }
    result.edges.push_back(std::move(edge));
  }
  return result;
}

void lockEventsOf(const Execution &execution, const ExecutionAnalysis &analysis,
                  const std::function<void(const LockEvent &)> &sink) {
  const auto &events = execution.events;
  size_t count = std::min(events.size(), analysis.outcomes.size());
  for (uint32_t i = 0; i < count; ++i) {
    const Event &e = events[i];
    const Outcome &outcome = analysis.outcomes[i];
    LockEvent le;
    le.thread = e.thread;
    le.step = i;
    le.stack = &e.stack;
    auto emit = [&](LockEvent::Kind kind, uint64_t object) {
      le.kind = kind;
      le.object = object;
      sink(le);
    };
    bool acquired = outcome.effect == Effect::Acquired;
    switch (e.op.kind) {
    case OpKind::ThreadStart:
      emit(LockEvent::Kind::Start, 0);
      break;
    case OpKind::MutexLock:
    case OpKind::RwWrLock:
      if (acquired)
        emit(LockEvent::Kind::Acquire, e.op.object);
      break;
    case OpKind::MutexTryLock:
    case OpKind::MutexTimedLock:
    case OpKind::RwTryWrLock:
    case OpKind::RwTimedWrLock:
      if (acquired)
        emit(LockEvent::Kind::TryAcquire, e.op.object);
      break;
    case OpKind::MutexUnlock:
    case OpKind::RwUnlock:
      if (outcome.effect == Effect::Released)
        emit(LockEvent::Kind::Release, e.op.object);
      break;
    case OpKind::MutexInit:
    case OpKind::RwInit:
      // A re-initialised mutex is free again.
      emit(LockEvent::Kind::Release, e.op.object);
      break;
    case OpKind::CondWait:
      if (outcome.effect == Effect::CondWaited ||
          outcome.effect == Effect::CondTwoMutexes)
        emit(LockEvent::Kind::Release, e.op.arg);
      break;
    case OpKind::CondWake:
      emit(LockEvent::Kind::Acquire, e.op.arg);
      break;
    default:
      break;
    }
    SyncEdges s = syncEdges(e, outcome);
    bool lifecycle = e.op.kind == OpKind::ProcessFork ||
                     e.op.kind == OpKind::ProcessExit ||
                     e.op.kind == OpKind::ProcessWait ||
                     e.op.kind == OpKind::ProcessKill;
    auto key = [](SyncEdges::Kind kind, uint64_t object) {
      return object ^ (uint64_t(kind) * 0x9E3779B97F4A7C15ull);
    };
    auto lockEdge = [](SyncEdges::Kind kind) {
      return kind == SyncEdges::None || kind == SyncEdges::Mutex ||
             kind == SyncEdges::Readers;
    };
    if (!lockEdge(s.acquireKind)) {
      le.lifecycle = lifecycle || s.acquireKind == SyncEdges::ThreadStart ||
                     s.acquireKind == SyncEdges::ThreadExit;
      emit(LockEvent::Kind::Receive, key(s.acquireKind, s.acquireFrom));
    }
    if (!lockEdge(s.releaseKind)) {
      le.lifecycle = lifecycle || s.releaseKind == SyncEdges::ThreadStart ||
                     s.releaseKind == SyncEdges::ThreadExit;
      emit(LockEvent::Kind::Send, key(s.releaseKind, s.releaseTo));
    }
    le.lifecycle = false;
  }
}

void LockOrderCheck::add(
    const std::shared_ptr<const Execution> &execution,
    const ExecutionAnalysis &analysis,
    const std::function<std::vector<ThreadId>()> &schedule,
    uint32_t preemptions) {
  const uint64_t run = ++runs_;
  graph_.beginRun(run);
  lockEventsOf(*execution, analysis,
               [&](const LockEvent &event) { graph_.apply(event); });
  std::vector<std::vector<ObjectAddr>> fresh = graph_.endRun();
  // Witnesses are kept for a bounded number of cycles: each may hold an
  // execution alive.
  constexpr size_t MaxWitnesses = 64;
  std::vector<ThreadId> scheduleOfRun;
  bool scheduled = false;
  auto witness = [&](bool full) {
    if (!scheduled) {
      scheduleOfRun = schedule();
      scheduled = true;
    }
    return Witness{execution, scheduleOfRun, preemptions, run, full};
  };
  for (const auto &cycle : fresh)
    if (witnesses_.size() < MaxWitnesses)
      witnesses_.emplace(cycle, witness(graph_.runShows(run, cycle)));
  // A cycle first seen across runs gets a better witness when one run
  // shows all of it.
  for (auto &[cycle, w] : witnesses_)
    if (!w.full && w.run != run && graph_.runShows(run, cycle))
      w = witness(true);
}

std::vector<Finding>
LockOrderCheck::findings(const std::vector<Finding> &reported, bool complete,
                         const std::string &stoppedBy, size_t max) const {
  // The lock sets of the deadlocks the exploration found.
  std::set<std::vector<ObjectAddr>> deadlocked;
  for (const Finding &f : reported) {
    if (f.kind != FindingKind::DeadlockCycle)
      continue;
    std::vector<ObjectAddr> locks;
    for (const Involvement &inv : f.threads)
      if (inv.waitsFor)
        locks.push_back(inv.waitsFor->op.object);
    std::sort(locks.begin(), locks.end());
    locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
    deadlocked.insert(locks);
  }
  std::vector<Finding> result;
  for (const auto &[cycle, w] : witnesses_) {
    if (result.size() >= max)
      break;
    std::vector<ObjectAddr> locks = cycle;
    std::sort(locks.begin(), locks.end());
    if (deadlocked.count(locks))
      continue; // the deadlock.cycle stands for it
    std::optional<LockOrderCycle> judged = graph_.judge(cycle, w.run);
    if (!judged)
      continue; // a gate lock guards it
    judged->complete = complete;
    judged->stoppedBy = stoppedBy;
    Finding f;
    f.kind = FindingKind::LockOrderInversion;
    f.counted = false;
    f.execution = w.execution;
    f.schedule = w.schedule;
    f.preemptions = w.preemptions;
    f.object = judged->edges[0].acquired;
    f.step = judged->edges[0].acquiredAt != NoEvent
                 ? judged->edges[0].acquiredAt
                 : uint32_t(w.execution->events.size());
    std::vector<uint64_t> sites;
    for (const LockOrderEdge &edge : judged->edges) {
      f.locations.push_back(edge.acquiredStack);
      f.locations.push_back(edge.heldStack);
      sites.push_back(edge.acquiredStack.frames[0]);
      sites.push_back(edge.heldStack.frames[0]);
      Involvement inv;
      inv.thread = edge.thread;
      inv.at = edge.acquiredAt;
      if (edge.heldAt != NoEvent)
        inv.holds.push_back({edge.held, edge.heldAt});
      f.threads.push_back(std::move(inv));
    }
    f.key = findingKey(f.kind, sites, true);
    f.lockOrder = std::make_shared<const LockOrderCycle>(std::move(*judged));
    result.push_back(std::move(f));
  }
  return result;
}

} // namespace tangle
