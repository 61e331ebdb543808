// See stack_pool.h. The pool is private memory: a process an execution
// forks inherits it with its own copy of which slots are in use.
#include "runtime/stack_pool.h"

#include <atomic>
#include <cstring>
#include <sys/mman.h>
#include <new>
#include <unistd.h>

namespace tangle::rt {

namespace {

constexpr uint32_t MaxSlots = 64;

// What a new thread's stack is populated with as it is taken (the top of
// the slot, where glibc puts the thread's descriptor and static TLS and
// the first frames run): one system call instead of a page fault per page,
// and each fault costs tens of microseconds on this kind of virtual machine
// against well under one per populated page.
constexpr size_t PopulatedTop = size_t(32) << 10;

constexpr int PopulateWrite = 23; // MADV_POPULATE_WRITE (Linux 5.14)

// Shared by the fork server and every execution: how many slots the
// executions so far used at most, so that the server protects their guard
// pages once instead of each execution doing it for itself.
struct SharedPool {
  std::atomic<uint32_t> highWater;
};

struct {
  char *base = nullptr;
  uint32_t slots = 0;
  size_t stackSize = 0; // glibc's default for a thread
  size_t guardSize = 0; // glibc's default guard, below each stack
  uint64_t inUse = 0;   // one bit per slot
  uint64_t guarded = 0; // the slot's guard is protected in this process
  SharedPool *shared = nullptr;
} g_pool;

size_t slotSize() { return g_pool.guardSize + g_pool.stackSize; }

} // namespace

// Compared byte for byte with default attributes of the same detach state.
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

bool defaultStack(size_t &stackSize, size_t &guardSize) {
  pthread_attr_t defaults;
  if (pthread_getattr_default_np(&defaults) != 0)
    return false;
  pthread_attr_getstacksize(&defaults, &stackSize);
  pthread_attr_getguardsize(&defaults, &guardSize);
  pthread_attr_destroy(&defaults);
  return true;
}

bool aPooledThreadTakes(const pthread_attr_t *attr, int &detachState) {
  detachState = PTHREAD_CREATE_JOINABLE;
  if (!attr)
    return true;
  size_t stackSize = 0, guardSize = 0, defaultSize = 0, defaultGuard = 0;
  if (pthread_attr_getdetachstate(attr, &detachState) != 0 ||
      pthread_attr_getstacksize(attr, &stackSize) != 0 ||
      pthread_attr_getguardsize(attr, &guardSize) != 0 ||
      !defaultStack(defaultSize, defaultGuard))
    return false;
  pthread_attr_t defaults;
  memset(&defaults, 0, sizeof(defaults));
  if (pthread_attr_init(&defaults) != 0)
    return false;
  pthread_attr_setdetachstate(&defaults, detachState);
  pthread_attr_setguardsize(&defaults, guardSize);
  // The stack's size as `attr` has it, set or not (an unset size reads
  // back as the default).
  bool same = memcmp(&defaults, attr, sizeof(defaults)) == 0;
  if (!same && pthread_attr_setstacksize(&defaults, stackSize) == 0)
    same = memcmp(&defaults, attr, sizeof(defaults)) == 0;
  pthread_attr_destroy(&defaults);
  return same && stackSize <= defaultSize;
}

void reservePooledStacks(uint32_t slots) {
  size_t stackSize = 0, guardSize = 0;
  if (!defaultStack(stackSize, guardSize))
    return;
  size_t page = size_t(sysconf(_SC_PAGESIZE));
  if (stackSize == 0 || stackSize % page != 0 || guardSize % page != 0)
    return;
  g_pool.stackSize = stackSize;
  g_pool.guardSize = guardSize;
  g_pool.slots = slots < MaxSlots ? slots : MaxSlots;
  // One mapping: the guard pages are protected as slots are first used
  // (by the server for the slots earlier executions used, else by the
  // execution), so a fork copies two areas per slot in use, not per slot.
  void *mem =
      mmap(nullptr, slotSize() * g_pool.slots, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED) {
    g_pool.slots = 0;
    return;
  }
  g_pool.base = static_cast<char *>(mem);
  void *shared = mmap(nullptr, sizeof(SharedPool), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared != MAP_FAILED)
    g_pool.shared = new (shared) SharedPool{};
}

void unusedPooledStacks(uintptr_t &begin, uintptr_t &end) {
  begin = end = 0;
  if (!g_pool.base)
    return;
  uint32_t above = 0; // one past the highest slot in use
  for (uint32_t slot = 0; slot < g_pool.slots; ++slot)
    if (g_pool.inUse & (uint64_t(1) << slot))
      above = slot + 1;
  begin = uintptr_t(g_pool.base) + slotSize() * above;
  end = uintptr_t(g_pool.base) + slotSize() * g_pool.slots;
}

void guardUsedStacks() {
  if (!g_pool.base || !g_pool.shared)
    return;
  uint32_t used = g_pool.shared->highWater.load(std::memory_order_relaxed);
  for (uint32_t slot = 0; slot < used && slot < g_pool.slots; ++slot) {
    const uint64_t bit = uint64_t(1) << slot;
    if (g_pool.guarded & bit)
      continue;
    char *low = g_pool.base + slotSize() * size_t(slot);
    if (g_pool.guardSize && mprotect(low, g_pool.guardSize, PROT_NONE) != 0)
      return;
    g_pool.guarded |= bit;
  }
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
  if (g_pool.shared) {
    uint32_t used = g_pool.shared->highWater.load(std::memory_order_relaxed);
    while (used < uint32_t(slot) + 1 &&
           !g_pool.shared->highWater.compare_exchange_weak(
               used, uint32_t(slot) + 1, std::memory_order_relaxed)) {
    }
  }
  size_t top = PopulatedTop < g_pool.stackSize ? PopulatedTop : g_pool.stackSize;
  madvise(low + g_pool.guardSize + g_pool.stackSize - top, top, PopulateWrite);
  return slot;
}

void releasePooledStack(int slot) {
  if (slot >= 0)
    g_pool.inUse &= ~(uint64_t(1) << slot);
}

} // namespace tangle::rt
