// The symmetric preemption search; see symmetric_search.h.
#include "model/explore/symmetric_search.h"

#include "model/explore/replay.h"

#include <string>
#include <unordered_map>
#include <utility>

namespace tangle {
namespace {

/// The states of one execution the search looks at: a longer execution's
/// later states wait for DPOR and the random schedules (the walk costs the
/// threads alive at each state).
constexpr uint32_t MaxStatesWalked = 20000;

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return h;
}

/// A call as the thread's history keeps it: operation, object, call site
/// and result -- but not the number a create or fork returns, which tells
/// threads apart without them doing anything different. Without `naming`
/// (for the kinds of deviation), not the thread a join names either.
uint64_t callHash(const Event &e, bool naming) {
  // Which thread a join, detach or cancel names tells the kinds of
  // deviation apart only by number (main joining t[0], t[1], ...).
  const bool namesThread = e.op.kind == OpKind::ThreadJoin ||
                           e.op.kind == OpKind::ThreadDetach ||
                           e.op.kind == OpKind::ThreadCancel;
  uint64_t h = mix(uint64_t(e.op.kind) + 1,
                   naming || !namesThread ? e.op.object : 0);
  h = mix(h, e.stack.frames[0]);
  if (e.op.kind != OpKind::ThreadCreate && e.op.kind != OpKind::ProcessFork)
    h = mix(h, uint64_t(uint32_t(e.result)));
  return h;
}

/// What the search knows of a thread at a state.
struct Shape {
  bool classified = false;
  uint64_t klass = 0;  // start routine and argument (or unique)
  uint64_t exact = 0;  // every call so far
  uint64_t capped = 0; // the calls, a repeat of one call counted up to 2
  uint64_t last = 0;
  uint32_t repeats = 0;
};

} // namespace

void SymmetricSearch::add(const Execution &e, uint32_t from,
                          uint32_t deviations) {
  if (deviations >= MaxDeviations || e.events.empty())
    return;
  Replayer replay(e, retryBound_, spuriousWakeups_);
  const Machine &m = replay.machine();
  auto schedule = std::make_shared<std::vector<ThreadId>>();
  schedule->reserve(e.events.size());
  for (const Event &event : e.events)
    schedule->push_back(event.thread);

  std::vector<Shape> shapes;
  // The start routine of each created thread (absent: main, a process's
  // first thread -- each in a class of its own).
  std::unordered_map<ThreadId, uint64_t> routine;
  auto shapeOf = [&](ThreadId t) -> Shape & {
    if (t >= shapes.size())
      shapes.resize(t + 1);
    return shapes[t];
  };
  auto classify = [&](ThreadId t, uint32_t state) -> Shape & {
    Shape &s = shapeOf(t);
    if (s.classified)
      return s;
    s.classified = true;
    auto it = routine.find(t);
    if (it == routine.end()) {
      s.klass = mix(mix(0x5eed, t), state);
      return s;
    }
    uint64_t argument = 0;
    if (m.hasPending(t) && m.pending(t).kind == OpKind::ThreadStart)
      argument = m.pending(t).arg;
    s.klass = mix(mix(0xc1a55, it->second), argument);
    return s;
  };

  const uint32_t n = uint32_t(e.events.size());
  const uint32_t last =
      from + MaxStatesWalked < n ? from + MaxStatesWalked : n;
  std::vector<std::pair<uint64_t, uint64_t>> groups; // (class, exact)
  for (uint32_t i = 0; i < last; ++i) {
    const Event &event = e.events[i];
    const ThreadId ran = event.thread;
    if (i >= from) {
      const Shape u = classify(ran, i); // a copy: classify may grow shapes
      const bool running = i > 0 && e.events[i - 1].thread == ran;
      groups.clear();
      groups.push_back({u.klass, u.exact});
      replay.forEachPending([&](ThreadId t) {
        if (t == ran || !replay.schedulable(t))
          return;
        const Shape &s = classify(t, i);
        std::pair<uint64_t, uint64_t> group{s.klass, s.exact};
        for (const auto &g : groups)
          if (g == group)
            return; // a thread of this group is tried already
        groups.push_back(group);
        uint64_t kind = mix(mix(deviations + 1, u.klass), u.capped);
        kind = mix(mix(kind, running), mix(s.klass, s.capped));
        Pending p{schedule, i, t, deviations + 1};
        if (seen_.insert(kind).second)
          novel_.push_back(std::move(p));
        else if (waiting_.size() < MaxWaiting)
          waiting_.push_back(std::move(p));
      });
    }
    Shape &s = classify(ran, i);
    if (event.op.kind != OpKind::ThreadStart) { // a start touches nothing
      s.exact = mix(s.exact, callHash(event, true));
      const uint64_t c = callHash(event, false);
      if (c == s.last) {
        if (++s.repeats <= 2)
          s.capped = mix(s.capped, c);
      } else {
        s.last = c;
        s.repeats = 1;
        s.capped = mix(s.capped, c);
      }
    }
    if ((event.op.kind == OpKind::ThreadCreate ||
         event.op.kind == OpKind::ProcessFork) &&
        event.result >= 0) {
      // A number may be given again: the new thread starts afresh.
      const ThreadId child = ThreadId(event.result);
      shapeOf(child) = Shape();
      if (event.op.kind == OpKind::ThreadCreate)
        routine[child] = event.op.arg;
      else
        routine.erase(child);
    }
    Outcome outcome;
    std::string error;
    if (!replay.step(outcome, error))
      break; // the explorer's analysis replayed the same events
  }
}

SymmetricSearch::Candidate SymmetricSearch::next() {
  std::deque<Pending> &from = novel_.empty() ? waiting_ : novel_;
  Pending p = std::move(from.front());
  from.pop_front();
  Candidate c;
  c.prefix.assign(p.schedule->begin(), p.schedule->begin() + p.at);
  c.prefix.push_back(p.thread);
  c.deviations = p.deviations;
  return c;
}

} // namespace tangle
