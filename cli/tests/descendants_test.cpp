// Ending every process below a child subreaper (runtime/descendants.h): what
// the fork server does after each execution, and when tangle dies.
#include "runtime/descendants.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle::rt {
namespace {

/// Runs `body` in a child that is a subreaper, and returns its exit code.
template <class F> int inSubreaper(F body) {
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST(Descendants, ATreeThatLeftItsSessionsEndsWithItsReaper) {
  int code = inSubreaper([] {
    // A child that starts two daemons (setsid, each with a child of its
    // own) and exits: all four are orphans, reparented here.
    pid_t child = fork();
    if (child == 0) {
      for (int i = 0; i < 2; ++i)
        if (fork() == 0) {
          setsid();
          if (fork() == 0)
            for (;;)
              pause();
          for (;;)
            pause();
        }
      _exit(0);
    }
    waitpid(child, nullptr, 0);
    if (!hasRunningChildren())
      return 1; // the daemons should be ours by now
    if (!killChildren())
      return 2;
    if (hasRunningChildren())
      return 3;
    return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD ? 0 : 4;
  });
  EXPECT_EQ(code, 0);
}

TEST(Descendants, AnUnreapedChildsOrphanIsEnded) {
  // killChildren stops at once when the process has no child at all; a
  // zombie is still a child, and the orphan it left is this process's now.
  int code = inSubreaper([] {
    pid_t child = fork();
    if (child == 0) {
      if (fork() == 0)
        for (;;)
          pause();
      _exit(0);
    }
    siginfo_t info;
    if (waitid(P_PID, child, &info, WEXITED | WNOWAIT) != 0)
      return 1; // the child is a zombie now, not reaped
    if (!killChildren())
      return 2;
    if (hasRunningChildren())
      return 3; // the orphan still runs
    return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD ? 0 : 4;
  });
  EXPECT_EQ(code, 0);
}

TEST(Descendants, KeptChildrenAreLeftAlone) {
  int code = inSubreaper([] {
    pid_t keep = fork();
    if (keep == 0)
      for (;;)
        pause();
    pid_t other = fork();
    if (other == 0)
      for (;;)
        pause();
    pid_t pids[8];
    if (listChildren(pids, 8) != 2)
      return 1;
    if (!killChildren(&keep, 1))
      return 2;
    if (listChildren(pids, 8, &keep, 1) != 0)
      return 3;
    if (kill(keep, 0) != 0) // still running
      return 4;
    kill(keep, SIGKILL);
    waitpid(keep, nullptr, 0);
    return 0;
  });
  EXPECT_EQ(code, 0);
}

} // namespace
} // namespace tangle::rt
