// The facts of a recorded run the predictor reads: see facts.h.
#include "model/predict/facts.h"

#include <algorithm>
#include <unordered_map>

namespace tangle::predict {

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

void gather(Facts &facts) {
  const RecordedRun &run = facts.run;
  size_t n = run.threads.size();
  facts.creates.assign(n, {});
  facts.joinedBy.assign(n, {NoThread, 0});
  // A section is an acquisition and its release: at most half the events
  // (a lock-heavy run's 4 million grew the vector twenty times, moving it).
  size_t events = 0;
  for (const RecordedThread &thread : run.threads)
    events += thread.events.size();
  facts.events += events;
  facts.sections.reserve(facts.sections.size() + events / 2 + n);
  for (const RecordedThread &thread : run.threads) {
    ThreadId t = thread.id;
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
      if (e.op.kind == OpKind::ThreadJoin && e.result == 0 && e.op.object < n &&
          facts.joinedBy[e.op.object].first == NoThread)
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
        facts.sections.push_back({lock, t, same->acquire, i, same->read,
                                  thread.events[same->acquire].time});
        held.erase(same);
      }
    }
    for (const Held &h : held)
      facts.sections.push_back({h.lock, t, h.acquire, NoIndex, h.read,
                                thread.events[h.acquire].time});
  }
  // By the stamp kept in the section: a comparison that looked each up in
  // its thread's events missed the cache twice, a fifth of the predictor's
  // time on a run of 4 million sections.
  std::sort(facts.sections.begin(), facts.sections.end(),
            [](const Section &a, const Section &b) {
              return a.time != b.time ? a.time < b.time : a.thread < b.thread;
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

} // namespace tangle::predict
