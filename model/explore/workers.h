// The workers of a parallel exploration (--jobs N): threads that share one
// exploration under one lock and let go of it only while their own copy of
// the program runs an execution (and while they analyse it). This file owns
// who works when and when all are done; which branch a worker takes, and
// what it does with the execution, the explorer decides (explorer.cpp).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tangle {

/// Where one worker's time went (a debugging aid for tuning --jobs: with
/// TANGLE_PROFILE_WORKERS=1 in the environment the explorer prints one line
/// per worker on stderr at its end). Seconds.
struct WorkerProfile {
  double program = 0; // its program ran executions (Program::run)
  double outside = 0; // the rest without the lock: analysing them
  double waiting = 0; // waiting to take the lock
  double holding = 0; // holding it: taking branches, folding executions in
  double idle = 0;    // nothing to take: waiting for another worker's fold
  double joined = 0;  // when it took the lock first, from the start
  uint64_t executions = 0;
};

class ExplorationWorkers {
public:
  using Lock = std::unique_lock<std::mutex>;

  ExplorationWorkers() = default;
  ExplorationWorkers(const ExplorationWorkers &) = delete;
  ExplorationWorkers &operator=(const ExplorationWorkers &) = delete;
  ~ExplorationWorkers() { joinAll(); }

  std::mutex &mutex() { return mutex_; }

  /// A worker (holding the lock) takes an execution: until it is folded
  /// into the tree (endExecution), the tree may still grow from it, so an
  /// empty queue does not yet mean the exploration is done.
  void beginExecution() { ++running_; }
  /// The execution is folded in (the lock held): waiting workers look
  /// again at the queue.
  void endExecution() {
    --running_;
    changed_.notify_all();
  }
  /// Executions taken and not yet folded in, by all workers.
  uint32_t running() const { return running_; }

  /// Waits, the lock held by the caller, until an execution is folded in
  /// or a worker stops.
  void waitForChange(Lock &lock) {
    if (!profile_)
      return changed_.wait(lock);
    double t = now();
    profile_->holding += t - heldSince_;
    changed_.wait(lock);
    heldSince_ = now();
    profile_->idle += heldSince_ - t;
  }
  /// A worker stopped (the lock held): the others look again.
  void stopped() { changed_.notify_all(); }
  /// Something the waiting workers wait for changed (the lock held): a
  /// helper's execution is ready, or the exploration ended.
  void notify() { changed_.notify_all(); }

  /// Starts body(1) ... body(count - 1), each in its own thread (the
  /// caller is worker 0). Call once.
  void start(uint32_t count, const std::function<void(uint32_t)> &body) {
    for (uint32_t i = 1; i < count; ++i)
      threads_.emplace_back(body, i);
  }
  bool started() const { return !threads_.empty(); }

  /// Waits for every started worker (the lock not held).
  void joinAll() {
    for (std::thread &t : threads_)
      if (t.joinable())
        t.join();
  }

  /// Runs f() with the lock released, and takes it again.
  template <typename F> static auto unlocked(Lock &lock, F &&f) {
    struct Relock {
      Lock &lock;
      double released;
      ~Relock() {
        double t = profile_ ? now() : 0;
        lock.lock();
        if (!profile_)
          return;
        heldSince_ = now();
        profile_->outside += t - released;
        profile_->waiting += heldSince_ - t;
      }
    };
    double t = profile_ ? now() : 0;
    if (profile_)
      profile_->holding += t - heldSince_;
    lock.unlock();
    Relock relock{lock, t};
    return f();
  }

  /// Profiling (TANGLE_PROFILE_WORKERS) for `count` workers, before they
  /// start.
  void enableProfiles(uint32_t count) { profiles_.resize(count); }
  bool profilesEnabled() const { return !profiles_.empty(); }
  /// The calling thread's worker
  /// `index` starts, the lock just taken (after waiting `waited` seconds);
  /// until finish(), its time is counted in profile(index).
  void profileWorker(uint32_t index, double waited) {
    if (index >= profiles_.size())
      return;
    profile_ = &profiles_[index];
    profile_->waiting += waited;
    heldSince_ = now();
    if (index == 0)
      profileStart_ = heldSince_;
    profile_->joined = heldSince_ - profileStart_;
  }
  /// The calling worker ends (the lock held).
  static void finishProfile() {
    if (profile_)
      profile_->holding += now() - heldSince_;
    profile_ = nullptr;
  }
  /// Program::run took `seconds` of the time spent without the lock.
  static void noteProgramRun(double seconds) {
    if (!profile_)
      return;
    profile_->program += seconds;
    profile_->outside -= seconds;
    ++profile_->executions;
  }
  static bool profiling() { return profile_ != nullptr; }
  static double now() {
    return std::chrono::duration<double>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  /// One line per worker, on `out`. After joinAll.
  void printProfiles(FILE *out) const {
    for (size_t i = 0; i < profiles_.size(); ++i) {
      const WorkerProfile &p = profiles_[i];
      fprintf(out,
              "tangle: worker %zu: joined at %.3f s, %llu executions; "
              "program %.3f s, analysis without the lock %.3f s, waiting "
              "for the lock %.3f s, holding it %.3f s, idle %.3f s\n",
              i, p.joined, (unsigned long long)p.executions, p.program,
              p.outside, p.waiting, p.holding, p.idle);
    }
  }

private:
  inline static thread_local WorkerProfile *profile_ = nullptr;
  inline static thread_local double heldSince_ = 0;
  std::vector<WorkerProfile> profiles_; // sized before the workers start
  double profileStart_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  uint32_t running_ = 0;
  std::vector<std::thread> threads_;
};

} // namespace tangle
