// Launching a program under the runtime and driving its fork server: one
// shared-memory region (runtime/shm_protocol.h), one request and one reply
// per execution, futexes for the waits. Never hangs: every wait is bounded
// and every process started here is killed and reaped.
#include "cli/live_program.h"

#include "cli/blocked_thread.h"
#include "cli/sandbox.h"
#include "runtime/descendants.h"
#include "runtime/futex.h"
#include "runtime/record_protocol.h"
#include "runtime/shm_protocol.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <string>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tangle {

using Clock = std::chrono::steady_clock;

struct LiveProgram::Impl {
  LaunchOptions options;
  shm::Header *shm = nullptr;
  size_t regionSize = 0;
  int regionFd = -1;
  int stdinFd = -1;
  pid_t serverPid = -1;
  std::string serverGone; // why the fork server is not usable, once it is not
  std::vector<LoadedModule> modules;
  /// LaunchOptions::librarySpins, programSpins and programSpinWrappers
  /// where the executable is loaded.
  std::vector<CodeRange> librarySpins, programSpins, programSpinWrappers;
  uint32_t requestSeq = 0;
  bool reuseTallied = false;
  rt::SpinBudget spin; // waits for an answer spin first (split)

  ~Impl();
  bool interrupted() const {
    return options.interrupt && options.interrupt->load() != 0;
  }
  bool serverAlive();
  void killServer();
  bool waitDone(uint32_t seq, Clock::time_point deadline,
                bool interruptible = true);
  bool endExecution(uint32_t seq);
  void blameLimits(Execution &ex) const;
  enum class Wait { Done, Deadline, Blocked };
  /// Waits for the execution like waitDone, watching its running thread:
  /// Blocked when it sleeps in the kernel outside any visible operation and
  /// nothing tangle does not control may wake it (`blocked` says how).
  Wait waitExecution(uint32_t seq, Clock::time_point deadline,
                     std::string &blocked);
  /// Whether the running thread is blocked for good (see waitExecution).
  bool runningThreadBlocked(BlockedThreadWatch &watch, Clock::time_point now,
                            std::string &blocked);
  /// `blocked` non-empty: the running thread was blocked outside any visible
  /// operation (an unmodelled call), not timed out.
  void collect(Execution &ex, bool timedOut, const std::string &blocked = "");
  /// At a timeout: what the thread with the CPU is doing (Execution::Stuck).
  Execution::Stuck stuck = Execution::Stuck::Looping;
  std::string blockedIn;
};

namespace {

timespec toTimespec(Clock::duration d) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
  if (ns < 0)
    ns = 0;
  return timespec{time_t(ns / 1000000000), long(ns % 1000000000)};
}

// Waits are sliced so that a dead process (which wakes no futex) is noticed.
constexpr auto Slice = std::chrono::milliseconds(20);
// Split (LaunchOptions::programCpu): how long tangle waiting for an answer,
// and a worker waiting for a request, spin before they sleep. About the
// longest an execution or its analysis takes on the small programs; a
// longer wait costs a wake-up across CPUs (~40 us here) after the spin.
constexpr uint32_t SplitSpinNanoseconds = 200000;

/// Finds the program like execvp would; "" and `error` set when it can't.
} // namespace

std::string resolveProgram(const std::string &name, std::string &error) {
  auto check = [&](const std::string &path, bool reportMissing) -> bool {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      if (reportMissing)
        error = path + ": no such file";
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      error = path + ": is a directory, not a program";
      return false;
    }
    if (access(path.c_str(), X_OK) != 0) {
      error = path + ": not executable (chmod +x?)";
      return false;
    }
    return true;
  };
  if (name.empty()) {
    error = "no program to run";
    return "";
  }
  if (name.find('/') != std::string::npos)
    return check(name, true) ? name : "";
  const char *path = getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos)
      end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (check(candidate, false))
      return candidate;
    if (!error.empty())
      return "";
    start = end + 1;
  }
  error = name + ": command not found";
  return "";
}

bool pinToOneCpu(int cpu) {
  cpu_set_t set;
  if (cpu < 0) {
    // The CPU the kernel runs us on now, not the first allowed one: several
    // tangles started in parallel (ctest -j, lit, grading loops) then spread
    // over the CPUs instead of all piling onto CPU 0.
    cpu = sched_getcpu();
    if (cpu < 0 || sched_getaffinity(0, sizeof(set), &set) != 0 ||
        !CPU_ISSET(cpu, &set))
      return false;
  }
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return sched_setaffinity(0, sizeof(set), &set) == 0;
}

int createMemfd(const char *name, size_t size, std::string &error) {
  int fd = memfd_create(name, MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, off_t(size)) != 0) {
    error = std::string("cannot create shared memory: ") + strerror(errno);
    if (fd >= 0)
      close(fd);
    return -1;
  }
  return fd;
}

namespace {

bool writeAll(int fd, const std::string &data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += size_t(n);
  }
  return true;
}

std::vector<std::string> programEnvironment(const LaunchOptions &options,
                                            const char *regionFdEnv,
                                            int regionFd) {
  std::vector<std::string> env;
  std::string preload = "LD_PRELOAD=" + options.runtimeLibrary;
  bool forkServer = std::strcmp(regionFdEnv, shm::ControlFdEnv) == 0;
  for (char **e = environ; *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("LD_PRELOAD=", 0) == 0) {
      if (entry.size() > 11)
        preload += ":" + entry.substr(11); // keep the user's preloads, after
    } else if (entry.rfind(std::string(shm::ControlFdEnv) + "=", 0) != 0 &&
               entry.rfind(std::string(rec::RecordFdEnv) + "=", 0) != 0 &&
               !(forkServer && entry.rfind("LD_BIND_NOW=", 0) == 0)) {
      env.push_back(entry);
    }
  }
  env.push_back(preload);
  env.push_back(std::string(regionFdEnv) + "=" + std::to_string(regionFd));
  // Resolve every symbol once, in the fork server: with lazy binding each
  // execution would look up again every function it calls for the first
  // time (pthread_create, ...), since what a child resolves dies with it.
  // It replaces the user's own LD_BIND_NOW, so the program sees the name
  // once. A recorded run is one execution, no fork server: binding eagerly
  // there only resolves symbols it never calls, on the program's start.
  if (forkServer)
    env.push_back("LD_BIND_NOW=1");
  return env;
}

} // namespace

std::string stackPadding(const std::string &program,
                         const std::vector<std::string> &args,
                         const std::vector<std::string> &env) {
  // The kernel (create_elf_tables) lays the strings out from the top of
  // the stack (the path, the environment, the arguments), aligns to 16
  // bytes, adds the platform string and 16 random bytes, then the
  // auxiliary vector and one pointer per string plus three. What moves main's
  // stack is the strings' bytes plus 8 per pointer: the entry makes that a
  // constant, 8 past a multiple of 16 (then the alignments come out the
  // same whatever the number of pointers, the auxiliary vector's entries
  // being an even number of words).
  auto bytes = [](const std::vector<std::string> &strings) {
    size_t n = 0;
    for (const std::string &s : strings)
      n += s.size() + 1 + sizeof(char *);
    return n;
  };
  const std::string name = std::string(shm::StackPadEnv) + "=";
  const size_t least = program.size() + 1 + bytes(args) + bytes(env) +
                       3 * sizeof(char *) + name.size() + 1 + sizeof(char *);
  const size_t target =
      (least + StackPadWindow - 1) / StackPadWindow * StackPadWindow + 8;
  // What execve takes (fs/exec.c): a quarter of the stack's limit, at most
  // 6 MiB and at least 128 KiB. Past it, no padding rather than E2BIG.
  rlimit stack = {};
  getrlimit(RLIMIT_STACK, &stack);
  const size_t room = std::max<size_t>(
      std::min<rlim_t>(stack.rlim_cur / 4, 6 << 20), 128 << 10);
  if (target > room)
    return "";
  return name + std::string(target - least, 'x');
}

namespace {

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> result;
  for (auto &s : strings)
    result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

/// What the child reports through its pipe when it cannot start the
/// program; nothing arrives when exec succeeds (the pipe is close-on-exec).
struct ChildFailure {
  char step[32]; // "exec", "limits", or a sandbox step
  int error;
};

[[noreturn]] void childFails(int pipe, const char *step, int error) {
  ChildFailure failure = {};
  strncpy(failure.step, step, sizeof(failure.step) - 1);
  failure.error = error;
  (void)!write(pipe, &failure, sizeof(failure));
  _exit(127);
}

/// Threads the user runs now (in all processes): RLIMIT_NPROC counts each
/// of them against the limit.
uint64_t userThreads() {
  // Four system calls a process (its task directory opened, its owner, its
  // entries, closed): /proc holds every process of the machine, and this
  // runs before every program tangle starts.
  uint64_t count = 0;
  DIR *proc = opendir("/proc");
  if (!proc)
    return 0;
  uid_t uid = getuid();
  alignas(8) static char entries[32768];
  std::string path;
  while (dirent *entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
      continue;
    // /proc/PID/task has the owner of /proc/PID (the process's).
    path.assign(entry->d_name).append("/task");
    int dir =
        openat(dirfd(proc), path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    if (dir < 0) {
      if (fstatat(dirfd(proc), entry->d_name, &st, 0) == 0 && st.st_uid == uid)
        ++count;
      continue;
    }
    if (fstat(dir, &st) != 0 || st.st_uid != uid) {
      close(dir);
      continue;
    }
    for (;;) {
      long n = syscall(SYS_getdents64, dir, entries, sizeof(entries));
      if (n <= 0)
        break;
      for (long at = 0; at < n;) {
        auto *task = reinterpret_cast<dirent64 *>(entries + at);
        count += task->d_name[0] != '.';
        at += task->d_reclen;
      }
      // Room left for more than one more entry: that was all of them.
      if (n < long(sizeof(entries)) - 1024)
        break;
    }
    close(dir);
  }
  closedir(proc);
  return count;
}

/// The real user is root of the initial user namespace, which fork's check
/// of RLIMIT_NPROC exempts (kernel/fork.c, copy_process: the limit binds
/// every user but INIT_USER, kernel uid 0). Only the initial namespace, or
/// one that maps every id to itself, has the full identity map; anything
/// else (a container's root mapped to another uid) is not exempt.
bool rootOfInitialNamespace() {
  if (getuid() != 0)
    return false;
  // "0 0 4294967295" and nothing else, blanks around; read without scanf,
  // whose code the launcher would page in for this alone (docs/bench.md,
  // "Record mode's overhead").
  std::string map = readSmallFile("/proc/self/uid_map");
  const char *p = map.c_str();
  auto blanks = [&p] {
    while (*p == ' ' || *p == '\t' || *p == '\n')
      ++p;
  };
  auto number = [&](uint64_t &out) {
    blanks();
    if (*p < '0' || *p > '9')
      return false;
    for (out = 0; *p >= '0' && *p <= '9' && out < (1ull << 40); ++p)
      out = out * 10 + uint64_t(*p - '0');
    return true;
  };
  uint64_t inside = 1, outside = 1, count = 0;
  if (!number(inside) || !number(outside) || !number(count))
    return false;
  blanks();
  return inside == 0 && outside == 0 && count == 4294967295ull && *p == 0;
}

bool limit(int resource, uint64_t value) {
  if (value == 0)
    return true;
  rlimit current;
  if (getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY &&
      value > current.rlim_max)
    value = current.rlim_max; // never above what tangle itself may use
  rlimit wanted = {value, value};
  return setrlimit(resource, &wanted) == 0;
}

// In the forked child, before exec: only async-signal-safe calls.
[[noreturn]] void execProgram(const LaunchOptions &options, int regionFd,
                              int stdinFd, pid_t tangle,
                              uint64_t processCeiling, int failurePipe,
                              const char *program, char *const argv[],
                              char *const envp[]) {
  setpgid(0, 0); // its own group: tangle kills it as a whole
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != tangle) // tangle died before prctl
    _exit(127);
  // A crashing program leaves no core file behind (a student's program
  // may crash in most of its executions).
  rlimit noCore = {0, 0};
  setrlimit(RLIMIT_CORE, &noCore);
  if (!limit(RLIMIT_FSIZE, options.fileSizeLimitBytes) ||
      !limit(RLIMIT_NOFILE, options.openFilesLimit) ||
      !limit(RLIMIT_NPROC, processCeiling))
    childFails(failurePipe, "limits", errno);
  if (options.sandbox) {
    const char *step = "";
    if (int error = enterSandbox(*options.sandbox, &step))
      childFails(failurePipe, step, error);
  }
  if (options.fixedLayout)
    personality(personality(0xffffffff) | ADDR_NO_RANDOMIZE);
  fcntl(regionFd, F_SETFD, 0); // inherited by the program, once
  fcntl(stdinFd, F_SETFD, 0);
  // "/proc/self/fd/N" without snprintf: the child runs in tangle's memory
  // (vfork), and printf's code paged in there serves nobody after the exec.
  char path[32] = "/proc/self/fd/";
  char digits[12];
  int n = 0;
  for (unsigned fd = unsigned(stdinFd); n == 0 || fd > 0; fd /= 10)
    digits[n++] = char('0' + fd % 10);
  for (size_t at = strlen(path); n > 0; ++at)
    path[at] = digits[--n];
  int in = open(path, O_RDONLY);
  if (in >= 0) {
    dup2(in, STDIN_FILENO);
    close(in);
  }
  if (!options.showOutput) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      close(null);
    }
  }
  execve(program, argv, envp);
  childFails(failurePipe, "exec", errno);
}

/// The child that execs the program (execProgram); its pid, or -1. Without
/// a sandbox the child only sets its limits and descriptors, then execs:
/// vfork lends it tangle's memory until then instead of copying tangle's
/// page tables (and making each page tangle writes afterwards fault for a
/// copy of its own). A sandbox's namespaces need an address space of the
/// child's own (unshare refuses a shared one): fork.
pid_t forkProgram(const LaunchOptions &options, int regionFd, int stdinFd,
                  uint64_t processCeiling, const int failurePipe[2],
                  const char *program, char *const argv[],
                  char *const envp[]) {
  pid_t tangle = getpid();
  pid_t pid = options.sandbox ? fork() : vfork();
  if (pid == 0) {
    close(failurePipe[0]);
    execProgram(options, regionFd, stdinFd, tangle, processCeiling,
                failurePipe[1], program, argv, envp);
  }
  return pid;
}

std::string describeChildFailure(const ChildFailure &failure,
                                 const std::string &program) {
  std::string step(failure.step, strnlen(failure.step, sizeof(failure.step)));
  if (step == "exec")
    return program + ": cannot execute: " + strerror(failure.error);
  if (step == "limits")
    return std::string("cannot set the program's limits: ") +
           strerror(failure.error);
  return describeSandboxFailure(step.c_str(), failure.error);
}

std::string describeEarlyExit(int status, const shm::Header &h,
                              const std::string &program) {
  if (h.runtimeMismatch)
    return "the runtime library does not match this tangle (rebuild both)";
  if (WIFSIGNALED(status))
    return program + " was killed by signal " +
           std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ") before main ran under tangle";
  return program + " exited (status " + std::to_string(WEXITSTATUS(status)) +
         ") before main ran under tangle's runtime (is it statically linked, "
         "or not a C/C++ program?)";
}

/// Writes the blind-update code ranges into the region as the runtime sees
/// them (the executable's file addresses plus its load bias). Whatever does
/// not fit is left out: fewer blind updates, never a wrong one -- but a
/// site without the wrappers it goes through would only be found for its C
/// forms, so wrappers go first.
void publishBlindSites(shm::Header &h, const LaunchOptions &options,
                       uint64_t loadBias) {
  CodeRange *out = h.blindRanges;
  size_t wrappers = std::min(options.blindWrappers.size(), shm::MaxBlindRanges);
  size_t sites =
      std::min(options.blindSites.size(), shm::MaxBlindRanges - wrappers);
  for (size_t i = 0; i < sites; ++i)
    out[i] = {options.blindSites[i].begin + loadBias,
              options.blindSites[i].end + loadBias};
  for (size_t i = 0; i < wrappers; ++i)
    out[sites + i] = {options.blindWrappers[i].begin + loadBias,
                      options.blindWrappers[i].end + loadBias};
  h.blindSiteCount = uint32_t(sites);
  h.blindWrapperCount = uint32_t(wrappers);
}

} // namespace

LiveProgram::Impl::~Impl() {
  killServer();
  if (shm)
    munmap(shm, regionSize);
  if (regionFd >= 0)
    close(regionFd);
  if (stdinFd >= 0)
    close(stdinFd);
}

bool LiveProgram::Impl::serverAlive() {
  if (serverPid <= 0)
    return false;
  int status;
  pid_t r = waitpid(serverPid, &status, WNOHANG);
  if (r == 0)
    return true;
  serverPid = -1;
  if (serverGone.empty())
    serverGone = r > 0 && WIFSIGNALED(status)
                     ? std::string("the program's fork server died of ") +
                           strsignal(WTERMSIG(status))
                     : "the program's fork server exited (does the program "
                       "close or replace tangle's shared memory?)";
  return false;
}

void LiveProgram::Impl::killServer() {
  if (shm && shm->executionPid > 0)
    kill(-shm->executionPid, SIGKILL);
  if (serverPid <= 0)
    return;
  // The server ends every process of the program, including those that
  // left its process groups (runtime/descendants.h), then exits. Should it
  // not (it never reached main, or is stuck), it is killed outright.
  kill(serverPid, SIGRTMIN + shm::CleanupSignalOffset);
  auto deadline = Clock::now() + std::chrono::seconds(2);
  for (;;) {
    pid_t r = waitpid(serverPid, nullptr, WNOHANG);
    if (r == serverPid || (r < 0 && errno != EINTR))
      break;
    if (Clock::now() >= deadline) {
      kill(-serverPid, SIGKILL);
      kill(serverPid, SIGKILL);
      while (waitpid(serverPid, nullptr, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    timespec pause = {0, 1000000};
    nanosleep(&pause, nullptr);
  }
  serverPid = -1;
}

bool LiveProgram::Impl::waitDone(uint32_t seq, Clock::time_point deadline,
                                 bool interruptible) {
  // The server's life is checked once a wait came back without the answer
  // (a dead server wakes no futex): not before the first wait, which run()
  // has just checked, and which the answer usually ends.
  for (bool waited = false;; waited = true) {
    uint32_t done = shm->doneSeq.load(std::memory_order_acquire);
    if (done == seq)
      return true;
    auto now = Clock::now();
    if (now >= deadline || (waited && !serverAlive()) ||
        (interruptible && interrupted()))
      return false;
    if (!waited && spin.spin(&shm->doneSeq, done))
      continue;
    timespec slice =
        toTimespec(std::min<Clock::duration>(deadline - now, Slice));
    rt::futexWaitCounted(&shm->doneSeq, done, &shm->doneSleepers, &slice);
  }
}

/// An execution in which a call failed on one of tangle's limits and which
/// then went wrong went wrong because of the limit: it ends LimitReached,
/// naming the limit, never with a finding (the rule for every limit).
void LiveProgram::Impl::blameLimits(Execution &ex) const {
  uint32_t hit = shm->limitsHit.load(std::memory_order_relaxed);
  if (options.memoryLimitBytes == 0)
    hit &= ~uint32_t(shm::MemoryLimitHit);
  if (options.openFilesLimit == 0)
    hit &= ~uint32_t(shm::OpenFilesLimitHit);
  if (options.processLimit == 0)
    hit &= ~uint32_t(shm::ProcessLimitHit);
  if (!hit || ex.end == EndReason::LimitReached || ex.end == EndReason::Error ||
      ex.end == EndReason::Diverged || ex.end == EndReason::SleepBlocked ||
      ex.end == EndReason::RetryBounded)
    return;
  ex.end = EndReason::LimitReached;
  ex.crash = CrashInfo();
  if (hit & shm::MemoryLimitHit) {
    ex.limit = "memory-limit";
    ex.error = "an allocation failed under --limit-memory";
  } else if (hit & shm::OpenFilesLimitHit) {
    ex.limit = "open-files-limit";
    ex.error = "an open failed under --limit-open-files";
  } else {
    ex.limit = "process-limit";
    ex.error = "a fork failed under --limit-processes";
  }
}

/// Kills the execution of request `seq` (once the server has forked it)
/// and waits, bounded, for the server to report it reaped.
bool LiveProgram::Impl::endExecution(uint32_t seq) {
  auto deadline = Clock::now() + std::chrono::seconds(5);
  for (;;) {
    pid_t pid = shm->executionPid;
    if (pid > 0) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
    }
    auto now = Clock::now();
    if (waitDone(seq, std::min(deadline, now + Slice), false))
      return true;
    if (now >= deadline || !serverAlive())
      return false;
  }
}

LiveProgram::Impl::Wait
LiveProgram::Impl::waitExecution(uint32_t seq, Clock::time_point deadline,
                                 std::string &blocked) {
  BlockedThreadWatch watch(shm->programRegionBase,
                           shm->programRegionBase + regionSize);
  for (;;) {
    auto now = Clock::now();
    if (waitDone(seq, std::min(deadline, now + Slice)))
      return Wait::Done;
    now = Clock::now();
    if (now >= deadline || !serverAlive() || interrupted())
      return Wait::Deadline;
    if (runningThreadBlocked(watch, now, blocked))
      return Wait::Blocked;
  }
}

bool LiveProgram::Impl::runningThreadBlocked(BlockedThreadWatch &watch,
                                             Clock::time_point now,
                                             std::string &blocked) {
  shm::Header &h = *shm;
  // Once the execution recorded its end, what runs is unscheduled anyway
  // (atexit handlers, destructors).
  ThreadId running = h.running.load(std::memory_order_relaxed);
  if (h.endRecorded || running >= h.maxThreads || running >= h.threadCount)
    return false;
  auto *slots = shm::at<shm::ThreadSlot>(shm, h.slotsOffset);
  const shm::ThreadSlot &slot = slots[running];
  if (slot.osPid <= 0 || slot.osTid <= 0 ||
      !watch.blocked(slot.osPid, slot.osTid,
                     h.eventCount.load(std::memory_order_relaxed), now))
    return false;
  // A program the execution started runs on its own and may end the wait
  // (write what the thread reads, exit): wait for it, up to the timeout.
  std::vector<pid_t> controlled;
  for (uint32_t t = 0; t < h.threadCount && t < h.maxThreads; ++t)
    controlled.push_back(slots[t].osPid);
  if (uncontrolledProcessAlive(h.executionPid, controlled))
    return false;
  // Threads are numbered as in the report's steps.
  std::string who =
      running == 0 ? "main thread" : "thread " + std::to_string(running);
  const ThreadSnapshot &s = watch.last();
  blocked =
      who + (s.state == 'T' || s.state == 't'
                 ? " is stopped by a signal, and nothing continues it"
                 : " is blocked in the system call " + syscallName(s.syscall) +
                       ", which tangle does not model: nothing it "
                       "schedules can wake it");
  return true;
}

pid_t startProgram(const LaunchOptions &options, const std::string &program,
                   const char *regionFdEnv, int regionFd, int stdinFd,
                   std::string &error,
                   const std::function<bool()> &interrupted) {
  std::vector<std::string> args = options.argv;
  std::vector<std::string> env =
      programEnvironment(options, regionFdEnv, regionFd);
  if (options.fixedLayout)
    if (std::string pad = stackPadding(program, args, env); !pad.empty())
      env.push_back(std::move(pad));
  std::vector<char *> argv = pointers(args), envp = pointers(env);
  // The kernel would not apply the limit to root: no limit, and no count of
  // the user's threads (the /proc scan, four system calls a process of the
  // machine, on the way of every start).
  uint64_t processCeiling = options.processLimit && !rootOfInitialNamespace()
                                ? userThreads() + options.processLimit
                                : 0;
  int failurePipe[2];
  if (pipe2(failurePipe, O_CLOEXEC) != 0) {
    error = std::string("cannot start the program: pipe: ") + strerror(errno);
    return -1;
  }
  pid_t pid = forkProgram(options, regionFd, stdinFd, processCeiling,
                          failurePipe, program.c_str(), argv.data(),
                          envp.data());
  close(failurePipe[1]);
  if (pid < 0) {
    close(failurePipe[0]);
    error = std::string("cannot start the program: fork: ") + strerror(errno);
    return -1;
  }
  setpgid(pid, pid);
  // Until exec, the child reports what went wrong; exec closes the pipe.
  ChildFailure failure = {};
  ssize_t got;
  while ((got = read(failurePipe[0], &failure, sizeof(failure))) < 0 &&
         errno == EINTR && !interrupted()) {
  }
  close(failurePipe[0]);
  if (got == ssize_t(sizeof(failure)))
    error = describeChildFailure(failure, program);
  return pid;
}

std::unique_ptr<LiveProgram> LiveProgram::launch(const LaunchOptions &options,
                                                 std::string &error) {
  error.clear();
  if (options.argv.empty()) {
    error = "no program to run";
    return nullptr;
  }
  // Each execution copies its access log (up to 64 MiB) out of the shared
  // region. glibc would serve that from a fresh mmap every time and fault
  // in every page again; from the heap, the pages stay for the next one.
  static const bool heapForLargeBlocks = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)heapForLargeBlocks;
  std::string program = resolveProgram(options.argv[0], error);
  if (program.empty())
    return nullptr;
  if (access(options.runtimeLibrary.c_str(), R_OK) != 0) {
    error = "tangle's runtime library is missing: " + options.runtimeLibrary;
    return nullptr;
  }
  if (options.maxThreads == 0 || options.maxSteps == 0) {
    error = "maxThreads and maxSteps must be positive";
    return nullptr;
  }

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  shm::Layout layout = shm::computeLayout(options.maxThreads, options.maxSteps,
                                          options.maxAccesses);
  impl->regionSize = layout.size;
  impl->regionFd = createMemfd("tangle-control", layout.size, error);
  if (impl->regionFd < 0)
    return nullptr;
  void *mem = mmap(nullptr, layout.size, PROT_READ | PROT_WRITE, MAP_SHARED,
                   impl->regionFd, 0);
  if (mem == MAP_FAILED) {
    error = std::string("cannot map shared memory: ") + strerror(errno);
    return nullptr;
  }
  impl->shm = static_cast<shm::Header *>(mem); // zero-filled by ftruncate
  shm::Header &h = *impl->shm;
  h.magic = shm::Magic;
  h.version = shm::Version;
  h.headerSize = sizeof(shm::Header);
  h.regionSize = layout.size;
  h.maxThreads = options.maxThreads;
  h.maxProcesses = options.maxProcesses;
  h.eventCapacity = options.maxSteps;
  h.memoryLimitBytes = options.memoryLimitBytes;
  h.cpuLimitSeconds = options.cpuLimitSeconds;
  h.showOutput = options.showOutput;
  h.realTime = options.realTime;
  h.reuseAsked = options.reuseProcess;
  h.fibersAsked = options.reuseProcess && options.fibers;
  h.slotsOffset = layout.slotsOffset;
  h.eventsOffset = layout.eventsOffset;
  h.prefixOffset = layout.prefixOffset;
  h.sleepingOffset = layout.sleepingOffset;
  h.pendingOffset = layout.pendingOffset;
  h.accessCapacity = options.maxAccesses;
  h.accessesOffset = layout.accessesOffset;

  impl->stdinFd = createMemfd("tangle-stdin", 0, error);
  if (impl->stdinFd < 0)
    return nullptr;
  if (!writeAll(impl->stdinFd, options.stdinData)) {
    error = std::string("cannot store the program's input: ") + strerror(errno);
    return nullptr;
  }
  h.stdinFd = impl->stdinFd;

  // The program inherits the affinity: all its threads, the fork server and
  // tangle share one CPU, where a futex hand-off is cheap. Split: the
  // program on a CPU of its own (tangle pins itself there to start it, then
  // goes back to the one it runs on).
  int hostCpu = options.cpu >= 0 ? options.cpu : sched_getcpu();
  const bool split = options.pinCpu && options.programCpu >= 0 &&
                     hostCpu >= 0 && options.programCpu != hostCpu &&
                     pinToOneCpu(options.programCpu);
  if (split) {
    impl->spin.start(SplitSpinNanoseconds);
    h.spinNanoseconds = SplitSpinNanoseconds;
  } else if (options.pinCpu) {
    pinToOneCpu(options.cpu);
  }

  pid_t pid = startProgram(options, program, shm::ControlFdEnv,
                           impl->regionFd, impl->stdinFd, error,
                           [&] { return impl->interrupted(); });
  if (pid < 0)
    return nullptr;
  impl->serverPid = pid;
  if (split)
    pinToOneCpu(hostCpu);
  if (!error.empty())
    return nullptr; // ~Impl reaps it

  auto deadline =
      Clock::now() +
      std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(options.startTimeoutSeconds));
  for (;;) {
    uint32_t state = h.serverState.load(std::memory_order_acquire);
    if (state == uint32_t(shm::ServerState::Ready))
      break;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      impl->serverPid = -1;
      error = describeEarlyExit(status, h, program);
      return nullptr;
    }
    if (impl->interrupted()) {
      error = "interrupted";
      return nullptr;
    }
    auto now = Clock::now();
    if (now >= deadline) {
      error = program + " did not reach main within " +
              std::to_string(int(options.startTimeoutSeconds)) +
              " s (slow static constructors, or waiting for input?)";
      return nullptr; // ~Impl kills it
    }
    timespec slice =
        toTimespec(std::min<Clock::duration>(deadline - now, Slice));
    rt::futexWait(&h.serverState, state, &slice);
  }
  for (uint32_t i = 0; i < h.moduleCount && i < shm::MaxModules; ++i) {
    const shm::ModuleRecord &m = h.modules[i];
    LoadedModule module;
    module.path.assign(m.path, strnlen(m.path, sizeof(m.path)));
    module.loadBias = m.loadBias;
    module.begin = m.begin;
    module.end = m.end;
    impl->modules.push_back(std::move(module));
  }
  if (!impl->modules.empty()) {
    publishBlindSites(h, options, impl->modules[0].loadBias);
    const uint64_t bias = impl->modules[0].loadBias;
    auto relocate = [bias](const std::vector<CodeRange> &ranges) {
      std::vector<CodeRange> out;
      for (const CodeRange &r : ranges)
        out.push_back({r.begin + bias, r.end + bias});
      return out;
    };
    impl->librarySpins = relocate(options.librarySpins);
    impl->programSpins = relocate(options.programSpins);
    impl->programSpinWrappers = relocate(options.programSpinWrappers);
  }
  return std::unique_ptr<LiveProgram>(new LiveProgram(std::move(impl)));
}

OrphanSweep::OrphanSweep(int keep) : keep_(keep) {
  prctl(PR_SET_CHILD_SUBREAPER, 1);
}

OrphanSweep::~OrphanSweep() {
  pid_t keep = keep_;
  rt::killChildren(&keep, keep > 0 ? 1 : 0);
}

LiveProgram::LiveProgram(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveProgram::~LiveProgram() { tallyReuse(); }

void LiveProgram::tallyReuse() {
  Impl &impl = *impl_;
  ReuseTally *tally = impl.options.reuseTally;
  if (!tally || !impl.shm || impl.reuseTallied)
    return;
  impl.reuseTallied = true;
  shm::Header &h = *impl.shm;
  // A worker answers before it rewinds: its counts are final once the
  // rewind after the last answer ended (or failed, and the worker with it).
  auto deadline = Clock::now() + std::chrono::seconds(2);
  while (h.rewinding.load(std::memory_order_acquire) &&
         Clock::now() < deadline && impl.serverAlive()) {
    timespec pause = {0, 50 * 1000};
    nanosleep(&pause, nullptr);
  }
  std::lock_guard<std::mutex> lock(tally->mutex);
  tally->executions += h.reusedExecutions;
  tally->workers += h.workersStarted;
  if (tally->refusal.empty() && h.reuseRefusal[0])
    tally->refusal.assign(h.reuseRefusal,
                          strnlen(h.reuseRefusal, sizeof(h.reuseRefusal)));
  if (tally->declined.empty() && h.reuseDeclined[0])
    tally->declined.assign(h.reuseDeclined,
                           strnlen(h.reuseDeclined, sizeof(h.reuseDeclined)));
  tally->tainted += h.workersTainted;
  tally->fiberExecutions += h.fiberExecutions;
  if (tally->fibersDeclined.empty() && h.fibersDeclined[0])
    tally->fibersDeclined.assign(
        h.fibersDeclined, strnlen(h.fibersDeclined, sizeof(h.fibersDeclined)));
  if (tally->taint.empty() && h.reuseTaint[0])
    tally->taint.assign(h.reuseTaint,
                        strnlen(h.reuseTaint, sizeof(h.reuseTaint)));
}

const std::vector<LoadedModule> &LiveProgram::modules() const {
  return impl_->modules;
}

/// The execution's memory accesses, if the program was compiled with the
/// instrumentation (runtime/tsan_interface.cpp).
static void copyAccesses(shm::Header &h, Execution &ex) {
  ex.accessesLogged = h.memoryInstrumented != 0;
  ex.accessLogFull = h.accessOverflow != 0;
  ex.atomicsUnscheduled = h.atomicsUnscheduled != 0;
  uint64_t n = std::min(h.accessCount, h.accessCapacity);
  const MemoryAccess *log = shm::at<MemoryAccess>(&h, h.accessesOffset);
  ex.accesses.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const MemoryAccess &a = log[i];
    if (a.flags & AccessAllocation) {
      Execution::Allocation block;
      block.address = a.address;
      block.size = a.reserved;
      block.thread = a.thread;
      for (int f = 0; f < AccessFrames && f < MaxFrames; ++f)
        block.stack.frames[f] = a.frames[f];
      block.stack.framePointers[0] = a.framePointer;
      block.access = uint32_t(ex.accesses.size());
      ex.allocations.push_back(block);
      // It stays in the log too: a block allocated again after a free is
      // new memory for the race check.
      ex.accesses.push_back(a);
      continue;
    }
    if (!(a.flags & AccessFileName)) {
      ex.accesses.push_back(a);
      continue;
    }
    // A file's path, in the entries that follow (runtime/intercept_file.cpp).
    uint64_t chunks = std::min<uint64_t>(a.reserved, n - i - 1);
    size_t length = std::min<size_t>(a.size, chunks * sizeof(MemoryAccess));
    const char *bytes = reinterpret_cast<const char *>(log + i + 1);
    ex.files.push_back({a.address, std::string(bytes, length)});
    i += chunks;
  }
}

/// Whether a load with stack `stack` is made inside `spins` (libstdc++'s
/// spin before a futex wait): one of the load's callers returns into it.
static bool inLibrarySpin(const std::vector<CodeRange> &spins,
                          const Stack &stack) {
  for (uint64_t frame : stack.frames)
    if (frame && inRanges(spins.data(), spins.size(), frame - 1))
      return true;
  return false;
}

/// Marks AtomicSpinTurn the atomic loads made inside libstdc++'s spin
/// before a futex wait (`library`), and those of at most 4 bytes (whose
/// value the event holds whole, not folded) made by a loop of the program
/// whose turns only load and compare (`program`: past its wrappers, the
/// load's first frame is in such a loop).
static void markSpinTurns(const std::vector<CodeRange> &library,
                          const BlindSiteTable &program,
                          std::vector<Event> &events) {
  if (library.empty() && program.siteCount == 0)
    return;
  for (Event &event : events) {
    if (event.op.kind != OpKind::AtomicLoad)
      continue;
    if (inLibrarySpin(library, event.stack) ||
        ((event.op.flags & AtomicSizeMask) <= 4 &&
         blindCallSite(program, event.stack.frames, MaxFrames)))
      event.op.flags |= AtomicSpinTurn;
  }
}

/// `ex` as a new Execution, but with the room of its larger vectors.
static void reuse(Execution &ex) {
  std::vector<Event> events = std::move(ex.events);
  std::vector<PendingOp> pending = std::move(ex.pending);
  std::vector<MemoryAccess> accesses = std::move(ex.accesses);
  ex = Execution();
  events.clear();
  pending.clear();
  accesses.clear();
  ex.events = std::move(events);
  ex.pending = std::move(pending);
  ex.accesses = std::move(accesses);
}

void LiveProgram::Impl::collect(Execution &ex, bool timedOut,
                                const std::string &blocked) {
  shm::Header &h = *shm;
  reuse(ex);
  uint64_t count = h.eventCount.load(std::memory_order_acquire);
  if (count > h.eventCapacity)
    count = h.eventCapacity;
  const Event *events = shm::at<Event>(shm, h.eventsOffset);
  ex.events.assign(events, events + count);
  markSpinTurns(librarySpins,
                {programSpins.data(), programSpins.size(),
                 programSpinWrappers.data(), programSpinWrappers.size()},
                ex.events);
  ex.truncated = h.truncated != 0;
  ex.unrecordedSteps = h.unrecordedSteps;
  ex.stuck = stuck;
  ex.blockedIn = blockedIn;
  copyAccesses(h, ex);
  auto *slots = shm::at<shm::ThreadSlot>(shm, h.slotsOffset);
  ThreadId running = h.running.load(std::memory_order_relaxed);
  if (timedOut) {
    // Whoever had the CPU never reached another visible operation; its last
    // posted operation says where it was last seen.
    ex.end = EndReason::Timeout;
    if (!blocked.empty()) {
      ex.end = EndReason::LimitReached;
      ex.limit = "unmodelled-call";
      ex.error = blocked;
    }
    ex.crash.thread = running;
    if (running < h.maxThreads)
      ex.crash.stack = slots[running].posted.stack;
    if (h.crash.hangSampled.load(std::memory_order_acquire)) {
      // Where it was interrupted, innermost first; then, in case those
      // frames have no source line (compiler-generated code), where it was
      // last seen: the report names the first frame with a line.
      Stack seen = ex.crash.stack;
      ex.crash.stack = h.crash.stack;
      int n = 0;
      while (n < MaxFrames / 2 && ex.crash.stack.frames[n])
        ++n;
      for (int i = 0; n < MaxFrames && seen.frames[i]; ++i, ++n) {
        ex.crash.stack.frames[n] = seen.frames[i];
        ex.crash.stack.framePointers[n] = seen.framePointers[i];
      }
    }
    // The others wait for it, each at its pending operation.
    for (uint32_t t = 0; t < h.threadCount && t < h.maxThreads; ++t)
      if (slots[t].pending && t != running)
        ex.pending.push_back(slots[t].posted);
    return;
  }
  int status = h.waitStatus;
  // A crash recorded by a handler is the end, whatever killed the others
  // afterwards; otherwise the end the execution recorded, unless a signal
  // nobody expected killed its first process.
  bool crashRecorded = h.crash.signal != 0 || h.crash.assertion;
  // The kernel's signals for the limits tangle set (--limit-cpu,
  // --limit-file-size): a limit, not a crash of the program.
  if (!crashRecorded && WIFSIGNALED(status) &&
      (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGXFSZ)) {
    ex.end = EndReason::LimitReached;
    ex.limit = WTERMSIG(status) == SIGXCPU ? "cpu-limit" : "file-size-limit";
    ex.error = WTERMSIG(status) == SIGXCPU
                   ? "an execution used up its CPU time (--limit-cpu)"
                   : "the program wrote a file larger than --limit-file-size";
    return;
  }
  if (crashRecorded || (WIFSIGNALED(status) && !h.endRecorded)) {
    ex.end = EndReason::Crashed;
    ex.crash.signal = h.crash.signal ? h.crash.signal : WTERMSIG(status);
    ex.crash.thread = crashRecorded ? h.crash.thread : running;
    ex.crash.assertion = h.crash.assertion != 0;
    ex.crash.message.assign(h.crash.message,
                            strnlen(h.crash.message, sizeof(h.crash.message)));
    ex.crash.misuse.assign(h.crash.misuse,
                           strnlen(h.crash.misuse, sizeof(h.crash.misuse)));
    ex.crash.stack = h.crash.stack;
    // The crash handler recorded what the other threads were about to do.
    const PendingOp *pending = shm::at<PendingOp>(shm, h.pendingOffset);
    ex.pending.assign(pending,
                      pending + std::min(h.pendingCount, h.maxThreads));
    return;
  }
  ex.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
  if (ex.truncated) { // where the threads were at the end, not after the
    ex.end = h.endRecorded ? EndReason(h.endReason) : EndReason::Exited;
    return; // recorded steps
  }
  ex.end = h.endRecorded ? EndReason(h.endReason) : EndReason::Exited;
  ex.error.assign(h.message, strnlen(h.message, sizeof(h.message)));
  if (ex.end == EndReason::LimitReached) {
    ex.limit.assign(h.limitKey, strnlen(h.limitKey, sizeof(h.limitKey)));
    if (h.crash.hasStack) { // the call that stopped it (unmodelledCall)
      ex.crash.thread = h.crash.thread;
      ex.crash.stack = h.crash.stack;
    }
  }
  const PendingOp *pending = shm::at<PendingOp>(shm, h.pendingOffset);
  uint32_t n = h.pendingCount < h.maxThreads ? h.pendingCount : h.maxThreads;
  ex.pending.assign(pending, pending + n);
  return;
}

/// The steps an execution has made so far, recorded or not.
static uint64_t stepsMade(const shm::Header &h) {
  return h.eventCount.load(std::memory_order_acquire) + h.unrecordedSteps;
}

/// Atomics that changed their value without a step (a thread alone makes
/// its atomics plain: Header::unscheduledChanges).
static uint64_t unscheduledChanges(const shm::Header &h) {
  return __atomic_load_n(&h.unscheduledChanges, __ATOMIC_RELAXED);
}

/// What the thread with the CPU of a timed-out execution is doing: still
/// making visible operations, or changing atomics no step shows (it is
/// only slow), asleep in a system call tangle does not model, or running
/// without any of these -- the only one that is evidence of a hang. (A
/// lone main thread tearing down hp_list's lock-free list after joining
/// its 64 threads, compare-and-swap after compare-and-swap, was reported
/// as looping forever when the time ran out under load.)
static Execution::Stuck judgeTimeout(const shm::Header &h, pid_t pid,
                                     std::string &blockedIn) {
  uint64_t before = stepsMade(h), changesBefore = unscheduledChanges(h);
  usleep(200 * 1000);
  if (stepsMade(h) != before || unscheduledChanges(h) != changesBefore)
    return Execution::Stuck::Stepping;
  ThreadId running = h.running.load(std::memory_order_relaxed);
  if (running >= h.maxThreads)
    return Execution::Stuck::Looping;
  const auto *slots =
      shm::at<shm::ThreadSlot>(const_cast<shm::Header *>(&h), h.slotsOffset);
  pid_t tid = slots[running].osTid;
  if (slots[running].osPid > 0)
    pid = slots[running].osPid;
  std::string task =
      "/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/";
  // The state is the field after the command, which is in parentheses.
  std::string stat = readSmallFile(task + "stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size() ||
      stat[paren + 2] == 'R')
    return Execution::Stuck::Looping;
  std::string call = readSmallFile(task + "syscall");
  char *end = nullptr;
  long number = std::strtol(call.c_str(), &end, 10);
  blockedIn = end != call.c_str() && number >= 0 ? syscallName(number)
                                                 : "a system call";
  return Execution::Stuck::Blocked;
}

/// Asks the running thread of a timed-out execution where it is (its
/// handler records the interrupted pc and frames). A sample can land inside
/// the runtime's memory-access hooks, whose frames do not always lead back
/// to the loop, so it tries until the pc or its caller is in the program.
static void sampleHang(shm::Header &h, pid_t pid, const LoadedModule *program) {
  ThreadId running = h.running.load(std::memory_order_relaxed);
  if (running >= h.maxThreads)
    return;
  auto *slots = shm::at<shm::ThreadSlot>(&h, h.slotsOffset);
  pid_t tid = slots[running].osTid;
  if (slots[running].osPid > 0) // a thread of a process the execution forked
    pid = slots[running].osPid;
  auto inProgram = [&](uint64_t pc) {
    return program && pc >= program->begin && pc < program->end;
  };
  for (int attempt = 0; attempt < 20 && tid > 0; ++attempt) {
    h.crash.hangSampled.store(0);
    if (syscall(SYS_tgkill, pid, tid, SIGRTMIN + shm::HangSignalOffset) != 0)
      return;
    for (int i = 0; i < 100 && !h.crash.hangSampled.load(); ++i)
      usleep(1000);
    if (inProgram(h.crash.stack.frames[0]) ||
        inProgram(h.crash.stack.frames[1]))
      return;
  }
}

Execution LiveProgram::run(const ExecutionRequest &request) {
  Execution ex;
  runInto(request, ex);
  return ex;
}

void LiveProgram::runInto(const ExecutionRequest &request, Execution &ex) {
  Impl &impl = *impl_;
  Execution error;
  error.end = EndReason::Error;
  auto fail = [&] { ex = std::move(error); };
  if (!impl.serverAlive()) {
    error.error = impl.serverGone.empty() ? "the program is not running"
                                          : impl.serverGone;
    return fail();
  }
  shm::Header &h = *impl.shm;
  if (request.prefix.size() > h.eventCapacity) {
    error.error = "the schedule is longer than the step limit";
    return fail();
  }
  if (request.sleeping.size() > h.maxThreads) {
    error.error = "the sleep set names more threads than the thread limit";
    return fail();
  }

  // The request, and a clean slate for the result.
  std::copy(request.prefix.begin(), request.prefix.end(),
            shm::at<ThreadId>(impl.shm, h.prefixOffset));
  std::copy(request.sleeping.begin(), request.sleeping.end(),
            shm::at<ThreadId>(impl.shm, h.sleepingOffset));
  h.prefixLength = request.prefix.size();
  // The hint goes after the prefix, as much of it as the entries hold.
  h.hintLength = std::min<uint64_t>(request.hint.size(),
                                    h.eventCapacity - request.prefix.size());
  std::copy(request.hint.begin(), request.hint.begin() + h.hintLength,
            shm::at<ThreadId>(impl.shm, h.prefixOffset) + h.prefixLength);
  // A recorded order's kinds take the hint's place, all or nothing.
  h.recordedOrder = !request.recordedKinds.empty();
  if (h.recordedOrder) {
    if (request.recordedKinds.size() >
        h.eventCapacity - request.prefix.size()) {
      error.error = "the recorded order is longer than the step limit allows";
      return fail();
    }
    h.hintLength = request.recordedKinds.size();
    std::transform(request.recordedKinds.begin(), request.recordedKinds.end(),
                   shm::at<ThreadId>(impl.shm, h.prefixOffset) + h.prefixLength,
                   [](OpKind k) { return ThreadId(k); });
  }
  h.sleepingCount = request.sleeping.size();
  // The event buffer bounds the steps; 0 asks for no other limit.
  h.maxSteps = request.maxSteps == 0
                   ? h.eventCapacity
                   : std::min<uint64_t>(request.maxSteps, h.eventCapacity);
  h.retryBound = request.retryBound;
  h.spuriousWakeups = request.spuriousWakeups;
  h.policy = request.policy;
  h.command = uint32_t(shm::Command::Run);
  shm::clearResult(h);

  uint32_t seq = ++impl.requestSeq;
  rt::publishAndWake(&h.requestSeq, seq, &h.requestSleepers);

  // As elsewhere in tangle, a limit of 0 means none.
  double timeout = request.timeoutSeconds > 0 ? request.timeoutSeconds : 1e9;
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(timeout));
  bool timedOut = false;
  bool interrupted = false;
  std::string blocked;
  if (impl.waitExecution(seq, deadline, blocked) != Impl::Wait::Done) {
    if (!impl.serverAlive()) {
      error.error = impl.serverGone;
      return fail();
    }
    interrupted = impl.interrupted();
    timedOut = true;
    pid_t pid = h.executionPid;
    impl.blockedIn.clear();
    // Blocked before its time ran out (waitExecution): an unmodelled call,
    // whose line the sample names. Else the timeout is judged.
    // The search's budget ran out, not the execution's time: nothing to
    // judge, and no hang to sample.
    impl.stuck = interrupted                ? Execution::Stuck::Looping
                 : request.timeoutIsBudget ? Execution::Stuck::Stepping
                 : !blocked.empty()        ? Execution::Stuck::Blocked
                 : pid > 0 ? judgeTimeout(h, pid, impl.blockedIn)
                           : Execution::Stuck::Looping;
    if (pid > 0 && !interrupted &&
        (impl.stuck == Execution::Stuck::Looping || !blocked.empty()))
      sampleHang(h, pid, impl.modules.empty() ? nullptr : &impl.modules[0]);
    // The server reaps it and answers; if not, it is stuck: give up on it.
    if (!impl.endExecution(seq)) {
      impl.killServer();
      impl.serverGone = "the program's fork server stopped answering";
      error.error = impl.serverGone;
      return fail();
    }
  }
  if (h.executionPid > 0)
    kill(-h.executionPid, SIGKILL); // anything the execution left behind
  h.executionPid = 0;
  if (h.forkFailed) {
    error.error = "the fork server could not fork an execution";
    return fail();
  }
  if (interrupted) {
    // Not a hang: the user stopped it, perhaps before it reached the end
    // of its schedule prefix. Nothing of it is an answer; the caller
    // reports what came before (docs/cli.md, Interrupts).
    error.error = "interrupted";
    return fail();
  }
  impl.collect(ex, timedOut, blocked);
  // A limit refused a process tangle does not schedule (runtime noteLimit):
  // how the execution went on and ended is the limit's doing, not the
  // program's.
  bool ended = ex.end != EndReason::Error && ex.end != EndReason::Diverged &&
               ex.end != EndReason::SleepBlocked &&
               ex.end != EndReason::RetryBounded;
  if (h.limitKey[0] && ended && ex.end != EndReason::LimitReached) {
    ex.end = EndReason::LimitReached;
    ex.limit.assign(h.limitKey, strnlen(h.limitKey, sizeof(h.limitKey)));
    ex.error.assign(h.message, strnlen(h.message, sizeof(h.message)));
  }
  if (!timedOut)
    impl.blameLimits(ex);
  if (ex.events.size() < request.prefix.size() && ex.end == EndReason::Exited) {
    // The program ended while the schedule still named threads: another
    // program's schedule, or the program did something else this time.
    ex.end = EndReason::Diverged;
    ex.error = "the program ended at step " + std::to_string(ex.events.size()) +
               ", before the schedule's " +
               std::to_string(request.prefix.size()) + " steps";
    return;
  }
  ex.budgetEnded = timedOut && request.timeoutIsBudget;
  if (ex.events.size() < request.prefix.size() && ex.end != EndReason::Error &&
      ex.end != EndReason::Diverged) {
    // It stopped before the point the explorer branches at (a limit or a
    // timeout hit earlier than in the run that led there): there is no
    // new branch in it, and the explorer must not look for one.
    error.error = "an execution stopped at step " +
                  std::to_string(ex.events.size()) +
                  ", before the end of the schedule it replays (" +
                  std::to_string(request.prefix.size()) + " steps): " +
                  (ex.end == EndReason::Timeout   ? "it timed out"
                   : ex.end == EndReason::Crashed ? "it crashed"
                   : !ex.limit.empty()            ? "it reached " + ex.limit
                                                  : "it ended");
    error.budgetEnded = ex.budgetEnded;
    return fail();
  }
}

} // namespace tangle
