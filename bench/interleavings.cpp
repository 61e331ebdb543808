#include "bench/interleavings.h"

#include <unordered_map>
#include <vector>

namespace tangle::bench {
namespace {

constexpr uint32_t Free = UINT32_MAX;

class Counter {
public:
  Counter(const Script &script, uint64_t maxStates) : maxStates_(maxStates) {
    // Thread ids follow creation order; only main creates, so thread k runs
    // the script named by main's k-th create.
    ops_.emplace_back(script.threads[0]);
    Operation end;
    end.kind = OpKind::ProcessExit;
    ops_[0].push_back(end);
    createIndex_.push_back(0);
    for (size_t pc = 0; pc < script.threads[0].size(); ++pc) {
      const Operation &op = script.threads[0][pc];
      if (op.kind != OpKind::ThreadCreate)
        continue;
      std::vector<Operation> ops;
      Operation start;
      start.kind = OpKind::ThreadStart;
      ops.push_back(start);
      for (const Operation &w : script.threads.at(op.arg)) {
        if (w.kind == OpKind::ThreadCreate)
          error_ = "only the main thread may create threads";
        ops.push_back(w);
      }
      Operation exit;
      exit.kind = OpKind::ThreadExit;
      ops.push_back(exit);
      ops_.push_back(std::move(ops));
      createIndex_.push_back(pc); // created once main is past pc
    }
    for (const auto &ops : ops_)
      for (const Operation &op : ops)
        if (isMutexOp(op.kind) && !mutexIndex_.count(op.object)) {
          size_t index = mutexIndex_.size();
          mutexIndex_[op.object] = index;
        }
    // Pack positions and owners into one 64-bit key.
    size_t maxLen = 0;
    for (const auto &ops : ops_)
      maxLen = std::max(maxLen, ops.size());
    posBits_ = bitsFor(maxLen + 1);
    ownerBits_ = bitsFor(ops_.size() + 1);
    if (ops_.size() * posBits_ + mutexIndex_.size() * ownerBits_ > 64)
      error_ = "too many threads or operations for a 64-bit state key";
    if (ops_.size() > 64)
      error_ = "more than 64 threads";
  }

  const std::string &error() const { return error_; }

  InterleavingCounts run() {
    InterleavingCounts out;
    if (!error_.empty()) {
      out.error = error_;
      return out;
    }
    State s;
    s.pos.assign(ops_.size(), 0);
    s.owner.assign(mutexIndex_.size(), Free);
    out.naive = naive(s);
    if (!error_.empty()) {
      out.error = error_;
      return out;
    }
    out.traces = traces(s, 0);
    if (!error_.empty()) {
      out.error = error_;
      return out;
    }
    out.ok = true;
    out.states = naiveMemo_.size();
    out.deadlocked = deadlocked_;
    return out;
  }

private:
  struct State {
    std::vector<uint32_t> pos;   // next operation of each thread
    std::vector<uint32_t> owner; // each mutex's owner, or Free
    bool ended = false;          // main executed ProcessExit
  };

  static bool isMutexOp(OpKind k) {
    return k == OpKind::MutexLock || k == OpKind::MutexTryLock ||
           k == OpKind::MutexUnlock || k == OpKind::MutexTimedLock;
  }
  static unsigned bitsFor(size_t values) {
    unsigned bits = 1;
    while ((size_t(1) << bits) < values)
      ++bits;
    return bits;
  }

  uint64_t key(const State &s) const {
    uint64_t k = 0;
    unsigned shift = 0;
    for (uint32_t p : s.pos) {
      k |= uint64_t(p) << shift;
      shift += posBits_;
    }
    for (uint32_t o : s.owner) {
      k |= uint64_t(o == Free ? ops_.size() : o) << shift;
      shift += ownerBits_;
    }
    return k;
  }

  bool created(const State &s, size_t t) const {
    return t == 0 || s.pos[0] > createIndex_[t];
  }
  bool hasNext(const State &s, size_t t) const {
    return created(s, t) && s.pos[t] < ops_[t].size();
  }
  const Operation &next(const State &s, size_t t) const {
    return ops_[t][s.pos[t]];
  }

  bool enabled(const State &s, size_t t) const {
    if (s.ended || !hasNext(s, t))
      return false;
    const Operation &op = next(s, t);
    switch (op.kind) {
    case OpKind::MutexLock:
      // A default mutex blocks while held, also when held by t itself.
      return s.owner[mutexIndex_.at(op.object)] == Free;
    case OpKind::ThreadJoin: {
      size_t j = op.object;
      return j < ops_.size() && created(s, j) && s.pos[j] == ops_[j].size();
    }
    default:
      return true;
    }
  }

  State step(const State &s, size_t t) const {
    State n = s;
    const Operation &op = next(s, t);
    ++n.pos[t];
    switch (op.kind) {
    case OpKind::MutexLock:
      n.owner[mutexIndex_.at(op.object)] = t;
      break;
    case OpKind::MutexTryLock:
    case OpKind::MutexTimedLock: {
      uint32_t &o = n.owner[mutexIndex_.at(op.object)];
      if (o == Free)
        o = t;
      break;
    }
    case OpKind::MutexUnlock:
      n.owner[mutexIndex_.at(op.object)] = Free;
      break;
    case OpKind::ProcessExit:
      n.ended = true;
      break;
    default:
      break;
    }
    return n;
  }

  /// The object an operation touches, for independence: mutexes by address,
  /// threads by id (join and exit of one thread; create and start of it).
  /// ProcessExit touches everything.
  struct Object {
    int kind; // 0 none, 1 mutex, 2 thread, 3 everything
    uint64_t id;
  };
  Object objectOf(const State &s, size_t t) const {
    const Operation &op = next(s, t);
    if (isMutexOp(op.kind))
      return {1, op.object};
    switch (op.kind) {
    case OpKind::ThreadJoin:
      return {2, op.object};
    case OpKind::ThreadExit:
    case OpKind::ThreadStart:
      return {2, t};
    case OpKind::ThreadCreate: {
      // The child is the thread whose create index is this position.
      for (size_t c = 1; c < ops_.size(); ++c)
        if (createIndex_[c] == s.pos[0])
          return {2, c};
      return {0, 0};
    }
    case OpKind::ProcessExit:
      return {3, 0};
    default:
      return {0, 0};
    }
  }
  bool dependent(const Object &a, const Object &b) const {
    if (a.kind == 3 || b.kind == 3)
      return true;
    return a.kind != 0 && a.kind == b.kind && a.id == b.id;
  }

  bool budgetExceeded() {
    if (naiveMemo_.size() + tracesMemo_.size() > maxStates_) {
      error_ = "more than " + std::to_string(maxStates_) + " states";
      return true;
    }
    return false;
  }

  long double naive(const State &s) {
    uint64_t k = key(s) ^ (s.ended ? (uint64_t(1) << 63) : 0);
    auto it = naiveMemo_.find(k);
    if (it != naiveMemo_.end())
      return it->second;
    if (!error_.empty() || budgetExceeded())
      return 0;
    long double total = 0;
    bool any = false;
    for (size_t t = 0; t < ops_.size(); ++t)
      if (enabled(s, t)) {
        any = true;
        total += naive(step(s, t));
      }
    if (!any) {
      total = 1;
      if (!s.ended)
        for (size_t t = 0; t < ops_.size(); ++t)
          if (hasNext(s, t)) { // live threads remain and none can run
            ++deadlocked_;
            break;
          }
    }
    naiveMemo_.emplace(k, total);
    return total;
  }

  struct PairHash {
    size_t operator()(const std::pair<uint64_t, uint64_t> &p) const {
      return std::hash<uint64_t>()(p.first * 0x9E3779B97F4A7C15ull ^ p.second);
    }
  };

  long double traces(const State &s, uint64_t sleep) {
    std::pair<uint64_t, uint64_t> k{
        key(s) ^ (s.ended ? (uint64_t(1) << 63) : 0), sleep};
    auto it = tracesMemo_.find(k);
    if (it != tracesMemo_.end())
      return it->second;
    if (!error_.empty() || budgetExceeded())
      return 0;
    long double total = 0;
    bool any = false;
    uint64_t done = sleep; // asleep, or explored by an earlier sibling
    for (size_t t = 0; t < ops_.size(); ++t) {
      if (!enabled(s, t))
        continue;
      any = true;
      if (sleep & (uint64_t(1) << t))
        continue;
      Object ot = objectOf(s, t);
      uint64_t childSleep = 0;
      for (size_t u = 0; u < ops_.size(); ++u)
        if ((done & (uint64_t(1) << u)) && !dependent(objectOf(s, u), ot))
          childSleep |= uint64_t(1) << u;
      total += traces(step(s, t), childSleep);
      done |= uint64_t(1) << t;
    }
    if (!any)
      total = 1; // a maximal execution; all-asleep (0) means redundant
    tracesMemo_.emplace(k, total);
    return total;
  }

  std::vector<std::vector<Operation>> ops_;
  std::vector<size_t> createIndex_;
  std::unordered_map<uint64_t, size_t> mutexIndex_;
  unsigned posBits_ = 0, ownerBits_ = 0;
  uint64_t maxStates_;
  std::string error_;
  uint64_t deadlocked_ = 0;
  std::unordered_map<uint64_t, long double> naiveMemo_;
  std::unordered_map<std::pair<uint64_t, uint64_t>, long double, PairHash>
      tracesMemo_;
};

} // namespace

InterleavingCounts countInterleavings(const Script &script,
                                      uint64_t maxStates) {
  Counter counter(script, maxStates);
  return counter.run();
}

} // namespace tangle::bench
