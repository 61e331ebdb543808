// Deadlock prediction from one recorded run: see predict.h and
// docs/prediction.md.
#include "model/predict/predict.h"

#include "model/predict/closure.h"
#include "model/predict/facts.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace tangle {

namespace {

using namespace predict;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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
  uint64_t begin_ = 0, end_ = 0;  // the window's times
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
  std::set<std::pair<ThreadId, uint32_t>> open;             // (thread, acquire)
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
    for (uint32_t i = windowBegin_[t]; i < std::max(windowEnd_[t], timeEnd_[t]);
         ++i)
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
  prediction.method = options_.preserveSections
                          ? "solver, sections in recorded order"
                          : "solver, sections reordered";
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
  std::stable_sort(chosen.begin(), chosen.end(),
                   [](const auto &a, const auto &b) {
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

namespace {

/// One candidate, cheapest tier first: the sync-preserving closure (sound
/// for the values locks protect), then (relaxed) the closure with the held
/// sections last, then the solver over the candidate's window with
/// sections free to move. The sync-preserving encoding of the solver is
/// not asked: it is the closure's question.
Prediction decide(const Facts &facts, const ClosureIndex &index,
                  const DeadlockCandidate &candidate,
                  const PredictOptions &options, PredictStats &stats) {
  double spent = 0;
  auto account = [&](Prediction &p) {
    spent += p.solverSeconds;
    p.solverSeconds = spent;
  };
  Prediction p =
      closeCandidate(facts, index, candidate, ClosureTier::SyncPreserving);
  account(p);
  if (p.status != PredictionStatus::Feasible && !options.preserveSections) {
    // (Asked for the reordering encoding alone: the tests of the solver.)
    p = Encoding(facts, candidate, options).solve();
    account(p);
  }
  if (p.status != PredictionStatus::Feasible && options.preserveSections &&
      options.relaxSections) {
    Prediction q =
        closeCandidate(facts, index, candidate, ClosureTier::HeldLast);
    account(q);
    if (q.status == PredictionStatus::Feasible) {
      p = std::move(q);
    } else {
      PredictOptions relaxed = options;
      relaxed.preserveSections = false;
      ++stats.bySolver;
      Prediction r = Encoding(facts, candidate, relaxed).solve();
      account(r);
      // An infeasible sync-preserving closure is a proof only together
      // with the solver's answer on the reordering encoding.
      p = std::move(r);
    }
  }
  stats.solverSeconds += spent;
  return p;
}

} // namespace

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
  ClosureIndex index(facts);
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
    for (size_t a = edges[anchor].size();
         a-- > 0 && tried < options.occurrencesPerCycle;) {
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
            return own == lock ||
                   std::count(x->gates.begin(), x->gates.end(), lock) > 0;
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
        auto mid =
            std::lower_bound(list.begin(), list.end(), when,
                             [&](const Occurrence *o, uint64_t t) {
                               return facts.timeOf(o->thread, o->acquire) < t;
                             });
        // Outward from the nearest, a bounded number of looks.
        ptrdiff_t lo = (mid - list.begin()) - 1, hi = mid - list.begin();
        const Occurrence *found = nullptr;
        for (int looks = 0;
             looks < 256 && !found && (lo >= 0 || hi < ptrdiff_t(list.size()));
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
      Prediction p = decide(facts, index, candidate, options, result.stats);
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

namespace {
bool optionalFutexStep(const RecordedEvent &event) {
  return (event.op.kind == OpKind::FutexWake && event.result == 0) ||
         (event.op.kind == OpKind::FutexWait &&
          (event.op.flags & FutexValueChanged));
}
} // namespace

std::vector<ThreadId> scheduleOf(const RecordedRun &run,
                                 const std::vector<EventRef> &witness,
                                 std::vector<OpKind> *kinds) {
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
    // A pthread_once that found the routine run (or waited for it): the
    // free run records its end, the controlled runtime has no step there.
    if (event.op.kind == OpKind::OnceDone && event.op.arg == 0)
      continue;
    // A futex wake that woke nobody, a futex wait that found the word
    // changed: whether the program makes them at all depends on memory the
    // free run did not record (libstdc++'s waiter counts, a spin that saw
    // the change first), and they order nothing. A replay that makes them
    // runs them between the recorded steps.
    if (optionalFutexStep(event))
      continue;
    schedule.push_back(self);
    if (kinds)
      kinds->push_back(event.op.kind);
    if ((event.op.kind == OpKind::ThreadCreate ||
         event.op.kind == OpKind::ProcessFork) &&
        event.result >= 0 && size_t(event.result) < number.size()) {
      auto it = std::min_element(
          free.begin(), free.end(), [&](const Free &a, const Free &b) {
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
