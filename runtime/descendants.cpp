// See descendants.h. Only system calls: this runs in signal handlers and in
// the fork server between executions, where nothing may allocate.
#include "runtime/descendants.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

struct Dirent64 {
  uint64_t ino;
  int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[1];
};

int openAt(int dir, const char *path, int flags) {
  return int(syscall(SYS_openat, dir, path, flags | O_CLOEXEC));
}

void closeFd(int fd) { syscall(SYS_close, fd); }

/// Reads the whole of a small /proc file into buf (NUL-terminated).
long readSmall(int dir, const char *path, char *buf, long size) {
  int fd = openAt(dir, path, O_RDONLY);
  if (fd < 0)
    return -1;
  long total = 0;
  while (total < size - 1) {
    long n = syscall(SYS_read, fd, buf + total, size - 1 - total);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    total += n;
  }
  closeFd(fd);
  buf[total] = 0;
  return total;
}

bool parsePid(const char *&p, pid_t &out) {
  while (*p == ' ' || *p == '\n')
    ++p;
  if (*p < '0' || *p > '9')
    return false;
  long value = 0;
  while (*p >= '0' && *p <= '9')
    value = value * 10 + (*p++ - '0');
  out = pid_t(value);
  return true;
}

/// out = number + suffix (number is a /proc entry: a few digits).
void procPath(char (&out)[64], const char *number, const char *suffix) {
  int len = 0;
  while (number[len] && len < 40) {
    out[len] = number[len];
    ++len;
  }
  for (int i = 0; suffix[i] && len < 63; ++i)
    out[len++] = suffix[i];
  out[len] = 0;
}

bool kept(pid_t pid, const pid_t *keep, int keepCount) {
  for (int i = 0; i < keepCount; ++i)
    if (keep[i] == pid)
      return true;
  return false;
}

/// Calls f(name) for each numeric entry of the directory `path`.
template <class F> bool forEachNumber(int dir, const char *path, F f) {
  int fd = openAt(dir, path, O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return false;
  alignas(8) char buf[4096];
  for (;;) {
    long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    for (long at = 0; at < n;) {
      auto *d = reinterpret_cast<Dirent64 *>(buf + at);
      at += d->reclen;
      if (d->name[0] >= '0' && d->name[0] <= '9')
        f(d->name);
    }
  }
  closeFd(fd);
  return true;
}

/// The children of each thread of this process, from
/// /proc/self/task/TID/children (CONFIG_PROC_CHILDREN).
int childrenFromTasks(pid_t *pids, int max, const pid_t *keep, int keepCount) {
  int tasks = openAt(AT_FDCWD, "/proc/self/task", O_RDONLY | O_DIRECTORY);
  if (tasks < 0)
    return -1;
  int count = 0;
  bool readable = true;
  forEachNumber(AT_FDCWD, "/proc/self/task", [&](const char *tid) {
    char path[64];
    procPath(path, tid, "/children");
    char list[4096];
    if (readSmall(tasks, path, list, sizeof(list)) < 0) {
      readable = false;
      return;
    }
    const char *p = list;
    pid_t pid;
    while (count < max && parsePid(p, pid))
      if (!kept(pid, keep, keepCount))
        pids[count++] = pid;
  });
  closeFd(tasks);
  return readable ? count : -1;
}

/// The same by reading every process's parent from /proc/PID/stat.
int childrenFromStat(pid_t *pids, int max, const pid_t *keep, int keepCount) {
  pid_t self = pid_t(syscall(SYS_getpid));
  int proc = openAt(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY);
  if (proc < 0)
    return -1;
  int count = 0;
  forEachNumber(AT_FDCWD, "/proc", [&](const char *name) {
    if (count >= max)
      return;
    char path[64];
    procPath(path, name, "/stat");
    char stat[512];
    if (readSmall(proc, path, stat, sizeof(stat)) <= 0)
      return;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const char *close = nullptr;
    for (const char *p = stat; *p; ++p)
      if (*p == ')')
        close = p;
    if (!close || close[1] != ' ' || !close[2] || close[3] != ' ')
      return;
    const char *p = close + 4;
    const char *q = stat;
    pid_t pid, parent;
    if (parsePid(q, pid) && parsePid(p, parent) && parent == self &&
        !kept(pid, keep, keepCount))
      pids[count++] = pid;
  });
  closeFd(proc);
  return count;
}

} // namespace

int listChildren(pid_t *pids, int max, const pid_t *keep, int keepCount) {
  int n = childrenFromTasks(pids, max, keep, keepCount);
  return n >= 0 ? n : childrenFromStat(pids, max, keep, keepCount);
}

bool hasRunningChildren() {
  for (;;) {
    pid_t r = pid_t(syscall(SYS_wait4, -1, nullptr, WNOHANG | __WALL, nullptr));
    if (r > 0)
      continue; // a zombie, reaped
    if (r < 0 && errno == EINTR)
      continue;
    return r == 0;
  }
}

bool killChildren(const pid_t *keep, int keepCount) {
  // No child at all (a zombie is one): no descendant either, since an
  // orphan becomes this process's child before its parent can be reaped.
  // One system call instead of reading /proc, at the end of every run.
  siginfo_t info;
  if (syscall(SYS_waitid, P_ALL, 0, &info,
              WEXITED | WNOHANG | WNOWAIT | __WALL, nullptr) < 0 &&
      errno == ECHILD)
    return true;
  pid_t pids[256];
  // Each round ends one generation; their orphans come back to us. A fork
  // bomb cannot outrun it: a killed process forks no more.
  for (int round = 0; round < 100000; ++round) {
    int n = listChildren(pids, 256, keep, keepCount);
    if (n <= 0)
      return n == 0;
    for (int i = 0; i < n; ++i)
      syscall(SYS_kill, pids[i], SIGKILL);
    for (int i = 0; i < n; ++i)
      while (syscall(SYS_wait4, pids[i], nullptr, __WALL, nullptr) < 0 &&
             errno == EINTR) {
      }
  }
  return true;
}

} // namespace tangle::rt
