// Deadlock prediction from one recorded run: see predict.h and
// docs/prediction.md.
#include "model/predict/predict.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <unordered_map>

namespace tangle {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// How an event touches a lock.
enum class LockUse : uint8_t { None, Acquire, TryAcquire, Release };

/// The lock an event takes or gives up, and how; `read` for an rwlock's
/// shared side.
LockUse lockUse(const RecordedEvent &e, uint64_t &lock, bool &read) {
  read = false;
  lock = e.op.object;
  switch (e.op.kind) {
  case OpKind::MutexLock:
  case OpKind::RwWrLock:
    return e.result == 0 ? LockUse::Acquire : LockUse::None;
  case OpKind::RwRdLock:
    read = true;
    return e.result == 0 ? LockUse::Acquire : LockUse::None;
  case OpKind::MutexTryLock:
  case OpKind::MutexTimedLock:
  case OpKind::RwTryWrLock:
  case OpKind::RwTimedWrLock:
    return e.result == 0 ? LockUse::TryAcquire : LockUse::None;
  case OpKind::RwTryRdLock:
  case OpKind::RwTimedRdLock:
    read = true;
    return e.result == 0 ? LockUse::TryAcquire : LockUse::None;
  case OpKind::MutexUnlock:
  case OpKind::RwUnlock:
    return e.result == 0 ? LockUse::Release : LockUse::None;
  case OpKind::CondWait: // gives the mutex up while it waits
    lock = e.op.arg;
    return LockUse::Release;
  case OpKind::CondWake: // takes it back (also after a timeout)
    lock = e.op.arg;
    return LockUse::TryAcquire;
  default:
    return LockUse::None;
  }
}

/// Objects whose operations keep their recorded order in every witness
/// (everything but locks and threads): the key, or 0 for none.
uint64_t orderedObject(const RecordedEvent &e) {
  switch (e.op.kind) {
  case OpKind::CondWait:
  case OpKind::CondWake:
  case OpKind::CondSignal:
  case OpKind::CondBroadcast:
  case OpKind::SemWait:
  case OpKind::SemTryWait:
  case OpKind::SemTimedWait:
  case OpKind::SemPost:
  case OpKind::SemGetValue:
  case OpKind::BarrierWait:
  case OpKind::BarrierLeave:
  case OpKind::OnceEnter:
  case OpKind::OnceDone:
  case OpKind::AtomicLoad:
  case OpKind::AtomicStore:
  case OpKind::AtomicRmw:
  case OpKind::FutexWait:
  case OpKind::FutexResume:
  case OpKind::FutexWake:
  case OpKind::PipeRead:
  case OpKind::PipeWrite:
  case OpKind::PipeClose:
  case OpKind::MqSend:
  case OpKind::MqReceive:
  case OpKind::FileLock:
  case OpKind::FileTryLock:
  case OpKind::FileUnlock:
  case OpKind::FileTestLock:
  case OpKind::MutexInit:
  case OpKind::MutexDestroy:
  case OpKind::RwInit:
  case OpKind::RwDestroy:
    return e.op.object;
  case OpKind::MutexTryLock: // a failed attempt saw the lock held
  case OpKind::MutexTimedLock:
  case OpKind::RwTryWrLock:
  case OpKind::RwTimedWrLock:
  case OpKind::RwTryRdLock:
  case OpKind::RwTimedRdLock:
    return e.result != 0 ? e.op.object : 0;
  default:
    return 0;
  }
}

/// A critical section: [acquire, release] of one thread; release is
/// NoIndex while it is still held at the end of the trace.
constexpr uint32_t NoIndex = UINT32_MAX;
struct Section {
  uint64_t lock;
  ThreadId thread;
  uint32_t acquire, release;
  bool read;
};

/// One time the trace shows `held` held while `wanted` is taken.
struct Occurrence {
  ThreadId thread;
  uint32_t acquire, request; // of held, of wanted
  std::vector<uint64_t> gates; // the other locks held then
};

/// The facts of the run the predictor reads: sections, the lock graph with
/// its occurrences, and the fork/join edges.
struct Facts {
  const RecordedRun &run;
  std::vector<Section> sections; // sorted by the acquisition's time
  std::map<std::pair<uint64_t, uint64_t>, std::vector<Occurrence>> pairs;
  // Fork/join: each thread's creates (index, child), its joiner.
  std::vector<std::vector<std::pair<uint32_t, ThreadId>>> creates;
  std::vector<std::pair<ThreadId, uint32_t>> joinedBy; // NoThread: none
  uint64_t events = 0;

  explicit Facts(const RecordedRun &r) : run(r) {}

  const RecordedEvent &at(EventRef e) const {
    return run.threads[e.thread].events[e.index];
  }
  uint64_t timeOf(ThreadId t, uint32_t i) const {
    return run.threads[t].events[i].time;
  }
};

void gather(Facts &facts) {
  const RecordedRun &run = facts.run;
  size_t n = run.threads.size();
  facts.creates.assign(n, {});
  facts.joinedBy.assign(n, {NoThread, 0});
  for (const RecordedThread &thread : run.threads) {
    ThreadId t = thread.id;
    facts.events += thread.events.size();
    struct Held {
      uint64_t lock;
      uint32_t acquire;
      uint32_t depth;
      bool read;
    };
    std::vector<Held> held;
    for (uint32_t i = 0; i < thread.events.size(); ++i) {
      const RecordedEvent &e = thread.events[i];
      if ((e.op.kind == OpKind::ThreadCreate ||
           e.op.kind == OpKind::ProcessFork) &&
          e.result >= 0 && size_t(e.result) < n)
        facts.creates[t].push_back({i, ThreadId(e.result)});
      if (e.op.kind == OpKind::ThreadJoin && e.result == 0 &&
          e.op.object < n && facts.joinedBy[e.op.object].first == NoThread)
        facts.joinedBy[e.op.object] = {t, i};
      uint64_t lock = 0;
      bool read = false;
      LockUse use = lockUse(e, lock, read);
      if (use == LockUse::Acquire || use == LockUse::TryAcquire) {
        auto same = std::find_if(held.begin(), held.end(),
                                 [&](const Held &h) { return h.lock == lock; });
        if (same != held.end() && e.op.kind != OpKind::CondWake) {
          ++same->depth; // a recursive mutex: only the outermost counts
          continue;
        }
        if (use == LockUse::Acquire && !read)
          for (const Held &h : held) {
            Occurrence o{t, h.acquire, i, {}};
            for (const Held &g : held)
              if (g.lock != h.lock)
                o.gates.push_back(g.lock);
            facts.pairs[{h.lock, lock}].push_back(std::move(o));
          }
        held.push_back({lock, i, 1, read});
      } else if (use == LockUse::Release) {
        auto same = std::find_if(held.begin(), held.end(),
                                 [&](const Held &h) { return h.lock == lock; });
        if (same == held.end())
          continue;
        if (e.op.kind != OpKind::CondWait && --same->depth > 0)
          continue;
        facts.sections.push_back({lock, t, same->acquire, i, same->read});
        held.erase(same);
      }
    }
    for (const Held &h : held)
      facts.sections.push_back({h.lock, t, h.acquire, NoIndex, h.read});
  }
  std::sort(facts.sections.begin(), facts.sections.end(),
            [&](const Section &a, const Section &b) {
              uint64_t ta = facts.timeOf(a.thread, a.acquire);
              uint64_t tb = facts.timeOf(b.thread, b.acquire);
              return ta != tb ? ta < tb : a.thread < b.thread;
            });
}

/// Whether event a happens before event b through program order and
/// create/join alone (orders no reordering can change).
bool happensBefore(const Facts &facts, EventRef a, EventRef b) {
  if (a.thread == b.thread)
    return a.index < b.index;
  std::unordered_map<ThreadId, uint32_t> reach; // earliest index reached
  std::vector<ThreadId> work;
  auto visit = [&](ThreadId t, uint32_t index) {
    auto it = reach.find(t);
    if (it != reach.end() && it->second <= index)
      return;
    reach[t] = index;
    work.push_back(t);
  };
  visit(a.thread, a.index);
  while (!work.empty()) {
    ThreadId t = work.back();
    work.pop_back();
    uint32_t from = reach[t];
    if (t == b.thread && from <= b.index)
      return true;
    for (auto [index, child] : facts.creates[t])
      if (index >= from)
        visit(child, 0);
    const RecordedThread &thread = facts.run.threads[t];
    auto [joiner, at] = facts.joinedBy[t];
    if (thread.ended && joiner != NoThread)
      visit(joiner, at);
  }
  return false;
}

/// The simple cycles of the lock graph up to maxLength locks, each once
/// (starting at its smallest lock).
std::vector<std::vector<uint64_t>>
cyclesOf(const Facts &facts, size_t maxLength, size_t maxCycles) {
  std::map<uint64_t, std::vector<uint64_t>> next;
  for (const auto &[pair, occurrences] : facts.pairs)
    next[pair.first].push_back(pair.second);
  std::vector<std::vector<uint64_t>> cycles;
  std::vector<uint64_t> path;
  std::function<void(uint64_t)> walk = [&](uint64_t lock) {
    if (cycles.size() >= maxCycles)
      return;
    auto it = next.find(lock);
    if (it == next.end())
      return;
    for (uint64_t to : it->second) {
      if (to == path.front()) {
        if (path.size() >= 2)
          cycles.push_back(path);
        continue;
      }
      if (to < path.front() || path.size() >= maxLength ||
          std::find(path.begin(), path.end(), to) != path.end())
        continue;
      path.push_back(to);
      walk(to);
      path.pop_back();
    }
  };
  for (const auto &[lock, _] : next) {
    path = {lock};
    walk(lock);
  }
  return cycles;
}

// ---- the encoding ------------------------------------------------------

class Encoding {
public:
  Encoding(const Facts &facts, const DeadlockCandidate &candidate,
           const PredictOptions &options)
      : facts_(facts), candidate_(candidate), options_(options),
        solver_(context_) {}

  Prediction solve();

private:
  /// Where an event stands: before the window (it ran), in it, or after
  /// it (it does not run).
  enum class Place : uint8_t { Fixed, Window, Absent };
  Place place(ThreadId t, uint32_t i) const {
    if (i < windowBegin_[t])
      return Place::Fixed;
    if (i >= windowEnd_[t])
      return Place::Absent;
    return Place::Window;
  }
  z3::expr in(ThreadId t, uint32_t i) {
    switch (place(t, i)) {
    case Place::Fixed:
      return context_.bool_val(true);
    case Place::Absent:
      return context_.bool_val(false);
    default:
      return vars_[blockOf_[slot(t, i)]].first;
    }
  }
  uint32_t slot(ThreadId t, uint32_t i) const {
    return offset_[t] + (i - windowBegin_[t]);
  }
  /// `a` runs before `b` (true when a ran before the window, or b never
  /// runs).
  z3::expr before(ThreadId ta, uint32_t a, ThreadId tb, uint32_t b) {
    Place pa = place(ta, a), pb = place(tb, b);
    if (pb == Place::Absent || pa == Place::Fixed)
      return context_.bool_val(true);
    if (pb == Place::Fixed || pa == Place::Absent)
      return context_.bool_val(false);
    uint32_t ba = blockOf_[slot(ta, a)], bb = blockOf_[slot(tb, b)];
    if (ba == bb) // one block runs whole, in program order
      return context_.bool_val(ta == tb && a < b);
    return vars_[ba].second < vars_[bb].second;
  }
  /// b runs only after a: in(b) -> in(a) and a < b.
  void requireBefore(ThreadId ta, uint32_t a, ThreadId tb, uint32_t b) {
    if (place(tb, b) == Place::Absent)
      return;
    solver_.add(z3::implies(in(tb, b), in(ta, a) && before(ta, a, tb, b)));
  }

  void window();
  void blocks();
  bool encode(std::string &reason);
  bool encodeBlockLocks(std::string &reason);

  const Facts &facts_;
  const DeadlockCandidate &candidate_;
  const PredictOptions &options_;
  z3::context context_;
  z3::solver solver_;
  uint64_t begin_ = 0, end_ = 0; // the window's times
  std::vector<uint32_t> timeEnd_; // each thread's events up to end_
  std::vector<uint32_t> windowBegin_, windowEnd_, offset_;
  std::vector<std::pair<z3::expr, z3::expr>> vars_; // (in, order) per block
  std::vector<uint32_t> blockOf_; // window event (slot) -> its block
  size_t blockCount_ = 0;
  size_t windowEvents_ = 0;
};

void Encoding::window() {
  const RecordedRun &run = facts_.run;
  size_t n = run.threads.size();
  begin_ = UINT64_MAX;
  uint64_t &end = end_;
  for (const CyclePart &p : candidate_.parts) {
    begin_ = std::min(begin_, facts_.timeOf(p.thread, p.acquire));
    end = std::max(end, facts_.timeOf(p.thread, p.request));
  }
  windowBegin_.assign(n, 0);
  windowEnd_.assign(n, 0);
  timeEnd_.assign(n, 0);
  offset_.assign(n, 0);
  for (ThreadId t = 0; t < n; ++t) {
    const auto &events = run.threads[t].events;
    auto first = std::lower_bound(
        events.begin(), events.end(), begin_,
        [](const RecordedEvent &e, uint64_t time) { return e.time < time; });
    auto last = std::upper_bound(
        events.begin(), events.end(), end,
        [](uint64_t time, const RecordedEvent &e) { return time < e.time; });
    windowBegin_[t] = uint32_t(first - events.begin());
    windowEnd_[t] = uint32_t(std::max(first, last) - events.begin());
    timeEnd_[t] = windowEnd_[t];
  }
  for (const CyclePart &p : candidate_.parts) {
    // The cycle's threads run up to their requests, which stay in the
    // window (never run) and end it.
    windowBegin_[p.thread] = std::min(windowBegin_[p.thread], p.acquire);
    windowEnd_[p.thread] = p.request + 1;
  }
  for (ThreadId t = 0; t < n; ++t) {
    offset_[t] = uint32_t(windowEvents_);
    windowEvents_ += windowEnd_[t] - windowBegin_[t];
  }
}

/// With sections in recorded order, every event is a block of its own.
/// Without, the window is cut into blocks, the runs of one thread's events
/// that no other thread's event interrupts in the recording (and cut at
/// the cycle's acquisitions and requests): each block runs whole, which
/// keeps the mutual exclusion constraints to blocks, not sections.
void Encoding::blocks() {
  const RecordedRun &run = facts_.run;
  size_t n = run.threads.size();
  blockOf_.assign(windowEvents_, 0);
  if (options_.preserveSections) {
    for (uint32_t k = 0; k < windowEvents_; ++k)
      blockOf_[k] = k;
    blockCount_ = windowEvents_;
    return;
  }
  std::vector<std::tuple<uint64_t, ThreadId, uint32_t>> order;
  order.reserve(windowEvents_);
  for (ThreadId t = 0; t < n; ++t)
    for (uint32_t i = windowBegin_[t]; i < windowEnd_[t]; ++i)
      order.push_back({run.threads[t].events[i].time, t, i});
  std::sort(order.begin(), order.end());
  std::set<std::pair<ThreadId, uint32_t>> cuts;
  for (const CyclePart &p : candidate_.parts) {
    cuts.insert({p.thread, p.acquire});
    cuts.insert({p.thread, p.request});
  }
  ThreadId previous = NoThread;
  std::vector<uint32_t> current(n, UINT32_MAX);
  // A block also ends before a thread's create, join or exit, and before an
  // operation on an ordered object: such an event may have to stay out of
  // the witness while the events before it are in.
  auto cutBefore = [&](ThreadId t, uint32_t i) {
    const RecordedEvent &e = run.threads[t].events[i];
    switch (e.op.kind) {
    case OpKind::ThreadCreate:
    case OpKind::ThreadJoin:
    case OpKind::ThreadExit:
    case OpKind::ProcessFork:
    case OpKind::ProcessWait:
    case OpKind::ProcessExit:
      return true;
    default:
      return orderedObject(e) != 0;
    }
  };
  for (auto [time, t, i] : order) {
    if (previous != t || cuts.count({t, i}) || current[t] == UINT32_MAX ||
        cutBefore(t, i))
      current[t] = uint32_t(blockCount_++);
    blockOf_[slot(t, i)] = current[t];
    previous = t;
  }
}

bool Encoding::encode(std::string &reason) {
  const RecordedRun &run = facts_.run;
  size_t n = run.threads.size();
  blocks();
  vars_.reserve(blockCount_);
  for (size_t b = 0; b < blockCount_; ++b) {
    std::string name = std::to_string(b);
    vars_.push_back({context_.bool_const(("x" + name).c_str()),
                     context_.int_const(("o" + name).c_str())});
  }
  // Program order.
  for (ThreadId t = 0; t < n; ++t)
    for (uint32_t i = windowBegin_[t] + 1; i < windowEnd_[t]; ++i)
      requireBefore(t, i - 1, t, i);
  // Create -> start, exit -> join.
  for (ThreadId t = 0; t < n; ++t) {
    for (auto [index, child] : facts_.creates[t])
      if (!run.threads[child].events.empty())
        requireBefore(t, index, child, 0);
    auto [joiner, at] = facts_.joinedBy[t];
    if (joiner != NoThread && run.threads[t].ended)
      requireBefore(t, uint32_t(run.threads[t].events.size() - 1), joiner, at);
    else if (joiner != NoThread)
      solver_.add(!in(joiner, at));
  }
  // The goal: each thread of the cycle runs up to its request, not it.
  std::set<std::pair<ThreadId, uint32_t>> open; // (thread, acquire)
  std::map<uint64_t, std::pair<ThreadId, uint32_t>> openOf; // lock -> it
  for (const CyclePart &p : candidate_.parts) {
    if (p.request > 0)
      solver_.add(in(p.thread, p.request - 1));
    solver_.add(!in(p.thread, p.request));
  }
  // The sections the cycle's threads hold at their requests stay open; two
  // threads cannot hold one lock (a gate).
  std::vector<const Section *> chainOf;
  std::map<uint64_t, std::vector<const Section *>> byLock;
  for (const Section &s : facts_.sections) {
    bool isOpen = false;
    for (const CyclePart &p : candidate_.parts)
      if (s.thread == p.thread && s.acquire < p.request &&
          (s.release == NoIndex || s.release > p.request))
        isOpen = true;
    if (isOpen) {
      auto [it, fresh] = openOf.insert({s.lock, {s.thread, s.acquire}});
      if (!fresh && !s.read) {
        reason = "a lock held by two threads of the cycle at once (a gate)";
        return false;
      }
      continue;
    }
    // Sections over before the window ran; only the rest matter.
    if (s.release != NoIndex && place(s.thread, s.release) == Place::Fixed)
      continue;
    // Taken after the window's last time: after everything that matters
    // (a section the cycle's threads do not reach still counts: sections
    // after it in the recorded order saw what it wrote).
    if (facts_.timeOf(s.thread, s.acquire) > end_)
      continue;
    byLock[s.lock].push_back(&s);
  }
  for (auto &[lock, chain] : byLock) {
    // A section runs whole: taken, then given up, or still held at the end.
    if (options_.preserveSections) {
      // Sync-preserving: the sections that run keep their recorded order,
      // and only the last may still be held.
      for (size_t k = 1; k < chain.size(); ++k) {
        const Section &a = *chain[k - 1], &b = *chain[k];
        if (a.thread == b.thread)
          continue;
        if (a.release == NoIndex)
          solver_.add(!in(b.thread, b.acquire));
        else
          requireBefore(a.thread, a.release, b.thread, b.acquire);
      }
    }
    // Every section that runs on a lock the cycle holds ends before it is
    // taken there.
    auto held = openOf.find(lock);
    if (held == openOf.end())
      continue;
    auto [ot, oa] = held->second;
    for (const Section *s : chain) {
      if (s->thread == ot)
        continue;
      if (s->release == NoIndex)
        solver_.add(!in(s->thread, s->acquire));
      else
        solver_.add(z3::implies(in(s->thread, s->acquire),
                                in(s->thread, s->release) &&
                                    before(s->thread, s->release, ot, oa)));
    }
  }
  if (!options_.preserveSections && !encodeBlockLocks(reason))
    return false;
  // Every other synchronisation object keeps its recorded order.
  std::unordered_map<uint64_t, std::vector<EventRef>> objects;
  // (Events of the cycle's threads after their requests, up to the
  // window's last time, are in the lists too: they do not run, so nothing
  // that came after them on the object runs either.)
  for (ThreadId t = 0; t < n; ++t)
    for (uint32_t i = windowBegin_[t];
         i < std::max(windowEnd_[t], timeEnd_[t]); ++i)
      if (uint64_t key = orderedObject(run.threads[t].events[i]))
        objects[key].push_back({t, i});
  for (auto &[key, list] : objects) {
    std::sort(list.begin(), list.end(), [&](EventRef a, EventRef b) {
      uint64_t ta = facts_.at(a).time, tb = facts_.at(b).time;
      return ta != tb ? ta < tb : a.thread < b.thread;
    });
    for (size_t k = 1; k < list.size(); ++k)
      if (list[k - 1].thread != list[k].thread)
        requireBefore(list[k - 1].thread, list[k - 1].index, list[k].thread,
                      list[k].index);
    // Events of the object before the window ran before all of these.
  }
  return true;
}

/// Mutual exclusion between blocks: while a thread holds a lock between two
/// of its blocks (a gap), no block of another thread that takes or gives up
/// that lock runs.
bool Encoding::encodeBlockLocks(std::string &reason) {
  constexpr uint32_t Prefix = UINT32_MAX - 1, Never = UINT32_MAX;
  struct Gap {
    ThreadId thread;
    uint32_t from, to; // blocks; Prefix / Never at the ends
  };
  std::map<uint64_t, std::vector<Gap>> gaps;
  std::map<uint64_t, std::vector<std::pair<ThreadId, uint32_t>>> touches;
  auto blockAt = [&](ThreadId t, uint32_t i) -> uint32_t {
    switch (place(t, i)) {
    case Place::Fixed:
      return Prefix;
    case Place::Absent:
      return Never;
    default:
      return blockOf_[slot(t, i)];
    }
  };
  for (const Section &s : facts_.sections) {
    uint32_t from = blockAt(s.thread, s.acquire);
    uint32_t to = s.release == NoIndex ? Never : blockAt(s.thread, s.release);
    if (from == Never || (from == Prefix && to == Prefix))
      continue;
    if (from != Prefix)
      touches[s.lock].push_back({s.thread, from});
    if (to != Never && to != Prefix)
      touches[s.lock].push_back({s.thread, to});
    if (from != to)
      gaps[s.lock].push_back({s.thread, from, to});
  }
  size_t pairs = 0;
  for (auto &[lock, list] : gaps) {
    auto &touching = touches[lock];
    std::sort(touching.begin(), touching.end());
    touching.erase(std::unique(touching.begin(), touching.end()),
                   touching.end());
    for (const Gap &g : list)
      for (auto [u, c] : touching) {
        if (u == g.thread)
          continue;
        if (++pairs > 2000000) {
          reason = "too many lock gaps in the window";
          return false;
        }
        z3::expr xc = vars_[c].first, oc = vars_[c].second;
        z3::expr after = g.to == Never
                             ? context_.bool_val(false)
                             : vars_[g.to].first && vars_[g.to].second < oc;
        if (g.from == Prefix)
          solver_.add(z3::implies(xc, after));
        else
          solver_.add(z3::implies(xc && vars_[g.from].first,
                                  oc < vars_[g.from].second || after));
      }
  }
  return true;
}

Prediction Encoding::solve() {
  Prediction prediction;
  prediction.candidate = candidate_;
  prediction.preservedSections = options_.preserveSections;
  window();
  prediction.windowEvents = windowEvents_;
  if (windowEvents_ > options_.maxWindowEvents) {
    prediction.status = PredictionStatus::Unknown;
    prediction.reason = "window of " + std::to_string(windowEvents_) +
                        " events is larger than the limit";
    return prediction;
  }
  auto start = Clock::now();
  std::string reason;
  if (!encode(reason)) {
    prediction.status = PredictionStatus::Infeasible;
    prediction.reason = reason;
    prediction.solverSeconds = since(start);
    return prediction;
  }
  z3::params params(context_);
  params.set("timeout", unsigned(options_.solverSeconds * 1000));
  solver_.set(params);
  if (const char *dump = getenv("TANGLE_PREDICT_SMT")) // debugging aid
    if (FILE *f = fopen(dump, "w")) {
      fputs(solver_.to_smt2().c_str(), f);
      fclose(f);
    }
  z3::check_result result = solver_.check();
  prediction.solverSeconds = since(start);
  if (result == z3::unsat) {
    prediction.status = PredictionStatus::Infeasible;
    prediction.reason = "no reordering of the recorded events reaches it";
    return prediction;
  }
  if (result == z3::unknown) {
    prediction.status = PredictionStatus::Unknown;
    prediction.reason = "solver: " + solver_.reason_unknown();
    return prediction;
  }
  prediction.status = PredictionStatus::Feasible;
  z3::model model = solver_.get_model();
  const RecordedRun &run = facts_.run;
  // The recorded prefix, in time order, then the window in model order.
  std::vector<std::pair<uint64_t, EventRef>> prefix;
  std::vector<std::tuple<int64_t, uint32_t, EventRef>> chosen;
  for (ThreadId t = 0; t < run.threads.size(); ++t) {
    for (uint32_t i = 0; i < windowBegin_[t]; ++i)
      prefix.push_back({run.threads[t].events[i].time, {t, i}});
    for (uint32_t i = windowBegin_[t]; i < windowEnd_[t]; ++i) {
      uint32_t b = blockOf_[slot(t, i)];
      auto &[x, o] = vars_[b];
      if (!model.eval(x, true).is_true())
        continue;
      chosen.push_back({model.eval(o, true).get_numeral_int64(), b, {t, i}});
    }
  }
  auto byKey = [](const auto &a, const auto &b) {
    return a.first != b.first ? a.first < b.first
                              : a.second.thread < b.second.thread;
  };
  std::stable_sort(prefix.begin(), prefix.end(), byKey);
  // By order, then block (two blocks no constraint orders may share an
  // order value), then program order.
  std::stable_sort(chosen.begin(), chosen.end(), [](const auto &a,
                                                     const auto &b) {
    if (std::get<0>(a) != std::get<0>(b))
      return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b))
      return std::get<1>(a) < std::get<1>(b);
    return std::get<2>(a).index < std::get<2>(b).index;
  });
  for (auto &[_, e] : prefix)
    prediction.witness.push_back(e);
  for (auto &[o, b, e] : chosen)
    prediction.witness.push_back(e);
  return prediction;
}

} // namespace

const char *predictionStatusName(PredictionStatus status) {
  switch (status) {
  case PredictionStatus::Feasible:
    return "feasible";
  case PredictionStatus::Infeasible:
    return "infeasible";
  default:
    return "unknown";
  }
}

Prediction solveCandidate(const RecordedRun &run,
                          const DeadlockCandidate &candidate,
                          const PredictOptions &options) {
  Facts facts(run);
  gather(facts);
  Encoding encoding(facts, candidate, options);
  return encoding.solve();
}

PredictResult predictDeadlocks(const RecordedRun &run,
                               const PredictOptions &options) {
  PredictResult result;
  auto start = Clock::now();
  Facts facts(run);
  gather(facts);
  result.stats.events = facts.events;
  result.stats.lockPairs = facts.pairs.size();
  std::vector<std::vector<uint64_t>> cycles =
      cyclesOf(facts, options.maxCycleLength, options.maxCycles);
  result.stats.cycles = cycles.size();
  result.stats.candidateSeconds = since(start);

  for (const std::vector<uint64_t> &cycle : cycles) {
    size_t k = cycle.size();
    std::vector<std::vector<const Occurrence *>> edges(k);
    std::set<ThreadId> threads;
    for (size_t i = 0; i < k; ++i) {
      for (const Occurrence &o : facts.pairs[{cycle[i], cycle[(i + 1) % k]}]) {
        edges[i].push_back(&o);
        threads.insert(o.thread);
      }
      std::sort(edges[i].begin(), edges[i].end(),
                [&](const Occurrence *a, const Occurrence *b) {
                  return facts.timeOf(a->thread, a->acquire) <
                         facts.timeOf(b->thread, b->acquire);
                });
    }
    if (threads.size() < k) {
      ++result.stats.sameThread;
      continue;
    }
    // Anchor on the rarest edge, latest occurrences first; for each other
    // edge take the occurrence nearest in time that fits: another thread,
    // no common gate, not ordered by fork/join.
    size_t anchor = 0;
    for (size_t i = 1; i < k; ++i)
      if (edges[i].size() < edges[anchor].size())
        anchor = i;
    size_t tried = 0;
    bool gated = false, joined = false;
    std::optional<Prediction> best;
    for (size_t a = edges[anchor].size(); a-- > 0 &&
                                          tried < options.occurrencesPerCycle;) {
      std::vector<const Occurrence *> chosen(k, nullptr);
      chosen[anchor] = edges[anchor][a];
      uint64_t when =
          facts.timeOf(chosen[anchor]->thread, chosen[anchor]->acquire);
      auto fits = [&](const Occurrence *o, size_t edge) {
        for (size_t j = 0; j < k; ++j) {
          const Occurrence *c = chosen[j];
          if (!c || j == edge)
            continue;
          if (c->thread == o->thread)
            return false;
          // A lock both hold at once: a gate.
          auto holds = [](const Occurrence *x, uint64_t lock, uint64_t own) {
            return own == lock || std::count(x->gates.begin(), x->gates.end(),
                                             lock) > 0;
          };
          bool common = false;
          for (uint64_t g : o->gates)
            common |= holds(c, g, cycle[j]);
          common |= holds(c, cycle[edge], cycle[j]);
          for (uint64_t g : c->gates)
            common |= holds(o, g, cycle[edge]);
          if (common) {
            gated = true;
            return false;
          }
          if (happensBefore(facts, {o->thread, o->request},
                            {c->thread, c->acquire}) ||
              happensBefore(facts, {c->thread, c->request},
                            {o->thread, o->acquire})) {
            joined = true;
            return false;
          }
        }
        return true;
      };
      bool complete = true;
      for (size_t step = 1; step < k && complete; ++step) {
        size_t edge = (anchor + step) % k;
        auto &list = edges[edge];
        auto mid = std::lower_bound(
            list.begin(), list.end(), when,
            [&](const Occurrence *o, uint64_t t) {
              return facts.timeOf(o->thread, o->acquire) < t;
            });
        // Outward from the nearest, a bounded number of looks.
        ptrdiff_t lo = (mid - list.begin()) - 1, hi = mid - list.begin();
        const Occurrence *found = nullptr;
        for (int looks = 0; looks < 256 && !found &&
                            (lo >= 0 || hi < ptrdiff_t(list.size()));
             ++looks) {
          bool takeHi =
              lo < 0 ||
              (hi < ptrdiff_t(list.size()) &&
               facts.timeOf(list[hi]->thread, list[hi]->acquire) - when <
                   when - facts.timeOf(list[lo]->thread, list[lo]->acquire));
          const Occurrence *o = takeHi ? list[hi++] : list[lo--];
          if (fits(o, edge))
            found = o;
        }
        chosen[edge] = found;
        complete = found != nullptr;
      }
      if (!complete)
        continue;
      DeadlockCandidate candidate;
      for (size_t i = 0; i < k; ++i) {
        const Occurrence *o = chosen[i];
        const auto &events = run.threads[o->thread].events;
        candidate.parts.push_back({o->thread, o->acquire, o->request, cycle[i],
                                   cycle[(i + 1) % k], events[o->acquire].pc,
                                   events[o->request].pc});
      }
      ++tried;
      ++result.stats.solved;
      Prediction p = Encoding(facts, candidate, options).solve();
      result.stats.solverSeconds += p.solverSeconds;
      if (p.status != PredictionStatus::Feasible && options.preserveSections &&
          options.relaxSections) {
        // Sections in recorded order cannot do it: let them move.
        PredictOptions relaxed = options;
        relaxed.preserveSections = false;
        Prediction q = Encoding(facts, candidate, relaxed).solve();
        result.stats.solverSeconds += q.solverSeconds;
        q.solverSeconds += p.solverSeconds;
        if (q.status != PredictionStatus::Infeasible ||
            p.status == PredictionStatus::Infeasible)
          p = std::move(q);
      }
      bool feasible = p.status == PredictionStatus::Feasible;
      best = std::move(p);
      if (feasible)
        break;
    }
    if (best)
      result.predictions.push_back(std::move(*best));
    else if (gated)
      ++result.stats.gated;
    else if (joined)
      ++result.stats.orderedByJoin;
  }
  return result;
}

std::vector<ThreadId> scheduleOf(const RecordedRun &run,
                                 const std::vector<EventRef> &witness) {
  // The controlled runtime numbers threads in creation order, reusing the
  // number of a thread joined (and not referenced) for its joiner's next
  // create (model/objects/ids.h); mirror that.
  std::vector<ThreadId> number(run.threads.size(), NoThread);
  struct Free {
    ThreadId id, heir;
  };
  std::vector<Free> free;
  ThreadId next = 0;
  if (!run.threads.empty())
    number[0] = next++;
  std::vector<ThreadId> schedule;
  for (EventRef e : witness) {
    const RecordedEvent &event = run.threads[e.thread].events[e.index];
    ThreadId self = number[e.thread];
    if (self == NoThread)
      continue; // a thread the controlled runtime would not know
    schedule.push_back(self);
    if ((event.op.kind == OpKind::ThreadCreate ||
         event.op.kind == OpKind::ProcessFork) &&
        event.result >= 0 && size_t(event.result) < number.size()) {
      auto it = std::min_element(free.begin(), free.end(),
                                 [&](const Free &a, const Free &b) {
                                   bool ma = a.heir == self, mb = b.heir == self;
                                   return ma != mb ? ma : a.id < b.id;
                                 });
      if (it != free.end() && it->heir == self) {
        number[event.result] = it->id;
        free.erase(it);
      } else {
        number[event.result] = next++;
      }
    } else if (event.op.kind == OpKind::ThreadJoin && event.result == 0 &&
               event.op.object < number.size()) {
      ThreadId joined = number[event.op.object];
      for (Free &f : free)
        if (f.heir == joined)
          f.heir = self;
      if (joined != NoThread)
        free.push_back({joined, self});
    }
  }
  return schedule;
}

} // namespace tangle
