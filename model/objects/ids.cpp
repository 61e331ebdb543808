// See ids.h. The pool holds the numbers freed and not yet reused: a few
// for a program that joins as it goes, one per thread for one that joins
// them all at the end; a linear scan is enough.
#include "model/objects/ids.h"

#include <algorithm>

namespace tangle {

void IdPool::give(uint32_t id, ThreadId heir) {
  if (!contains(id))
    free_.push_back({id, heir});
}

uint32_t IdPool::take(ThreadId heir) {
  auto best = free_.end();
  for (auto it = free_.begin(); it != free_.end(); ++it)
    if (it->heir == heir && (best == free_.end() || it->id < best->id))
      best = it;
  if (best == free_.end())
    return None;
  uint32_t id = best->id;
  free_.erase(best);
  return id;
}

void IdPool::inherit(ThreadId from, ThreadId to) {
  for (Free &f : free_)
    if (f.heir == from)
      f.heir = to;
}

bool IdPool::contains(uint32_t id) const {
  return std::any_of(free_.begin(), free_.end(),
                     [&](const Free &f) { return f.id == id; });
}

} // namespace tangle
