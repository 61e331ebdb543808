// The watch for a thread asleep in the kernel outside any visible operation
// (cli/blocked_thread.h), on real processes: a child blocked reading a pipe
// nobody writes, and one that runs.
#include "cli/blocked_thread.h"

#include <gtest/gtest.h>

#include <csignal>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tangle;

namespace {

/// A child process, killed and reaped when the test ends.
struct Child {
  pid_t pid = -1;
  ~Child() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
};

/// Starts a child that blocks reading a pipe nobody writes to, and waits
/// (a bounded number of looks, no time) until /proc shows it asleep there.
Child blockedReader(int pipeFds[2]) {
  Child child;
  EXPECT_EQ(pipe(pipeFds), 0);
  child.pid = fork();
  if (child.pid == 0) {
    setpgid(0, 0);
    close(pipeFds[1]);
    char c;
    (void)!read(pipeFds[0], &c, 1);
    _exit(0);
  }
  for (int i = 0; i < 100000; ++i) {
    ThreadSnapshot s = snapshotThread(child.pid, child.pid);
    if (s.state == 'S' && s.syscall == SYS_read)
      break;
    sched_yield();
  }
  return child;
}

TEST(BlockedThread, SnapshotShowsTheSystemCallAThreadSleepsIn) {
  int fds[2];
  Child child = blockedReader(fds);
  ThreadSnapshot s = snapshotThread(child.pid, child.pid);
  EXPECT_EQ(s.state, 'S');
  EXPECT_EQ(s.syscall, SYS_read);
  EXPECT_EQ(s.firstArgument, uint64_t(fds[0]));
  EXPECT_EQ(syscallName(s.syscall), "read");
  EXPECT_EQ(syscallName(SYS_futex), "futex");
  EXPECT_EQ(syscallName(100000), "system call 100000");
  close(fds[0]);
  close(fds[1]);
}

TEST(BlockedThread, BlockedOnlyAfterPatienceInTheSameCall) {
  int fds[2];
  Child child = blockedReader(fds);
  BlockedThreadWatch watch(0, 0);
  auto t0 = BlockedThreadWatch::Clock::now();
  EXPECT_FALSE(watch.blocked(child.pid, child.pid, 7, t0));
  EXPECT_FALSE(watch.blocked(child.pid, child.pid, 7,
                             t0 + BlockedThreadWatch::Patience / 2));
  EXPECT_TRUE(watch.blocked(child.pid, child.pid, 7,
                            t0 + BlockedThreadWatch::Patience));
  EXPECT_EQ(watch.last().syscall, SYS_read);
  // A step executed since: it made progress, the wait starts again.
  EXPECT_FALSE(watch.blocked(child.pid, child.pid, 8,
                             t0 + 2 * BlockedThreadWatch::Patience));
  close(fds[0]);
  close(fds[1]);
}

TEST(BlockedThread, AFutexInTanglesOwnRegionIsTheHandOff) {
  // A child asleep in futex on a word of "tangle's region" is not blocked;
  // on any other word it is.
  static uint32_t word = 0;
  Child child;
  child.pid = fork();
  if (child.pid == 0) {
    syscall(SYS_futex, &word, 0 /* FUTEX_WAIT */, 0, nullptr, nullptr, 0);
    _exit(0);
  }
  for (int i = 0; i < 100000; ++i) {
    ThreadSnapshot s = snapshotThread(child.pid, child.pid);
    if (s.state == 'S' && s.syscall == SYS_futex)
      break;
    sched_yield();
  }
  auto address = reinterpret_cast<uintptr_t>(&word);
  auto t0 = BlockedThreadWatch::Clock::now();
  auto later = t0 + BlockedThreadWatch::Patience;
  BlockedThreadWatch own(address, address + 4);
  EXPECT_FALSE(own.blocked(child.pid, child.pid, 0, t0));
  EXPECT_FALSE(own.blocked(child.pid, child.pid, 0, later));
  BlockedThreadWatch other(address + 4, address + 8);
  EXPECT_FALSE(other.blocked(child.pid, child.pid, 0, t0));
  EXPECT_TRUE(other.blocked(child.pid, child.pid, 0, later));
  EXPECT_EQ(other.last().syscall, SYS_futex);
}

TEST(BlockedThread, AProcessOutsideTheControlledOnesIsSeen) {
  int fds[2];
  Child child = blockedReader(fds); // in its own process group
  EXPECT_TRUE(uncontrolledProcessAlive(child.pid, {}));
  EXPECT_FALSE(uncontrolledProcessAlive(child.pid, {child.pid}));
  close(fds[0]);
  close(fds[1]);
}

} // namespace
