// See replay.h.
#include "model/explore/replay.h"

#include "model/explore/scheduler.h"

#include <new>

namespace tangle {

Replayer::Replayer(const Execution &execution, uint32_t retryBound,
                   bool spuriousWakeups, std::pmr::memory_resource *memory)
    : execution_(execution), retryBound_(retryBound), machine_(memory) {
  const std::vector<Event> &events = execution.events;
  nextOfThread_.assign(events.size(), NoEvent);
  // per thread: its latest event so far
  std::pmr::vector<uint32_t> last(&roomResource_);
  for (uint32_t i = 0; i < events.size(); ++i) {
    const ThreadId t = events[i].thread;
    if (t >= cursor_.size()) {
      cursor_.resize(t + 1, NoEvent);
      last.resize(t + 1, NoEvent);
    }
    (last[t] == NoEvent ? cursor_[t] : nextOfThread_[last[t]]) = i;
    last[t] = i;
  }
  for (const PendingOp &p : execution.pending) {
    if (p.thread == NoThread)
      continue; // no thread to post it to
    if (p.thread >= finalPending_.size())
      finalPending_.resize(p.thread + 1, nullptr);
    finalPending_[p.thread] = &p;
  }
  machine_.reserveThreads(cursor_.size());
  machine_.setSpuriousWakeups(spuriousWakeups);
  postNext(machine_.mainThread());
}

void Replayer::postNext(ThreadId t) {
  Machine &m = machine_;
  if (t >= m.threadCount() || !m.live(t) || m.processEnded())
    return;
  if (t < cursor_.size() && cursor_[t] != NoEvent) {
    m.post(t, execution_.events[cursor_[t]].op);
    return;
  }
  if (t < finalPending_.size() && finalPending_[t])
    m.post(t, finalPending_[t]->op);
}

bool Replayer::schedulable(ThreadId t) const {
  return tangle::schedulable(machine_, t, retryBound_);
}

bool Replayer::step(Outcome &outcome, std::string &error) {
  Machine &m = machine_;
  const size_t i = position_;
  const Event &event = execution_.events[i];
  const ThreadId t = event.thread;
  if (t >= m.threadCount() || !m.enabled(t) ||
      m.pending(t).kind != event.op.kind) {
    error = "step " + std::to_string(i + 1) + " (thread " + std::to_string(t) +
            " " + opKindName(event.op.kind) + ") cannot happen in the model";
    return false;
  }
  outcome = m.step(t);
  if (outcome.result != event.result) {
    error = "step " + std::to_string(i + 1) + " returned " +
            std::to_string(event.result) + " in the program but " +
            std::to_string(outcome.result) + " in the model";
    return false;
  }
  // The thread said, after the real operation, whether it changed the value.
  if (isAtomicOp(event.op.kind)) {
    bool changed = event.op.flags & AtomicChanged;
    m.completeAtomic(t, event.op, changed);
    // What it did, rather than what it might have done: a failed
    // compare-exchange or an exchange of the same value only read, and
    // commutes with other reads. (A blind update stays one: it commutes
    // with its kind whatever it did.)
    if (!changed && !isBlindUpdate(event.op))
      outcome.access.kind = AccessKind::Observe;
  }
  // Event i was t's next (each thread's events replay in order).
  cursor_[t] = nextOfThread_[i];
  ++position_;
  postNext(t);
  if (event.op.kind == OpKind::ThreadCreate)
    postNext(static_cast<ThreadId>(outcome.result));
  return true;
}

void ExecutionAnalysis::clear() {
  outcomes.clear();
  interProcess.clear();
  processEnds.clear();
  defaults.clear();
  preemptions.clear();
  virtuals.clear();
  if (arena_) {
    // The old machine goes while its memory is still there; the new one
    // starts on the emptied buffer.
    final.~Machine();
    arena_->release();
    new (&final) Machine(arena_.get());
  } else {
    final = Machine();
  }
  error.clear();
}

void ExecutionAnalysis::ownMemory(size_t bytes) {
  final.~Machine(); // off the memory it had, before that goes
  room_ = std::make_unique<std::byte[]>(bytes);
  arena_ =
      std::make_unique<std::pmr::monotonic_buffer_resource>(room_.get(), bytes);
  new (&final) Machine(arena_.get());
}

ExecutionAnalysis analyzeExecution(const Execution &execution,
                                   uint32_t retryBound, bool spuriousWakeups) {
  ExecutionAnalysis a;
  analyzeExecution(execution, retryBound, spuriousWakeups, a);
  return a;
}

void analyzeExecution(const Execution &execution, uint32_t retryBound,
                      bool spuriousWakeups, ExecutionAnalysis &a) {
  const size_t n = execution.events.size();
  a.clear();
  a.outcomes.resize(n);
  a.interProcess.assign(n, false);
  a.defaults.assign(n, NoThread);
  a.preemptions.assign(n + 1, 0);

  // On final's memory: the machine moves into it at the end.
  Replayer replay(execution, retryBound, spuriousWakeups, a.memory());
  const Machine &m = replay.machine();
  ThreadId previous = NoThread;
  uint32_t preemptions = 0;
  for (size_t i = 0; i < n; ++i) {
    a.preemptions[i] = preemptions;
    ThreadId t = execution.events[i].thread;
    // Asked once for both: the default scheduler keeps the thread that ran
    // if it can, and leaving it then is a preemption.
    const bool previousRuns = previous != NoThread &&
                              previous < m.threadCount() &&
                              replay.schedulable(previous);
    a.defaults[i] =
        previousRuns ? previous : defaultChoice(m, previous, retryBound);
    if (previousRuns && t != previous)
      ++preemptions;
    if (t < m.threadCount() && m.hasPending(t)) {
      a.interProcess[i] = m.seenByOtherProcesses(t);
      if (m.accessOf(t).kind == AccessKind::ProcessExit) {
        ProcessEnd end;
        end.event = uint32_t(i);
        end.process = m.endedBy(t);
        end.cutsOff = m.pending(t).kind != OpKind::ProcessSpawn;
        m.processEndTouches(end.process, [&](ObjectAddr o, AccessKind k) {
          end.touches.push_back({o, k});
        });
        a.processEnds.push_back(std::move(end));
      }
    }
    if (!replay.step(a.outcomes[i], a.error)) {
      a.outcomes.resize(i);
      return;
    }
    previous = t;
  }
  a.preemptions[n] = preemptions;
  replay.forEachPending([&](ThreadId t) {
    a.virtuals.push_back({t, m.pending(t), m.accessOf(t), m.enabled(t)});
  });
  a.final = std::move(replay.machine());
}

} // namespace tangle
