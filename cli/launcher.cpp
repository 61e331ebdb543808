// The `tangle` executable: a small launcher that links no LLVM, clang or
// Z3. Loading those libraries (the dynamic loader relocating libLLVM-14.so
// and libclang-cpp.so) costs ~0.1 s of CPU before main, ten times the whole
// run of a small program; `tangle run` exists to watch a program at full
// speed, so the launcher runs and watches it itself (cli/record_watch.h) and
// execs the full tangle (libexec/tangle-full, cli/main.cpp) only when that
// one has something to do:
//
// - every command but `tangle run`, and a `tangle run` with any option but
//   --no-predict and --hang-after, of a source file, with prediction (the
//   default: it reads every event and may call Z3), or in another language
//   than English: at once, with the same arguments;
// - after the run, when there is something to explain or name (a finding,
//   a crash, an interrupt, a call record mode does not watch, dropped
//   events, a runtime that did not start): with the run handed over in
//   TANGLE_RUN_HANDOFF (the region's descriptor, the program's pid, how the
//   watch ended), and the full tangle reports as if it had run the program.
//
// A clean run is reported here, in the words of cli/render_text.cpp's
// recordedSummaryLine (testcases/run/launcher.c compares both).
#include "cli/interrupt.h"
#include "cli/live_program.h"
#include "cli/program_file.h"
#include "cli/record_watch.h"
#include "cli/run_limits.h"
#include "cli/tunables.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tangle {
namespace {

constexpr int ExitInternal = 4;
constexpr double MaxHangAfter = 1e6; // cli/options.cpp's MaxSeconds

/// The folder of this executable (bin/), from /proc/self/exe.
std::string executableDirectory() {
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0)
    return "";
  path[n] = 0;
  std::string text(path);
  size_t slash = text.rfind('/');
  return slash == std::string::npos ? "." : text.substr(0, slash);
}

[[noreturn]] void execFull(char **argv) {
  std::string full = executableDirectory() + "/../libexec/tangle-full";
  // The full tangle's malloc backs its large blocks with huge pages (a
  // prediction's events and sections, hundreds of MiB after a long run):
  // a 4 KiB page first touched costs 10-17 us on this kind of VM, a huge
  // page's share of it 0.25 (cli/tunables.h).
  addHugePagesTunable();
  execv(full.c_str(), argv);
  fprintf(stderr,
          "tangle: error: cannot run %s: %s; rebuild or reinstall tangle\n",
          full.c_str(), strerror(errno));
  exit(ExitInternal);
}

/// The language of the messages is English (cli/messages.cpp's
/// languageFromEnvironment: the first of LC_ALL, LC_MESSAGES and LANG that
/// is set; only "zh" chooses another).
bool englishMessages() {
  for (const char *variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char *value = getenv(variable);
    if (!value || !*value)
      continue;
    return !(strncasecmp(value, "zh", 2) == 0 &&
             strchr("_.@-", value[2]) != nullptr);
  }
  return true;
}

/// A --hang-after value the full parser takes too, in its plainest form
/// (digits, a point, digits); anything else goes to the full parser.
bool plainSeconds(const char *text, double &out) {
  const char *p = text;
  size_t digits = strspn(p, "0123456789");
  if (digits == 0)
    return false;
  p += digits;
  if (*p == '.') {
    size_t fraction = strspn(p + 1, "0123456789");
    if (fraction == 0)
      return false;
    p += 1 + fraction;
  }
  if (*p)
    return false;
  out = strtod(text, nullptr);
  return std::isfinite(out) && out >= 0.1 && out <= MaxHangAfter;
}

/// `tangle run [--no-predict] [--hang-after S] -- PROGRAM ARGS` with
/// --no-predict: the program's argv and --hang-after, or false.
bool fastRun(int argc, char **argv, std::vector<std::string> &program,
             double &hangAfter) {
  if (argc < 4 || strcmp(argv[1], "run") != 0 || !englishMessages())
    return false;
  bool predict = true;
  hangAfter = 3;
  int i = 2;
  for (; i < argc && strcmp(argv[i], "--") != 0; ++i) {
    if (strcmp(argv[i], "--no-predict") == 0)
      predict = false;
    else if (strcmp(argv[i], "--hang-after") == 0 && i + 1 < argc &&
             plainSeconds(argv[i + 1], hangAfter))
      ++i;
    else if (strncmp(argv[i], "--hang-after=", 13) == 0 &&
             plainSeconds(argv[i] + 13, hangAfter))
      ;
    else
      return false;
  }
  if (predict || i + 1 >= argc)
    return false;
  program.assign(argv + i + 1, argv + argc);
  return true;
}

std::string plural(uint64_t n, const char *one) {
  return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
}

/// As render_text.cpp's threadsAndProcesses: "1001 threads in 1001
/// processes" when the program forked.
std::string threadsAndProcesses(const Region &region) {
  std::string threads = plural(region.threadCount(), "thread");
  size_t processes = region.processCount();
  if (processes <= 1)
    return threads;
  return threads + " in " + std::to_string(processes) + " processes";
}

/// `ns` in seconds with two decimals ("0.02"), as the full report's "%.2f",
/// without printf: its code would be paged in for this one line (a page
/// fault costs 10-30 us on a VM; docs/bench.md, "Record mode's overhead").
std::string hundredths(uint64_t ns) {
  uint64_t centi = (ns + 5000000) / 10000000;
  std::string fraction = std::to_string(centi % 100);
  return std::to_string(centi / 100) + "." + (fraction.size() < 2 ? "0" : "") +
         fraction;
}

/// Writes all of `text` to standard output: 0, 141 when nobody reads any
/// more (cli/interrupt.h's ExitOutputClosed), or 2 when the write failed.
int writeReport(const std::string &text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(1, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && errno == EPIPE)
      return ExitOutputClosed;
    if (n <= 0) {
      fprintf(stderr, "tangle: error: cannot write the report: %s\n",
              strerror(errno));
      return 2;
    }
    done += size_t(n);
  }
  return 0;
}

/// Runs and watches the program; reports a clean end itself, hands
/// anything else over to the full tangle. Returns only the exit code of a
/// clean run; false in `started` when it could not start the program (the
/// full tangle then tries, and says why).
int runAndWatch(char **argv, const std::vector<std::string> &words,
                double hangAfter, bool &started) {
  started = false;
  std::string error;
  std::string program = resolveProgram(words[0], error);
  std::string runtime = executableDirectory() + "/../lib/libtangle_rt.so";
  struct stat st;
  if (program.empty() || !checkProgramBinary(program).empty() ||
      stat(program.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      access(program.c_str(), X_OK) != 0 || access(runtime.c_str(), R_OK) != 0)
    return 0;
  LaunchOptions launch;
  launch.argv = words;
  launch.runtimeLibrary = runtime;
  RunLimits limits = recordedRunLimits(); // run's defaults, as the full
                                          // tangle's options set them
  launch.memoryLimitBytes = limits.memoryBytes;
  launch.processLimit = limits.processes;
  launch.fileSizeLimitBytes = limits.fileSizeBytes;
  launch.openFilesLimit = limits.openFiles;
  // Never unmapped or closed here: the launcher exits right after the
  // report, and the exit tears the mapping down with the rest of the
  // address space (one TLB flush for all), where an munmap first would
  // flush its range separately.
  Region &region = *new Region;
  if (!createRegion(region, 2, error))
    return 0;
  int stdinFd = createMemfd("tangle-stdin", 0, error);
  if (stdinFd < 0)
    return 0;
  // The program's orphans come back to tangle, which ends them.
  OrphanSweep sweep;
  const std::atomic<int> &interrupt = interruptSignal();
  uint64_t startedNs = monotonicNs();
  pid_t pid = startProgram(launch, program, rec::RecordFdEnv, region.fd,
                           stdinFd, error, [&] { return interrupt.load(); });
  close(stdinFd);
  if (pid < 0)
    return 0;
  if (!error.empty()) {
    bool reaped = false;
    int status = 0;
    endProgram(pid, reaped, status);
    return 0;
  }
  started = true;
  WatchOutcome outcome = watchProgram(region, pid, hangAfter, interrupt);
  const rec::Header &h = *region.header;
  uint32_t unwatched = h.unwatched.load();
  uint32_t memoryAccesses = 1u << uint32_t(Unwatched::MemoryAccesses);
  bool clean = outcome.reaped && WIFEXITED(outcome.status) &&
               !h.runtimeMismatch.load() && h.mainReached.load() &&
               h.dropped.load() == 0 && (unwatched & ~memoryAccesses) == 0;
  if (!clean) {
    RunHandoff handoff;
    handoff.regionFd = region.fd;
    handoff.startedNs = startedNs;
    handoff.outcome = outcome;
    fcntl(region.fd, F_SETFD, 0); // the full tangle maps it
    setenv(RunHandoffEnv, encodeHandoff(handoff).c_str(), 1);
    execFull(argv);
  }
  bool reaped = true;
  int status = outcome.status;
  endProgram(pid, reaped, status); // the rest of its process group
  uint64_t events = region.recordedOperations();
  std::string text;
  if (unwatched & memoryAccesses)
    text += "note: data races were not checked: record mode does not check "
            "memory accesses yet (tangle check FILE.c does)\n";
  text += "tangle: no hang in this run: the program exited with status " +
          std::to_string(WEXITSTATUS(outcome.status)) + " (" +
          plural(events, "event") + " of " + threadsAndProcesses(region) +
          " recorded, " + hundredths(monotonicNs() - startedNs) + " s" +
          "); one run proves nothing about other interleavings (tangle "
          "check explores them)\n";
  return writeReport(text); // the verdict "no hang" exits 0
}

} // namespace
} // namespace tangle

int main(int argc, char **argv) {
  using namespace tangle;
  // Only the launcher sets it, right before it execs the full tangle.
  unsetenv(RunHandoffEnv);
  std::vector<std::string> program;
  double hangAfter = 3;
  if (!fastRun(argc, argv, program, hangAfter))
    execFull(argv);
  // Descriptors 0-2 open, so that none of tangle's own lands there.
  for (int fd = 0; fd < 3; ++fd)
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
      open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
  installInterruptHandlers();
  bool started = false;
  int code = runAndWatch(argv, program, hangAfter, started);
  if (!started)
    execFull(argv); // it says why the program did not start
  return code;
}
