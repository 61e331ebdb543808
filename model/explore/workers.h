// The workers of a parallel exploration (--jobs N): threads that share one
// exploration under one lock and let go of it only while their own copy of
// the program runs an execution (and while they analyse it). This file owns
// who works when and when all are done; which branch a worker takes, and
// what it does with the execution, the explorer decides (explorer.cpp).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tangle {

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
  void waitForChange(Lock &lock) { changed_.wait(lock); }
  /// A worker stopped (the lock held): the others look again.
  void stopped() { changed_.notify_all(); }

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
      ~Relock() { lock.lock(); }
    };
    lock.unlock();
    Relock relock{lock};
    return f();
  }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  uint32_t running_ = 0;
  std::vector<std::thread> threads_;
};

} // namespace tangle
