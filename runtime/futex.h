// Futex wait/wake on 32-bit words in the shared region. Non-private futexes:
// the words live in a MAP_SHARED memfd mapping used by several processes.
// They are made with the syscall instruction itself, not libc's syscall():
// the runtime intercepts syscall() to model the program's futexes
// (runtime/intercept_syscall.cpp), and its own hand-off is not one of them.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tangle::rt {

/// System call `number` with up to six arguments, made directly (x86-64).
/// Returns the kernel's result: -errno on failure.
inline long rawSyscall(long number, long a1 = 0, long a2 = 0, long a3 = 0,
                       long a4 = 0, long a5 = 0, long a6 = 0) {
  long result;
  register long r10 asm("r10") = a4;
  register long r8 asm("r8") = a5;
  register long r9 asm("r9") = a6;
  asm volatile("syscall"
               : "=a"(result)
               : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8),
                 "r"(r9)
               : "rcx", "r11", "memory");
  return result;
}

/// Sleeps while *word == expected, at most `timeout` (relative) if given.
/// Returns early on a wake-up, a signal or a spurious wake: callers loop.
inline void futexWait(std::atomic<uint32_t> *word, uint32_t expected,
                      const timespec *timeout = nullptr) {
  rawSyscall(SYS_futex, reinterpret_cast<long>(word), FUTEX_WAIT, expected,
             reinterpret_cast<long>(timeout));
}

inline void futexWake(std::atomic<uint32_t> *word, int count = 1) {
  rawSyscall(SYS_futex, reinterpret_cast<long>(word), FUTEX_WAKE, count);
}

/// The hand-off between tangle and the program's fork server or worker
/// (requestSeq, doneSeq): a waiter counts itself in `sleepers` while it may
/// sleep in the kernel, and the waker makes the FUTEX_WAKE call only if
/// someone does. With tangle and the program on two CPUs both sides spin
/// first and seldom sleep, and a wake-up call for nobody cost two system
/// calls an execution (one in the worker, where the mapping-call counter's
/// tracepoint makes each dearer). The counter goes up before the kernel
/// reads the word and the word is stored before the counter is read, both
/// sequentially consistent: either the waker sees the sleeper, or the
/// sleeper's kernel sees the new word. A waiter killed while counted leaves
/// the count high: wakes for nobody again, never a lost one.
inline void futexWaitCounted(std::atomic<uint32_t> *word, uint32_t expected,
                             std::atomic<uint32_t> *sleepers,
                             const timespec *timeout = nullptr) {
  sleepers->fetch_add(1, std::memory_order_seq_cst);
  futexWait(word, expected, timeout);
  sleepers->fetch_sub(1, std::memory_order_relaxed);
}

inline void publishAndWake(std::atomic<uint32_t> *word, uint32_t value,
                           std::atomic<uint32_t> *sleepers) {
  word->store(value, std::memory_order_seq_cst);
  if (sleepers->load(std::memory_order_seq_cst) != 0)
    futexWake(word);
}

/// Spins while *word == expected, at most about `nanoseconds`; returns
/// whether the word changed. For a waiter whose waker runs on another CPU:
/// a futex wake-up of a CPU gone idle costs tens of microseconds on a
/// virtual machine, a spin a cache line's transfer.
inline bool spinWhile(const std::atomic<uint32_t> *word, uint32_t expected,
                      uint32_t nanoseconds) {
  if (nanoseconds == 0)
    return false;
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (word->load(std::memory_order_acquire) != expected)
        return true;
      __builtin_ia32_pause();
    }
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t spent = (now.tv_sec - start.tv_sec) * 1000000000ll +
                    (now.tv_nsec - start.tv_nsec);
    if (spent >= int64_t(nanoseconds))
      return word->load(std::memory_order_acquire) != expected;
  }
}

/// How long a waiter spins before it sleeps, adapted to how its waits go:
/// the whole `limit` again after a spin that saw the word change, a quarter
/// of the last after one that did not, none once that is small (but a short
/// try every 16th wait). So a waiter whose partner answers within the
/// limit never sleeps, and one whose partner takes longer, or does not get
/// a CPU (more programs than CPUs), soon stops burning its own.
struct SpinBudget {
  uint32_t limit = 0; // 0: never spin
  uint32_t next = 0;
  uint32_t waits = 0;

  void start(uint32_t nanoseconds) { limit = next = nanoseconds; }

  /// Spins while *word == expected, within the budget; whether it changed.
  bool spin(const std::atomic<uint32_t> *word, uint32_t expected) {
    if (limit == 0)
      return false;
    uint32_t budget = next;
    if (budget < 1000) {
      if (++waits % 16 != 0)
        return false;
      budget = limit / 8;
    }
    bool changed = spinWhile(word, expected, budget);
    next = changed ? limit : budget / 4;
    return changed;
  }
};

} // namespace tangle::rt
