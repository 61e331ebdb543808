// Wakeup trees and their insertion; see wakeup_tree.h.
#include "model/explore/wakeup_tree.h"

#include <cassert>

namespace tangle {

WakeupSequence::WakeupSequence(std::vector<ThreadId> threads,
                               std::vector<Access> accesses, AfterFn after)
    : threads_(std::move(threads)), accesses_(std::move(accesses)),
      after_(std::move(after)), removed_(threads_.size(), false),
      left_(threads_.size()) {
  assert(threads_.size() == accesses_.size());
}

std::vector<size_t> WakeupSequence::remaining() const {
  std::vector<size_t> out;
  for (size_t k = 0; k < threads_.size(); ++k)
    if (!removed_[k])
      out.push_back(k);
  return out;
}

bool WakeupSequence::weakInitial(ThreadId p, const Access &next) const {
  for (size_t k = 0; k < threads_.size(); ++k) {
    if (removed_[k] || threads_[k] != p)
      continue;
    // p's first step left: an initial unless it waits for an earlier one.
    for (size_t j = 0; j < k; ++j)
      if (!removed_[j] && after_(j, k))
        return false;
    return true;
  }
  // p takes no step here: it can go first when its next step commutes with
  // every step here (dependent() is conservative: a process end conflicts
  // with everything).
  for (size_t k = 0; k < threads_.size(); ++k)
    if (!removed_[k] && dependent(next, accesses_[k]))
      return false;
  return true;
}

void WakeupSequence::removeFirstOf(ThreadId p) {
  for (size_t k = 0; k < threads_.size(); ++k)
    if (!removed_[k] && threads_[k] == p) {
      removed_[k] = true;
      --left_;
      return;
    }
}

std::vector<WakeupNode> WakeupSequence::chain() const {
  std::vector<WakeupNode> out;
  std::vector<WakeupNode> *at = &out;
  for (size_t k = 0; k < threads_.size(); ++k) {
    if (removed_[k])
      continue;
    at->push_back({threads_[k], accesses_[k], {}});
    at = &at->back().children;
  }
  return out;
}

ThreadId WakeupSequence::firstThread() const {
  for (size_t k = 0; k < threads_.size(); ++k)
    if (!removed_[k])
      return threads_[k];
  return NoThread;
}

bool insertWakeup(std::vector<WakeupNode> &children, WakeupSequence &w) {
  std::vector<WakeupNode> *level = &children;
  for (;;) {
    if (w.empty())
      return false; // a prefix of a branch there: explored with it
    WakeupNode *next = nullptr;
    for (WakeupNode &child : *level)
      if (w.weakInitial(child.thread, child.access)) {
        next = &child;
        break;
      }
    if (!next) {
      for (WakeupNode &node : w.chain())
        level->push_back(std::move(node));
      return true;
    }
    if (next->children.empty())
      return false; // a leaf that starts an equivalent sequence
    w.removeFirstOf(next->thread);
    level = &next->children;
  }
}

std::vector<ThreadId> leftmostPath(const std::vector<WakeupNode> &children) {
  std::vector<ThreadId> out;
  for (const std::vector<WakeupNode> *at = &children; !at->empty();
       at = &at->front().children)
    out.push_back(at->front().thread);
  return out;
}

size_t wakeupNodes(const std::vector<WakeupNode> &children) {
  size_t n = 0;
  for (const WakeupNode &child : children)
    n += 1 + wakeupNodes(child.children);
  return n;
}

} // namespace tangle
