// See stack_pool.h. The pool is private memory: a process an execution
// forks inherits it with its own copy of which slots are in use.
#include "runtime/stack_pool.h"

#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

constexpr uint32_t MaxSlots = 64;

struct {
  char *base = nullptr;
  uint32_t slots = 0;
  size_t stackSize = 0; // glibc's default for a thread
  size_t guardSize = 0; // glibc's default guard, below each stack
  uint64_t inUse = 0;   // one bit per slot
  uint64_t guarded = 0; // this process protected the slot's guard already
} g_pool;

size_t slotSize() { return g_pool.guardSize + g_pool.stackSize; }

// Whether `attr` asks for nothing but what glibc does by default, whatever
// its detach state: compared byte for byte with default attributes of the
// same detach state, so that any other setting (a stack size, a stack of
// the program's own, a scheduling policy, an affinity) keeps glibc's path.
bool defaultsButDetach(const pthread_attr_t *attr, int &detachState) {
  detachState = PTHREAD_CREATE_JOINABLE;
  if (!attr)
    return true;
  if (pthread_attr_getdetachstate(attr, &detachState) != 0)
    return false;
  pthread_attr_t defaults;
  memset(&defaults, 0, sizeof(defaults));
  if (pthread_attr_init(&defaults) != 0)
    return false;
  pthread_attr_setdetachstate(&defaults, detachState);
  bool same = memcmp(&defaults, attr, sizeof(defaults)) == 0;
  pthread_attr_destroy(&defaults);
  return same;
}

} // namespace

void reservePooledStacks(uint32_t slots) {
  pthread_attr_t defaults;
  if (pthread_getattr_default_np(&defaults) != 0)
    return;
  size_t stackSize = 0, guardSize = 0;
  pthread_attr_getstacksize(&defaults, &stackSize);
  pthread_attr_getguardsize(&defaults, &guardSize);
  pthread_attr_destroy(&defaults);
  size_t page = size_t(sysconf(_SC_PAGESIZE));
  if (stackSize == 0 || stackSize % page != 0 || guardSize % page != 0)
    return;
  g_pool.stackSize = stackSize;
  g_pool.guardSize = guardSize;
  g_pool.slots = slots < MaxSlots ? slots : MaxSlots;
  // One mapping: the guard pages are protected per process as slots are
  // first used, so a fork copies one area instead of two per slot.
  void *mem =
      mmap(nullptr, slotSize() * g_pool.slots, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED) {
    g_pool.slots = 0;
    return;
  }
  g_pool.base = static_cast<char *>(mem);
}

int takePooledStack(const pthread_attr_t *attr, pthread_attr_t &pooled) {
  if (!g_pool.base || ~g_pool.inUse == 0)
    return -1;
  int detachState;
  if (!defaultsButDetach(attr, detachState))
    return -1;
  int slot = __builtin_ctzll(~g_pool.inUse);
  if (uint32_t(slot) >= g_pool.slots)
    return -1;
  char *low = g_pool.base + slotSize() * size_t(slot);
  const uint64_t bit = uint64_t(1) << slot;
  if (!(g_pool.guarded & bit)) {
    if (g_pool.guardSize && mprotect(low, g_pool.guardSize, PROT_NONE) != 0)
      return -1;
    g_pool.guarded |= bit;
  }
  if (pthread_attr_init(&pooled) != 0)
    return -1;
  if (pthread_attr_setdetachstate(&pooled, detachState) != 0 ||
      pthread_attr_setstack(&pooled, low + g_pool.guardSize,
                            g_pool.stackSize) != 0) {
    pthread_attr_destroy(&pooled);
    return -1;
  }
  g_pool.inUse |= bit;
  return slot;
}

void releasePooledStack(int slot) {
  if (slot >= 0)
    g_pool.inUse &= ~(uint64_t(1) << slot);
}

} // namespace tangle::rt
