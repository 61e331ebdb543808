// Futex wait/wake on 32-bit words in the shared region. Non-private futexes:
// the words live in a MAP_SHARED memfd mapping used by several processes.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tangle::rt {

/// Sleeps while *word == expected, at most `timeout` (relative) if given.
/// Returns early on a wake-up, a signal or a spurious wake: callers loop.
inline void futexWait(std::atomic<uint32_t> *word, uint32_t expected,
                      const timespec *timeout = nullptr) {
  syscall(SYS_futex, reinterpret_cast<uint32_t *>(word), FUTEX_WAIT, expected,
          timeout, nullptr, 0);
}

inline void futexWake(std::atomic<uint32_t> *word, int count = 1) {
  syscall(SYS_futex, reinterpret_cast<uint32_t *>(word), FUTEX_WAKE, count,
          nullptr, nullptr, 0);
}

} // namespace tangle::rt
