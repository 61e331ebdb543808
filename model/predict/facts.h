// The facts of a recorded run the predictor reads (docs/prediction.md):
// what each event does to a lock, the objects whose operations keep their
// recorded order, the critical sections, the lock graph with its
// occurrences, and the fork/join edges.
#pragma once

#include "model/predict/predict.h"
#include "model/trace/record_trace.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace tangle::predict {

/// How an event touches a lock.
enum class LockUse : uint8_t { None, Acquire, TryAcquire, Release };

/// The lock an event takes or gives up, and how; `read` for an rwlock's
/// shared side.
LockUse lockUse(const RecordedEvent &e, uint64_t &lock, bool &read);

/// Objects whose operations keep their recorded order in every witness
/// (everything but locks and threads): the key, or 0 for none.
uint64_t orderedObject(const RecordedEvent &e);

/// A critical section: [acquire, release] of one thread; release is
/// NoIndex while it is still held at the end of the trace.
constexpr uint32_t NoIndex = UINT32_MAX;
struct Section {
  uint64_t lock;
  ThreadId thread;
  uint32_t acquire, release;
  bool read;
  uint64_t time = 0; // the acquisition's stamp, the sections' order
};

/// One time the trace shows `held` held while `wanted` is taken.
struct Occurrence {
  ThreadId thread;
  uint32_t acquire, request;   // of held, of wanted
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

/// Fills `facts` from its run in one pass over every thread's events.
void gather(Facts &facts);

/// Whether event a happens before event b through program order and
/// create/join alone (orders no reordering can change).
bool happensBefore(const Facts &facts, EventRef a, EventRef b);

} // namespace tangle::predict
