// Wakeup trees of optimal DPOR (Abdulla, Aronis, Jonsson, Sagonas, "Source
// Sets: A Foundation for Optimal Dynamic Partial Order Reduction", JACM 2017):
// the sequences still to explore below a state, and their insertion.
//
// A race reversed at a state asks for the whole reordering v (the steps
// that do not happen after the race's first step, then its second), not one
// thread: an execution that follows v to its end cannot be blocked by its
// sleep set, and a reordering equivalent to one already asked for is not
// asked for twice.
#pragma once

#include "model/event.h"
#include "model/machine.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace tangle {

/// One step of a wakeup tree: the thread that takes it and how it touches
/// shared objects (for the independence checks of later insertions).
struct WakeupNode {
  ThreadId thread = NoThread;
  Access access;
  std::vector<WakeupNode> children; // in the order they are to be explored
};

/// A sequence to insert, as the happens-before pass knows it: its steps in
/// order and, for two of them, whether the later happens after the earlier.
/// Insertion removes the steps that a tree node stands for.
class WakeupSequence {
public:
  using AfterFn = std::function<bool(size_t earlier, size_t later)>;
  WakeupSequence() = default;
  WakeupSequence(std::vector<ThreadId> threads, std::vector<Access> accesses,
                 AfterFn after);
  /// Makes it a new sequence of the steps `step(k)` gives ({thread,
  /// access}, k < n), keeping the room of its vectors: the explorer builds
  /// one for every race it answers, up to hundreds of steps long.
  template <typename StepFn>
  void assign(size_t n, StepFn &&step, AfterFn after) {
    threads_.clear();
    accesses_.clear();
    for (size_t k = 0; k < n; ++k) {
      auto [thread, access] = step(k);
      threads_.push_back(thread);
      accesses_.push_back(access);
    }
    after_ = std::move(after);
    removed_.assign(n, false);
    left_ = n;
  }

  bool empty() const { return left_ == 0; }
  /// The steps not yet removed, in order.
  std::vector<size_t> remaining() const;
  /// Whether thread p, whose next step touches `next`, can start a
  /// sequence equivalent to this one: p's first step here happens after
  /// none of the others before it, or p has no step here and its next step
  /// is independent of every one (p is a weak initial).
  bool weakInitial(ThreadId p, const Access &next) const;
  /// Removes p's first step, if it has one (p went first).
  void removeFirstOf(ThreadId p);
  /// The steps left as a chain of nodes (empty when none are left).
  std::vector<WakeupNode> chain() const;
  ThreadId firstThread() const;

private:
  std::vector<ThreadId> threads_;
  std::vector<Access> accesses_;
  AfterFn after_;
  std::vector<bool> removed_;
  size_t left_ = 0;
};

/// Inserts `w` below the nodes `children` (the tree below some state, each
/// child one step from it): walks down while some child's step is a weak
/// initial of what is left of `w`, removing that step; stops when it
/// reaches a leaf or uses `w` up (an equivalent sequence is there already),
/// else appends what is left as a new last branch. Returns whether it added
/// anything. It removes steps from `w`.
bool insertWakeup(std::vector<WakeupNode> &children, WakeupSequence &w);
inline bool insertWakeup(std::vector<WakeupNode> &children,
                         WakeupSequence &&w) {
  return insertWakeup(children, w);
}

/// The threads of the leftmost branch: what an execution entering the tree
/// follows.
std::vector<ThreadId> leftmostPath(const std::vector<WakeupNode> &children);

/// The number of nodes below `children` (memory accounting, tests).
size_t wakeupNodes(const std::vector<WakeupNode> &children);

} // namespace tangle
