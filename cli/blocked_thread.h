// A thread asleep in the kernel outside every operation tangle models: the
// thread that has the CPU in an execution blocks in a system call that no
// interceptor saw (a read from a socket, a futex of a library tangle does
// not know, pause). Nothing tangle schedules can ever wake it, so the
// execution would only end at its timeout, as a false hang. tangle reads the
// thread's state and current system call from /proc while it waits for the
// execution, and ends it as "unmodelled-call" instead (docs/runtime.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tangle {

/// One look at a thread in /proc.
struct ThreadSnapshot {
  char state = 0;    // R, S, D, T, t, Z...; 0 when the thread is gone
  long syscall = -1; // the system call it is in; -1 when in none
  uint64_t firstArgument = 0;
};

/// Reads /proc/PID/task/TID/stat and .../syscall.
ThreadSnapshot snapshotThread(pid_t pid, pid_t tid);

/// The name of x86-64 system call `number` ("read", "futex"), or
/// "system call N".
std::string syscallName(long number);

/// The whole of a small /proc file, up to 511 bytes ("" when it cannot be
/// read).
std::string readSmallFile(const char *path);
inline std::string readSmallFile(const std::string &path) {
  return readSmallFile(path.c_str());
}

/// Whether a process other than `controlled` is alive (not a zombie) in
/// process group `group`: a program the execution exec'd or spawned, which
/// runs on its own and may still wake the blocked thread (by writing to a
/// pipe it reads, by exiting).
bool uncontrolledProcessAlive(pid_t group,
                              const std::vector<pid_t> &controlled);

/// Watches the thread that has the CPU, one look per slice of tangle's wait
/// for the execution.
class BlockedThreadWatch {
public:
  using Clock = std::chrono::steady_clock;
  /// How long the thread must stay asleep in one system call, with no step
  /// executed, before tangle decides that nothing will wake it. Long enough
  /// for any call that ends by itself on this machine (a disk read, a page
  /// fault); short beside the execution timeout.
  static constexpr auto Patience = std::chrono::milliseconds(100);

  /// `ownBegin`..`ownEnd`: tangle's shared region as the program maps it. A
  /// futex there is the runtime's own hand-off, never a block.
  BlockedThreadWatch(uint64_t ownBegin, uint64_t ownEnd)
      : ownBegin_(ownBegin), ownEnd_(ownEnd) {}

  /// One look at thread `tid` of process `pid`, which has the CPU after
  /// `steps` executed steps. True when it has been blocked (asleep in the
  /// same system call, or stopped) since at least Patience ago, with no
  /// other thread of its process running meanwhile (one still running
  /// unscheduled, such as an exiting thread's teardown, may wake it).
  bool blocked(pid_t pid, pid_t tid, uint64_t steps, Clock::time_point now);

  /// What it is blocked in, for the message: "read", "futex", ...
  const ThreadSnapshot &last() const { return last_; }

private:
  /// Whether this look shows a block tangle must not wait out.
  bool asleepOutsideTangle(const ThreadSnapshot &s) const;

  uint64_t ownBegin_, ownEnd_;
  pid_t tid_ = 0;
  uint64_t steps_ = 0;
  ThreadSnapshot last_;
  bool watching_ = false;
  Clock::time_point since_;
};

} // namespace tangle
