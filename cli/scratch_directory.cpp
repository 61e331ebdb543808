// See scratch_directory.h.
#include "cli/scratch_directory.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle {

namespace {

struct Dirent64 {
  uint64_t ino;
  int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[1];
};

bool isDotOrDotDot(const char *name) {
  return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

/// Removes everything inside the directory `dir` (an open descriptor).
void emptyDirectory(int dir, int depth) {
  if (depth > 256)
    return;
  alignas(8) char buf[4096];
  for (;;) {
    // Entries are removed while reading: start again until a pass removes
    // nothing (or nothing is left).
    bool removed = false;
    lseek(dir, 0, SEEK_SET);
    for (;;) {
      long n = syscall(SYS_getdents64, dir, buf, sizeof(buf));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      for (long at = 0; at < n;) {
        auto *d = reinterpret_cast<Dirent64 *>(buf + at);
        at += d->reclen;
        if (isDotOrDotDot(d->name))
          continue;
        if (unlinkat(dir, d->name, 0) == 0) {
          removed = true;
          continue;
        }
        if (errno != EISDIR && errno != EPERM)
          continue;
        int child = openat(dir, d->name,
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0 && errno == EACCES) {
          // A folder the program made unreadable (or overlayfs's work/).
          fchmodat(dir, d->name, 0700, 0);
          child = openat(dir, d->name,
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (child < 0)
          continue;
        fchmod(child, 0700);
        emptyDirectory(child, depth + 1);
        close(child);
        if (unlinkat(dir, d->name, AT_REMOVEDIR) == 0)
          removed = true;
      }
    }
    if (!removed)
      return;
  }
}

/// The guard: waits until tangle's end of the pipe closes (tangle exited,
/// however), removes the folder if it is still there, and exits.
[[noreturn]] void guard(int pipeRead, const char *path) {
  // Its own process group: a Ctrl-C for tangle is not for it. It holds
  // none of tangle's descriptors, so no reader waits for it.
  setpgid(0, 0);
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE})
    ::signal(signal, SIG_IGN);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; fd < 3; ++fd)
    if (null >= 0 && null != fd)
      dup2(null, fd);
  for (int fd = 3; fd < 1024; ++fd)
    if (fd != pipeRead && fd != null)
      close(fd);
  prctl(PR_SET_NAME, "tangle-cleanup");
  char byte;
  while (read(pipeRead, &byte, 1) < 0 && errno == EINTR) {
  }
  removeTree(path);
  _exit(0);
}

} // namespace

void removeTree(const char *path) {
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0 && errno == EACCES) {
    chmod(path, 0700);
    dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  }
  if (dir < 0) {
    unlink(path);
    return;
  }
  emptyDirectory(dir, 0);
  close(dir);
  rmdir(path);
}

ScratchDirectory::~ScratchDirectory() {
  if (!path_.empty())
    removeTree(path_.c_str());
  if (guardPipe_ >= 0)
    close(guardPipe_);
  if (guard_ > 0)
    while (waitpid(guard_, nullptr, 0) < 0 && errno == EINTR) {
    }
}

bool ScratchDirectory::create(std::string &error) {
  llvm::SmallString<128> path;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("tangle", path)) {
    error = "cannot create a temporary directory: " + ec.message();
    return false;
  }
  path_ = std::string(path);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error = "cannot create a pipe: " + std::string(strerror(errno));
    return false;
  }
  pid_t pid = fork();
  if (pid == 0)
    guard(fds[0], path_.c_str());
  close(fds[0]);
  if (pid < 0) {
    close(fds[1]);
    error = "cannot start the temporary folder's guard: " +
            std::string(strerror(errno));
    return false;
  }
  guard_ = pid;
  guardPipe_ = fds[1];
  return true;
}

} // namespace tangle
