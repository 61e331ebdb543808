// See replay.h.
#include "model/explore/replay.h"

#include "model/explore/scheduler.h"

#include <unordered_map>

namespace tangle {

ExecutionAnalysis analyzeExecution(const Execution &execution,
                                   size_t detailFrom, uint32_t retryBound,
                                   bool spuriousWakeups) {
  const std::vector<Event> &events = execution.events;
  const size_t n = events.size();
  ExecutionAnalysis a;
  a.outcomes.resize(n);
  a.enabled.resize(n + 1);
  a.next.resize(n + 1);
  a.defaults.assign(n, NoThread);
  a.preemptions.assign(n + 1, 0);

  // Each thread's events in order, then its pending operation at the end.
  std::vector<std::vector<uint32_t>> byThread;
  for (uint32_t i = 0; i < n; ++i) {
    if (events[i].thread >= byThread.size())
      byThread.resize(events[i].thread + 1);
    byThread[events[i].thread].push_back(i);
  }
  std::unordered_map<ThreadId, const PendingOp *> finalPending;
  for (const PendingOp &p : execution.pending)
    finalPending[p.thread] = &p;
  std::vector<size_t> cursor;

  Machine &m = a.final;
  m.setSpuriousWakeups(spuriousWakeups);
  auto postNext = [&](ThreadId t) {
    if (t >= m.threadCount() || !m.live(t) || m.processEnded())
      return;
    if (t >= cursor.size())
      cursor.resize(t + 1, 0);
    if (t < byThread.size() && cursor[t] < byThread[t].size()) {
      m.post(t, events[byThread[t][cursor[t]]].op);
      return;
    }
    auto it = finalPending.find(t);
    if (it != finalPending.end())
      m.post(t, it->second->op);
  };

  postNext(m.mainThread());
  ThreadId previous = NoThread;
  uint32_t preemptions = 0;
  for (size_t i = 0;; ++i) {
    a.preemptions[i] = preemptions;
    if (i >= detailFrom) {
      for (ThreadId t = 0; t < m.threadCount(); ++t) {
        if (!m.live(t) || !m.hasPending(t))
          continue;
        a.next[i].push_back({t, m.accessOf(t)});
        if (schedulable(m, t, retryBound))
          a.enabled[i].push_back(t);
      }
    }
    if (i == n)
      break;
    const Event &event = events[i];
    ThreadId t = event.thread;
    if (t >= m.threadCount() || !m.enabled(t) ||
        m.pending(t).kind != event.op.kind) {
      a.error = "step " + std::to_string(i + 1) + " (thread " +
                std::to_string(t) + " " + opKindName(event.op.kind) +
                ") cannot happen in the model";
      a.outcomes.resize(i);
      return a;
    }
    a.defaults[i] = defaultChoice(m, previous, retryBound);
    if (previous != NoThread && t != previous &&
        schedulable(m, previous, retryBound))
      ++preemptions;
    a.outcomes[i] = m.step(t);
    if (a.outcomes[i].result != event.result) {
      a.error = "step " + std::to_string(i + 1) + " returned " +
                std::to_string(event.result) + " in the program but " +
                std::to_string(a.outcomes[i].result) + " in the model";
      return a;
    }
    // The thread said, after the real operation, whether it changed the
    // value.
    if (isAtomicOp(event.op.kind)) {
      bool changed = event.op.flags & AtomicChanged;
      m.completeAtomic(t, event.op, changed);
      // What it did, rather than what it might have done: a failed
      // compare-exchange or an exchange of the same value only read, and
      // commutes with other reads. (A blind update stays one: it commutes
      // with its kind whatever it did.)
      if (!changed && !isBlindUpdate(event.op))
        a.outcomes[i].access.kind = AccessKind::Observe;
    }
    if (t >= cursor.size())
      cursor.resize(t + 1, 0);
    ++cursor[t];
    postNext(t);
    if (event.op.kind == OpKind::ThreadCreate)
      postNext(static_cast<ThreadId>(a.outcomes[i].result));
    previous = t;
  }

  for (ThreadId t = 0; t < m.threadCount(); ++t)
    if (m.live(t) && m.hasPending(t))
      a.virtuals.push_back({t, m.pending(t), m.accessOf(t), m.enabled(t)});
  return a;
}

} // namespace tangle
