// See blocked_thread.h.
#include "cli/blocked_thread.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tangle {

std::string readSmallFile(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return "";
  char buffer[512];
  ssize_t n = read(fd, buffer, sizeof(buffer) - 1);
  close(fd);
  return n > 0 ? std::string(buffer, size_t(n)) : std::string();
}

namespace {

/// The state letter of a /proc/.../stat line: after the command name,
/// which is in parentheses and may itself contain spaces and parentheses.
char stateOf(const std::string &stat) {
  size_t close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size())
    return 0;
  return stat[close + 2];
}

/// The process group of a /proc/PID/stat line (its fifth field).
pid_t groupOf(const std::string &stat) {
  size_t close = stat.rfind(')');
  if (close == std::string::npos)
    return 0;
  char state;
  int parent, group;
  if (sscanf(stat.c_str() + close + 1, " %c %d %d", &state, &parent, &group) !=
      3)
    return 0;
  return group;
}

/// Whether a thread of process `pid` other than `tid` is running or in an
/// uninterruptible wait (R, D): an exiting thread's teardown (the unmap of
/// its stack, glibc's own locks) runs unscheduled and may be what the
/// watched thread's futex waits for -- pthread_join waits on the kernel's
/// clearing of the thread id, a futex outside tangle's region. Parked
/// threads sleep (S) in tangle's own futex.
bool otherThreadBusy(pid_t pid, pid_t tid) {
  char path[64];
  snprintf(path, sizeof(path), "/proc/%d/task", pid);
  DIR *tasks = opendir(path);
  if (!tasks)
    return false;
  bool busy = false;
  while (dirent *entry = readdir(tasks)) {
    char *end;
    long other = strtol(entry->d_name, &end, 10);
    if (*end || other <= 0 || other == tid)
      continue;
    snprintf(path, sizeof(path), "/proc/%d/task/%ld/stat", pid, other);
    char state = stateOf(readSmallFile(path));
    if (state == 'R' || state == 'D') {
      busy = true;
      break;
    }
  }
  closedir(tasks);
  return busy;
}

} // namespace

ThreadSnapshot snapshotThread(pid_t pid, pid_t tid) {
  ThreadSnapshot s;
  char path[64];
  snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
  s.state = stateOf(readSmallFile(path));
  if (!s.state)
    return s;
  // "NR ARG1 ... SP PC" while in a system call; "running", or "-1 SP PC"
  // when not in one.
  snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
  std::string line = readSmallFile(path);
  long number;
  unsigned long long first;
  if (sscanf(line.c_str(), "%ld %llx", &number, &first) == 2 && number >= 0) {
    s.syscall = number;
    s.firstArgument = first;
  }
  return s;
}

std::string syscallName(long number) {
  switch (number) {
  case SYS_read:
    return "read";
  case SYS_write:
    return "write";
  case SYS_open:
    return "open";
  case SYS_openat:
    return "openat";
  case SYS_poll:
    return "poll";
  case SYS_ppoll:
    return "ppoll";
  case SYS_select:
    return "select";
  case SYS_pselect6:
    return "pselect6";
  case SYS_readv:
    return "readv";
  case SYS_pread64:
    return "pread64";
  case SYS_pause:
    return "pause";
  case SYS_nanosleep:
    return "nanosleep";
  case SYS_clock_nanosleep:
    return "clock_nanosleep";
  case SYS_connect:
    return "connect";
  case SYS_accept:
    return "accept";
  case SYS_accept4:
    return "accept4";
  case SYS_recvfrom:
    return "recvfrom";
  case SYS_recvmsg:
    return "recvmsg";
  case SYS_recvmmsg:
    return "recvmmsg";
  case SYS_sendto:
    return "sendto";
  case SYS_sendmsg:
    return "sendmsg";
  case SYS_msgrcv:
    return "msgrcv";
  case SYS_msgsnd:
    return "msgsnd";
  case SYS_semop:
    return "semop";
  case SYS_semtimedop:
    return "semtimedop";
  case SYS_flock:
    return "flock";
  case SYS_fcntl:
    return "fcntl";
  case SYS_futex:
    return "futex";
  case SYS_rt_sigsuspend:
    return "sigsuspend";
  case SYS_rt_sigtimedwait:
    return "sigtimedwait";
  case SYS_epoll_wait:
    return "epoll_wait";
  case SYS_epoll_pwait:
    return "epoll_pwait";
  case SYS_wait4:
    return "wait4";
  case SYS_waitid:
    return "waitid";
  case SYS_mq_timedsend:
    return "mq_timedsend";
  case SYS_mq_timedreceive:
    return "mq_timedreceive";
  case SYS_ioctl:
    return "ioctl";
  default:
    return "system call " + std::to_string(number);
  }
}

bool uncontrolledProcessAlive(pid_t group,
                              const std::vector<pid_t> &controlled) {
  DIR *proc = opendir("/proc");
  if (!proc)
    return false;
  bool found = false;
  while (dirent *entry = readdir(proc)) {
    char *end;
    long pid = strtol(entry->d_name, &end, 10);
    if (*end || pid <= 0)
      continue;
    bool known = false;
    for (pid_t c : controlled)
      known |= c == pid;
    if (known)
      continue;
    char path[64];
    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    std::string stat = readSmallFile(path);
    if (groupOf(stat) == group && stateOf(stat) != 'Z') {
      found = true;
      break;
    }
  }
  closedir(proc);
  return found;
}

bool BlockedThreadWatch::asleepOutsideTangle(const ThreadSnapshot &s) const {
  // Stopped (SIGSTOP, SIGTSTP): nobody in the execution sends SIGCONT.
  if (s.state == 'T' || s.state == 't')
    return true;
  // Only an interruptible sleep may last forever; D is a disk or a fault.
  if (s.state != 'S' || s.syscall < 0)
    return false;
  switch (s.syscall) {
  case SYS_futex:
    // The runtime's hand-off waits on the words of its own region.
    return s.firstArgument < ownBegin_ || s.firstArgument >= ownEnd_;
  case SYS_wait4:
  case SYS_waitid:
    // A program the execution started (system, an exec'd child) runs on its
    // own; waiting for it ends when it does.
  case SYS_write:
  case SYS_writev:
  case SYS_pwrite64:
  case SYS_pwritev:
    // Output to a reader outside tangle (a terminal, a pipe into less).
    return false;
  default:
    return true;
  }
}

bool BlockedThreadWatch::blocked(pid_t pid, pid_t tid, uint64_t steps,
                                 Clock::time_point now) {
  ThreadSnapshot s = snapshotThread(pid, tid);
  bool same = watching_ && tid == tid_ && steps == steps_ &&
              s.syscall == last_.syscall &&
              s.firstArgument == last_.firstArgument;
  if (!asleepOutsideTangle(s) || otherThreadBusy(pid, tid)) {
    watching_ = false;
    return false;
  }
  if (!same) {
    watching_ = true;
    tid_ = tid;
    steps_ = steps;
    last_ = s;
    since_ = now;
    return false;
  }
  return now - since_ >= Patience;
}

} // namespace tangle
