// The list of threads an object remembers (condition waiters, barrier
// arrivals, rwlock readers, file lock holders). It grows with the program: a
// barrier of 1,000 threads keeps 1,000 arrivals. It allocates from the
// default memory resource, which the runtime points at the execution's
// shared arena before it builds the Machine (runtime/controller.cpp), so the
// objects stay in memory every process of the execution shares.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <memory_resource>
#include <vector>

namespace tangle {

template <typename Entry> using ThreadList = std::pmr::vector<Entry>;

template <typename Entry> void removeAt(ThreadList<Entry> &list, uint32_t i) {
  list.erase(list.begin() + i);
}

} // namespace tangle
