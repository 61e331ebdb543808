// A live program: the real binary, started once under the runtime
// (libtangle_rt.so, controlled mode) as a fork server; each execution is a
// fresh fork that follows the requested schedule.
#pragma once

#include "model/blind_sites.h"
#include "model/explore/program.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tangle {

struct SandboxPlan;

/// A module (executable or shared library) loaded in the program, for
/// symbolisation: runtime address = loadBias + address in the file.
struct LoadedModule {
  std::string path;
  uint64_t loadBias = 0;
  uint64_t begin = 0, end = 0; // mapped address range
};

/// --reuse-process: what the reuse workers of a run's programs did (the
/// first program's and its copies', each added as it ends or is asked).
struct ReuseTally {
  std::mutex mutex;
  uint64_t executions = 0; // ran in a worker, after a rewind
  uint32_t workers = 0;    // worker processes started
  std::string refusal;     // why a worker refused (the first reason)
  uint64_t tainted = 0;    // executions that ended their worker
  std::string taint;       // what the first of them did
  std::string declined;    // why no worker ran any (the probe's call)
  uint64_t fiberExecutions = 0; // ran as fibers (runtime/fibers.h)
  std::string fibersDeclined;   // why workers ran OS threads instead
};

struct LaunchOptions {
  std::string runtimeLibrary;    // path of libtangle_rt.so
  std::vector<std::string> argv; // argv[0] is the program
  std::string stdinData;         // the same input for every execution
  bool showOutput = false;       // pass the program's stdout/stderr through
  bool realTime = false;         // the program reads the real clock
  bool reuseProcess = false;     // executions in a reuse worker
  bool fibers = false;           // its threads as fibers, where they can be
  ReuseTally *reuseTally = nullptr; // where their counts go
  /// Per execution: what the program may map (RLIMIT_AS above what the
  /// fork server had mapped; each thread's stack comes on top).
  uint64_t memoryLimitBytes = 4ull << 30;
  uint64_t cpuLimitSeconds = 60; // RLIMIT_CPU per execution
  // For the program as a whole, from its start; 0: no limit. (A program
  // that runs into one is not reported for it: docs/cli.md.)
  uint64_t fileSizeLimitBytes = 0; // RLIMIT_FSIZE: the largest file written
  uint64_t openFilesLimit = 0;     // RLIMIT_NOFILE
  uint64_t processLimit = 0;       // RLIMIT_NPROC: processes (threads, for
                                   // the kernel) beyond those the user runs
                                   // at launch; root is exempt
  /// --sandbox: the program enters it before exec (cli/sandbox.h).
  const SandboxPlan *sandbox = nullptr;
  /// tangle's interrupt flag: once non-zero, the wait for an execution
  /// stops, the execution is killed and run() returns LimitReached
  /// "interrupted"; launch() gives up likewise.
  const std::atomic<int> *interrupt = nullptr;
  uint32_t maxProcesses = 10000; // forks per execution
  /// Threads per execution at once: slots in the shared region. A thread's
  /// number (its slot) is reused once it is joined (model/objects/ids.h).
  uint32_t maxThreads = 4096;
  uint64_t maxSteps = 100000;             // sizes the event buffer
  /// Memory accesses logged per execution for the race check (64 bytes
  /// each; the region is sparse, so only what is used costs memory).
  uint64_t maxAccesses = 1 << 20;
  /// Pin tangle (and so the program, which inherits it) to one CPU: a
  /// futex hand-off within one CPU costs ~3 us, across CPUs ~40 us.
  bool pinCpu = true;
  int cpu = -1; // which CPU; -1: the one tangle is running on at launch
  /// The program's CPU when it gets one of its own ("split", with one
  /// exploration job on a machine of two CPUs or more): tangle analyses an
  /// execution there while the worker rewinds here, and both wait for the
  /// other by spinning a while before they sleep. -1: tangle's CPU.
  int programCpu = -1;
  double startTimeoutSeconds = 10; // until the fork server reaches main
  /// Without address-space randomisation, and with main's stack where the
  /// environment's size does not move it (stackPadding): every run of the
  /// same program, and every fork server of it (--jobs), has its objects
  /// at the same addresses. A program may hash them (libstdc++'s std::barrier
  /// hashes the thread's handle): what it does then depends on them.
  bool fixedLayout = false;
  /// Blind atomic updates (model/blind_sites.h), as file addresses in the
  /// executable: call sites whose result is discarded, and the library
  /// functions between them and the update. Empty: no update is blind.
  std::vector<CodeRange> blindSites, blindWrappers;
  /// libstdc++'s spin before a futex wait (librarySpinCode), as file
  /// addresses in the executable: tangle marks the atomic loads made
  /// inside it (AtomicSpinTurn). Empty: none is marked.
  std::vector<CodeRange> librarySpins;
  /// The program's loops whose turns only load and compare, and the
  /// library functions between such a loop and its load (BlindCode::spins,
  /// spinWrappers), as file addresses: their loads of at most 4 bytes are
  /// marked AtomicSpinTurn too. Empty: none is.
  std::vector<CodeRange> programSpins, programSpinWrappers;
  /// Not the runtime's: the program's forwarders (BlindCode::forwarders),
  /// for the reports' symbolizers (useForwarders).
  std::vector<CodeRange> forwarders;
};

/// While it lives, tangle is a child subreaper: should a fork server die
/// (killed from outside), the program's processes are reparented to tangle
/// rather than to init, and its destructor kills them: every child of
/// tangle but `keep` (the scratch folder's guard). Declare it before the
/// LiveProgram, so that it runs after the LiveProgram's destructor.
class OrphanSweep {
public:
  explicit OrphanSweep(int keep = -1);
  ~OrphanSweep();
  OrphanSweep(const OrphanSweep &) = delete;
  OrphanSweep &operator=(const OrphanSweep &) = delete;

private:
  int keep_;
};

/// Forks and execs `program` (options.argv[0] resolved) the way a
/// LiveProgram starts its fork server: its own process group, killed when
/// tangle dies, the --limit-* limits, the sandbox, the input memfd as stdin,
/// output hidden unless showOutput, the runtime preloaded, and `regionFd`
/// passed in the environment variable `regionFdEnv`. Returns the pid, or -1
/// with `error`; a pid with `error` set when the child could not exec (the
/// caller reaps it).
pid_t startProgram(const LaunchOptions &options, const std::string &program,
                   const char *regionFdEnv, int regionFd, int stdinFd,
                   std::string &error, const std::function<bool()> &interrupted);

/// With a fixed layout (LaunchOptions::fixedLayout): the environment entry
/// to add to `env` so that the kernel starts main's stack at the same
/// address whatever the sizes of `program` (the path given to execve),
/// `args` and `env` (within StackPadWindow bytes of all three together).
/// The kernel copies these strings to the top of the stack and puts the
/// pointers to them below; the entry makes the two take a constant room.
/// "" when that room would be more than execve takes (then the stack is
/// where the environment puts it).
std::string stackPadding(const std::string &program,
                         const std::vector<std::string> &args,
                         const std::vector<std::string> &env);
constexpr size_t StackPadWindow = 64 * 1024;

/// Resolves a program name like a shell (a name without '/' through PATH).
std::string resolveProgram(const std::string &name, std::string &error);

/// A memfd of `size` bytes (zero-filled), or -1 with `error`.
int createMemfd(const char *name, size_t size, std::string &error);

class LiveProgram : public Program {
public:
  /// Starts the program and waits until its fork server is ready.
  /// Returns nullptr and sets `error` (one line) when it cannot.
  static std::unique_ptr<LiveProgram> launch(const LaunchOptions &options,
                                             std::string &error);
  ~LiveProgram() override;

  Execution run(const ExecutionRequest &request) override;
  /// Reuses the room of `out`'s events, pending operations and accesses.
  void runInto(const ExecutionRequest &request, Execution &out) override;

  const std::vector<LoadedModule> &modules() const;

  /// Adds what this program's reuse workers did to options.reuseTally
  /// (once; the destructor does it otherwise).
  void tallyReuse();

  struct Impl;

private:
  explicit LiveProgram(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace tangle
