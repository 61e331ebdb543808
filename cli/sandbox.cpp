// See sandbox.h. enterSandbox runs between fork and exec, so it only makes
// system calls and formats into fixed buffers.
#include "cli/sandbox.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle {

namespace {

// The scratch folder's parts (sandbox.h).
constexpr const char *Layers[] = {"tmp-upper", "tmp-work", "cwd-upper",
                                  "cwd-work"};

/// Text built in a fixed buffer: no allocation between fork and exec.
struct FixedText {
  char data[4096];
  size_t size = 0;
  FixedText &operator<<(const char *s) {
    while (*s && size + 1 < sizeof(data))
      data[size++] = *s++;
    data[size] = 0;
    return *this;
  }
  FixedText &operator<<(long n) {
    char digits[24];
    int len = 0;
    do {
      digits[len++] = char('0' + n % 10);
      n /= 10;
    } while (n > 0 && len < 23);
    char text[24];
    for (int i = 0; i < len; ++i)
      text[i] = digits[len - 1 - i];
    text[len] = 0;
    return *this << text;
  }
  const char *c_str() const { return data; }
};

bool writeFile(const char *path, const std::string &text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = write(fd, text.data(), text.size()) == ssize_t(text.size());
  int saved = errno;
  close(fd);
  errno = saved;
  return ok;
}

/// Overlay options take ',' and ':' as separators: escape them.
std::string escapeOverlayPath(const std::string &path) {
  std::string out;
  for (char c : path) {
    if (c == ',' || c == ':' || c == '\\')
      out += '\\';
    out += c;
  }
  return out;
}

bool under(const std::string &path, const char *dir) {
  size_t n = strlen(dir);
  return path.compare(0, n, dir) == 0 && (path.size() == n || path[n] == '/');
}

// The overlay mount options for a directory whose upper and work layers
// are the scratch folder's `layer`-upper and `layer`-work, reached through
// the descriptor `scratchFd` (the scratch folder itself may be hidden
// under the new /tmp by then).
void overlayOptions(FixedText &options, const char *lower, int scratchFd,
                    const char *layer) {
  options << "lowerdir=" << lower << ",upperdir=/proc/self/fd/"
          << long(scratchFd) << "/" << layer << "-upper,workdir=/proc/self/fd/"
          << long(scratchFd) << "/" << layer << "-work";
}

int fail(const char **step, const char *name) {
  *step = name;
  return errno ? errno : EINVAL;
}

void loopbackUp() {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0)
    return;
  ifreq request = {};
  strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  if (ioctl(s, SIOCGIFFLAGS, &request) == 0) {
    request.ifr_flags |= IFF_UP;
    ioctl(s, SIOCSIFFLAGS, &request);
  }
  close(s);
}

} // namespace

bool prepareSandbox(const std::string &scratch, SandboxPlan &plan,
                    std::string &error) {
  plan.scratch = scratch;
  char cwd[4096];
  if (!getcwd(cwd, sizeof(cwd))) {
    error = std::string("--sandbox: cannot read the working directory: ") +
            strerror(errno);
    return false;
  }
  plan.cwd = cwd;
  plan.cwdEscaped = escapeOverlayPath(plan.cwd);
  plan.uidMap =
      std::to_string(getuid()) + " " + std::to_string(getuid()) + " 1\n";
  plan.gidMap =
      std::to_string(getgid()) + " " + std::to_string(getgid()) + " 1\n";
  for (const char *layer : Layers) {
    std::string path = scratch + "/" + layer;
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
      error = "--sandbox: cannot create " + path + ": " + strerror(errno);
      return false;
    }
  }
  return true;
}

int enterSandbox(const SandboxPlan &plan, const char **step) {
  errno = 0;
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC) != 0)
    return fail(step, "unshare");
  // Without "deny", an unprivileged process may not write gid_map; kernels
  // before 3.19 have no such file.
  if (!writeFile("/proc/self/setgroups", "deny") && errno != ENOENT)
    return fail(step, "uid-map");
  if (!writeFile("/proc/self/uid_map", plan.uidMap) ||
      !writeFile("/proc/self/gid_map", plan.gidMap))
    return fail(step, "uid-map");
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return fail(step, "private");
  mount_attr readOnly = {};
  readOnly.attr_set = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &readOnly,
              sizeof(readOnly)) != 0)
    return fail(step, "read-only");
  // The scratch folder gets a mount of its own, writable again: the
  // overlays' upper layers live there.
  const char *scratch = plan.scratch.c_str();
  if (mount(scratch, scratch, nullptr, MS_BIND, nullptr) != 0 ||
      mount(nullptr, scratch, nullptr, MS_REMOUNT | MS_BIND, nullptr) != 0)
    return fail(step, "scratch");
  int scratchFd = open(scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (scratchFd < 0)
    return fail(step, "scratch");
  FixedText options;
  overlayOptions(options, "/tmp", scratchFd, "tmp");
  if (mount("overlay", "/tmp", "overlay", 0, options.c_str()) != 0)
    return fail(step, "tmp");
  // A working directory under /tmp is writable through /tmp's overlay.
  if (plan.cwd != "/" && !under(plan.cwd, "/tmp")) {
    FixedText cwdOptions;
    overlayOptions(cwdOptions, plan.cwdEscaped.c_str(), scratchFd, "cwd");
    if (mount("overlay", plan.cwd.c_str(), "overlay", 0, cwdOptions.c_str()) !=
        0)
      return fail(step, "cwd");
  }
  close(scratchFd);
  FixedText shm;
  shm << "size=" << long(plan.shmBytes) << ",mode=1777";
  if (mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, shm.c_str()) !=
      0)
    return fail(step, "shm");
  // Into the overlay that now covers it.
  if (chdir(plan.cwd.c_str()) != 0)
    return fail(step, "chdir");
  loopbackUp();
  return 0;
}

std::string describeSandboxFailure(const char *step, int error) {
  std::string why = strerror(error);
  std::string name = step ? step : "";
  if (name == "unshare" || name == "uid-map")
    return "--sandbox is not available here: the kernel does not let tangle "
           "create a user namespace (" +
           why +
           "); allow unprivileged user namespaces (sysctl "
           "user.max_user_namespaces, kernel.unprivileged_userns_clone, or "
           "kernel.apparmor_restrict_unprivileged_userns on Ubuntu) or run "
           "without --sandbox";
  if (name == "read-only" && error == ENOSYS)
    return "--sandbox is not available here: it needs Linux 5.12 or later "
           "(mount_setattr)";
  if (name == "tmp" || name == "cwd")
    return "--sandbox is not available here: the kernel refused an overlay "
           "mount in a user namespace for " +
           std::string(name == "tmp" ? "/tmp" : "the working directory") +
           " (" + why + "; it needs Linux 5.11 or later)";
  return "--sandbox is not available here: cannot set up its " + name +
         " step (" + why + ")";
}

std::string sandboxUnavailable(const SandboxPlan &plan) {
  struct Failure {
    char step[32];
    int error;
  };
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return describeSandboxFailure("pipe", errno);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const char *step = "";
    int error = enterSandbox(plan, &step);
    if (error != 0) {
      Failure failure = {};
      strncpy(failure.step, step, sizeof(failure.step) - 1);
      failure.error = error;
      (void)!write(fds[1], &failure, sizeof(failure));
    }
    _exit(error ? 1 : 0);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return describeSandboxFailure("fork", errno);
  }
  Failure failure = {};
  ssize_t n;
  while ((n = read(fds[0], &failure, sizeof(failure))) < 0 && errno == EINTR) {
  }
  close(fds[0]);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  if (n == ssize_t(sizeof(failure)))
    return describeSandboxFailure(failure.step, failure.error);
  return "";
}

} // namespace tangle
