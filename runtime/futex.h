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

} // namespace tangle::rt
