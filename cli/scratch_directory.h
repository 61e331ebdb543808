// tangle's temporary folder for one run (the compiled program, the compiler's
// output, the sandbox's writable layer). It is removed on every exit path:
// by the destructor on a normal end or an interrupt, and by a guard process
// when tangle dies abruptly (SIGKILL, a crash).
#pragma once

#include <string>
#include <sys/types.h>

namespace tangle {

class ScratchDirectory {
public:
  ScratchDirectory() = default;
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;
  ~ScratchDirectory();
  /// Creates `$TMPDIR/tangle-XXXXXX` (mode 0700) and its guard; false with
  /// `error` when it cannot.
  bool create(std::string &error);
  const std::string &path() const { return path_; }
  bool created() const { return !path_.empty(); }
  /// The guard's pid, or -1 (it is tangle's child until the destructor
  /// reaps it).
  pid_t guardPid() const { return guard_; }

private:
  std::string path_;
  pid_t guard_ = -1;
  int guardPipe_ = -1; // write end: when it closes, the guard wakes up
};

/// Removes `path` and everything below it, without following symbolic
/// links, making unreadable directories readable on the way. Only system
/// calls (the guard runs it in a forked child).
void removeTree(const char *path);

} // namespace tangle
