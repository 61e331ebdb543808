// Thread and process numbers are reused, so that a program that creates and
// joins millions of threads, or forks and reaps thousands of children, keeps
// a few numbers: what a step costs (the scheduler's loop over threads, vector
// clocks) follows the threads alive, not those ever created, and process
// numbers fit the tag of object keys (event.h).
//
// A number is free once nothing can name it any more: a thread's once it has
// exited and been joined, a process's once it has been reaped. It goes to
// the thread that joined or reaped it (its heir), and only a later create or
// fork *by that thread* takes it. Then everything the old thread or process
// did happens before the join or the wait, which comes before the create in
// the heir's program order: the explorer may treat the two incarnations as
// one thread (one vector-clock entry, program order between them) and stays
// sound. A thread that is joined passes its free numbers on to its joiner,
// and the threads of a reaped process to the reaper, for the same reason.
#pragma once

#include "model/event.h"

#include <memory_resource>
#include <vector>

namespace tangle {

class IdPool {
public:
  static constexpr uint32_t None = UINT32_MAX;

  explicit IdPool(std::pmr::memory_resource *memory) : free_(memory) {}

  /// `id` is free for `heir` to reuse (once: a second give is ignored).
  void give(uint32_t id, ThreadId heir);
  /// The lowest number free for `heir`, now taken; None if it has none.
  uint32_t take(ThreadId heir);
  /// `from` ended and `to` joined or reaped it: its free numbers go to `to`.
  void inherit(ThreadId from, ThreadId to);
  bool contains(uint32_t id) const;
  size_t size() const { return free_.size(); }

private:
  struct Free {
    uint32_t id;
    ThreadId heir;
  };
  std::pmr::vector<Free> free_;
};

} // namespace tangle
