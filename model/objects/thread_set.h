// A small fixed-capacity list of threads, for objects that remember who waits
// or holds them (condition waiters, barrier arrivals, rwlock readers). Fixed
// capacity keeps the Machine's object states plain data that the runtime can
// keep in its arena without allocating.
#pragma once

#include "model/event.h"

#include <cassert>
#include <cstdint>

namespace tangle {

template <typename Entry, uint32_t Capacity = 64> struct FixedList {
  Entry items[Capacity] = {};
  uint32_t size = 0;

  void push(const Entry &e) {
    assert(size < Capacity && "more waiters than the model keeps");
    if (size < Capacity)
      items[size++] = e;
  }
  void removeAt(uint32_t i) {
    for (uint32_t j = i; j + 1 < size; ++j)
      items[j] = items[j + 1];
    --size;
  }
  Entry *begin() { return items; }
  Entry *end() { return items + size; }
  const Entry *begin() const { return items; }
  const Entry *end() const { return items + size; }
};

} // namespace tangle
