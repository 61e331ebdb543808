// `tangle check` and `tangle replay`.
#include "cli/check_command.h"

#include "cli/blind_updates.h"
#include "cli/compile.h"
#include "cli/interrupt.h"
#include "cli/live_program.h"
#include "cli/predict_command.h"
#include "cli/program_file.h"
#include "cli/program_input.h"
#include "cli/progress.h"
#include "cli/render.h"
#include "cli/render_html.h"
#include "cli/sandbox.h"
#include "cli/static_checks.h"
#include "cli/suppressions.h"
#include "model/explore/shrink.h"
#include "model/trace/trace_file.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sched.h>

namespace tangle {

std::string replayProgram(const ProgramTarget &target) {
  std::string text;
  auto append = [&](const std::string &word) { text += " " + shellQuote(word); };
  if (!target.sourceFile.empty()) {
    text = shellQuote(target.sourceFile);
    for (const std::string &file : target.moreSources)
      append(file);
    if (!target.compilerFlags.empty() || !target.programArgs.empty())
      text += " --";
    for (const std::string &flag : target.compilerFlags)
      append(flag);
    if (!target.programArgs.empty())
      text += " --";
    for (const std::string &arg : target.programArgs)
      append(arg);
  } else {
    text = "--";
    for (const std::string &word : target.argv)
      append(word);
  }
  return text;
}

namespace {

constexpr int ExitUsage = 2;
constexpr int ExitInternal = 4;

int fail(Console &console, int code, const std::string &message) {
  console.err << "tangle: error: " << message << "\n";
  return code;
}

/// What follows the options in a replay command line.
std::string replayTarget(const ProgramTarget &target,
                         const ExploreOptions &explore, bool realTime) {
  std::string text;
  // Options that change which schedules exist must be given to replay too.
  if (explore.retryBound != ExploreOptions().retryBound)
    text = "--retry-bound " + std::to_string(explore.retryBound) + " ";
  if (explore.spuriousWakeups)
    text += "--spurious-wakeups ";
  if (realTime)
    text += "--real-time ";
  return text + replayProgram(target);
}

/// Resolves argv[0] of a built program like a shell would.
bool findProgram(std::string &program, std::string &error) {
  if (program.find('/') == std::string::npos) {
    auto found = llvm::sys::findProgramByName(program);
    if (!found) {
      error = "no such program: " + program;
      return false;
    }
    program = *found;
    return true;
  }
  if (!llvm::sys::fs::exists(program)) {
    error = "no such file: " + program;
    return false;
  }
  if (llvm::sys::fs::is_directory(program) ||
      !llvm::sys::fs::can_execute(program)) {
    error = program + " is not an executable program";
    return false;
  }
  return true;
}

std::string writeFindingsTrace(const std::string &path,
                               const std::string &program,
                               const LiveProgram &live, const Report &report) {
  Trace trace;
  trace.program = program;
  for (const LoadedModule &module : live.modules())
    trace.modules.push_back({module.path, module.loadBias});
  for (const Finding &finding : report.findings)
    if (finding.execution)
      trace.executions.push_back(
          {findingId(finding.kind), finding.schedule, *finding.execution});
  return writeTrace(path, trace);
}

/// How many executions witness shrinking may run after an exploration
/// (docs/exploration.md, "Witness shrinking"): a twentieth of the
/// exploration's, so that it adds about 5% to the run, at least enough to
/// shrink one witness of a short run and at most what a long one needs.
/// Counted in executions, not seconds, so that a run that ends the same
/// way shrinks the same way; but one that --timeout stopped (which ends
/// differently from run to run anyway) spends at most 5% of that timeout.
uint64_t shrinkBudget(const ExploreStats &stats, double timeoutSeconds) {
  constexpr uint64_t Least = 30, Most = 150;
  uint64_t budget = std::clamp<uint64_t>(stats.executions / 20, Least, Most);
  if (stats.stoppedBy == "timeout" && timeoutSeconds > 0 && stats.executions &&
      stats.seconds > 0) {
    double each = stats.seconds / double(stats.executions);
    budget = std::min(budget, uint64_t(0.05 * timeoutSeconds / each));
  }
  return budget;
}

/// The steps witness shrinking may run: see the comment inside.
uint64_t shrinkStepBudget(const ExploreStats &stats, uint64_t budget) {
  // Four times the steps of `budget` executions of the exploration's mean
  // length, and 100,000 at least: a witness far longer than the mean (a
  // random run that spun to the step limit) is left as found, where
  // shrinking it ran for minutes past --timeout.
  constexpr uint64_t Least = 100000;
  uint64_t mean = stats.executions ? stats.steps / stats.executions : 0;
  return std::max(Least, 4 * budget * mean);
}

/// The report of a run an interrupt stopped before anything was explored:
/// empty, incomplete, in the chosen format; then 128 + the signal.
int reportInterrupted(Console &console, const CommandLine &commandLine) {
  RunSummary run;
  run.program = commandLine.target.displayName();
  run.command = commandLine.command == Command::Replay ? "replay" : "check";
  run.stats.stoppedBy = "interrupted";
  run.verdict = Verdict::Incomplete;
  renderReport(console.out, commandLine.format, run, {});
  console.out.flush();
  return interruptExitCode();
}

/// A replay whose schedule does not fit the program is the user's input
/// that is wrong (exit 2), not tangle: one line saying where it parts.
std::string scheduleMismatch(const Report &report, size_t scheduleSteps) {
  const std::string diverged = "the schedule does not fit the program: ";
  const std::string &error = report.stats.error;
  if (error.compare(0, diverged.size(), diverged) == 0)
    return "schedule does not match the program: " +
           error.substr(diverged.size());
  return "";
}

/// Whether tangle and the program run on CPUs of their own
/// (LaunchOptions::programCpu), with `cpus` CPUs allowed: when another CPU
/// looks free. On a CPU that something else keeps busy (a build beside the
/// run) every hand-off between the two waits for a time slice, and the
/// split ran ordered philosophers N=5 in 1.8 s against 0.9 s on one CPU;
/// on free ones, 0.6 s. Free: fewer threads runnable right now than CPUs,
/// this one included, and a 1-minute load average below the CPUs
/// (/proc/loadavg). TANGLE_SPLIT=0 or 1 decides instead (bench/).
bool splitWanted(size_t cpus) {
  if (const char *value = getenv("TANGLE_SPLIT"))
    return strcmp(value, "0") != 0;
  std::ifstream in("/proc/loadavg");
  double minute = 0, five = 0, fifteen = 0;
  unsigned runnable = 0;
  char slash = 0;
  if (!(in >> minute >> five >> fifteen >> runnable >> slash) || slash != '/')
    return false;
  return runnable < cpus && minute < double(cpus);
}

/// The CPUs tangle may run on, before launching pins it to one.
std::vector<int> allowedCpus() {
  std::vector<int> cpus;
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0)
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set))
        cpus.push_back(c);
  return cpus;
}

bool sameLayout(const LiveProgram &a, const LiveProgram &b) {
  const std::vector<LoadedModule> &x = a.modules(), &y = b.modules();
  if (x.size() != y.size())
    return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i].path != y[i].path || x[i].loadBias != y[i].loadBias)
      return false;
  return true;
}

/// What every shard of one sharded run must share (docs/cli.md, "merge"),
/// as 16 hex digits (FNV-1a): tangle's version, the program (each source's
/// name and contents with the compiler flags, or the binary's contents),
/// its arguments and input, and the options that decide which
/// interleavings exist and what is reported of them. Budgets (--timeout,
/// --max-executions, --jobs) may differ from shard to shard.
std::string shardFingerprint(const CommandLine &commandLine,
                             const LaunchOptions &launch) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto add = [&](llvm::StringRef bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ull;
    }
    hash ^= 0xff; // a separator: ("ab", "c") is not ("a", "bc")
    hash *= 0x100000001b3ull;
  };
  auto addFile = [&](const std::string &path) {
    add(path);
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    add(buffer ? (*buffer)->getBuffer() : llvm::StringRef("(unreadable)"));
  };
  const ProgramTarget &target = commandLine.target;
  const ExploreOptions &x = commandLine.explore;
  add(TANGLE_VERSION);
  for (const std::string &file : target.sources())
    addFile(file);
  for (const std::string &flag : target.compilerFlags)
    add(flag);
  if (!target.argv.empty()) // a built program, found on the PATH
    addFile(launch.argv[0]);
  for (size_t i = 1; i < target.argv.size(); ++i)
    add(target.argv[i]);
  for (const std::string &arg : target.programArgs)
    add(arg);
  add(launch.stdinData);
  if (!commandLine.suppressionsFile.empty())
    addFile(commandLine.suppressionsFile);
  add(std::to_string(x.shardCount) + " " + std::to_string(x.preemptionBound) +
      " " + std::to_string(x.retryBound) + " " +
      std::to_string(x.spuriousWakeups) + " " + std::to_string(x.maxSteps) +
      " " + strategyName(x.strategy) + " " + std::to_string(x.seed) + " " +
      std::to_string(x.lockOrder) + " " +
      std::to_string(commandLine.staticChecks) + " " +
      std::to_string(commandLine.realTime));
  char hex[17];
  snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)hash);
  return hex;
}

/// The per-run limits and the sandbox, from the command line.
void setLimits(const CommandLine &commandLine, LaunchOptions &launch) {
  const RunLimits &limits = commandLine.limits;
  launch.cpuLimitSeconds = limits.cpuSeconds;
  launch.memoryLimitBytes = limits.memoryBytes;
  launch.processLimit = limits.processes;
  launch.fileSizeLimitBytes = limits.fileSizeBytes;
  launch.openFilesLimit = limits.openFiles;
}

} // namespace

/// `<dir of the tangle executable>/../<relative>`.
static std::string besideExecutable(const std::string &argv0,
                                    llvm::StringRef relative) {
  static int anchor;
  std::string executable = llvm::sys::fs::getMainExecutable(
      argv0.c_str(), reinterpret_cast<void *>(&anchor));
  llvm::SmallString<256> path(llvm::sys::path::parent_path(executable));
  llvm::sys::path::append(path, "..", relative);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

std::string runtimeLibraryPath(const std::string &argv0) {
  return besideExecutable(argv0, "lib/libtangle_rt.so");
}

std::string includeDirectoryPath(const std::string &argv0) {
  return besideExecutable(argv0, "include");
}

ProgramTarget withTangleIncludes(const ProgramTarget &target,
                                 const std::string &argv0) {
  ProgramTarget withSync = target;
  withSync.compilerFlags.insert(withSync.compilerFlags.begin(),
                                {"-isystem", includeDirectoryPath(argv0)});
  return withSync;
}

int compileTarget(const ProgramTarget &target, const std::string &argv0,
                  const std::vector<std::string> &extraFlags,
                  ScratchDirectory &scratch, Console &console,
                  std::string &binary, bool &interrupted) {
  interrupted = false;
  std::string error;
  for (const std::string &file : target.sources())
    if (!(error = checkSourceFile(file)).empty())
      return fail(console, ExitUsage, error);
  if (!scratch.created() && !scratch.create(error))
    return fail(console, ExitInternal, error);
  std::vector<std::string> compileFlags =
      withTangleIncludes(target, argv0).compilerFlags;
  compileFlags.insert(compileFlags.end(), extraFlags.begin(), extraFlags.end());
  CompileResult compiled =
      compileSource(target.sourceFile, compileFlags, scratch,
                    runtimeLibraryPath(argv0), target.moreSources);
  if (interruptSignal().load()) { // the compiler was interrupted too
    interrupted = true;
    return interruptExitCode();
  }
  if (!compiled.error.empty())
    return fail(console, ExitInternal, compiled.error);
  if (!compiled.ok) {
    console.err << compiled.compilerOutput;
    std::string hint = compileHint(compiled.compilerOutput);
    if (!hint.empty())
      console.err << "tangle: note: " << hint << "\n";
    return fail(console, ExitUsage,
                target.displayName() +
                    (target.moreSources.empty() ? " does not compile"
                                                : " do not compile"));
  }
  binary = compiled.binary;
  return 0;
}

int compileWithForwarders(const ProgramTarget &target, const std::string &argv0,
                          ScratchDirectory &scratch, Console &console,
                          std::string &binary, bool &interrupted,
                          std::vector<CodeRange> &forwarders) {
  std::string error;
  if (!scratch.created() && !scratch.create(error))
    return fail(console, ExitInternal, error);
  BlindUpdatePass pass(blindUpdatePluginPath(runtimeLibraryPath(argv0)),
                       scratch);
  if (int code = compileTarget(target, argv0, pass.compilerFlags(), scratch,
                               console, binary, interrupted))
    return code;
  std::string warning; // about the reduction, which these do not use
  forwarders = pass.resolve(binary, warning).forwarders;
  return 0;
}

int resolveBuiltProgram(std::vector<std::string> &argv, Console &console) {
  std::string error;
  if (!findProgram(argv[0], error))
    return fail(console, ExitUsage, error);
  error = checkProgramBinary(argv[0]);
  if (!error.empty())
    return fail(console, ExitUsage, error);
  return 0;
}

/// Where a program's arguments go on tangle check's command line, for this
/// program.
static std::string argumentsExample(const ProgramTarget &target) {
  if (target.sourceFile.empty())
    return "tangle check -- " +
           (target.argv.empty() ? std::string("./program") : target.argv[0]) +
           " ARGS";
  std::string line = "tangle check";
  for (const std::string &source : target.sources())
    line += " " + source;
  return line + " -- [compiler flags] -- ARGS";
}

int runCheckOrReplay(const CommandLine &commandLine, Console &console,
                     const std::string &argv0) {
  const ProgramTarget &target = commandLine.target;
  bool replaying = commandLine.command == Command::Replay;
  std::vector<ThreadId> schedule;
  uint64_t scheduleSteps = 0;
  if (replaying && !scheduleLength(commandLine.schedule, scheduleSteps)) {
    std::string shown = commandLine.schedule.substr(0, 80);
    return fail(console, ExitUsage,
                "malformed schedule '" + shown +
                    (shown.size() < commandLine.schedule.size() ? "..." : "") +
                    "' (expected e.g. '0x5,1,2x3')");
  }
  // Measured before it is expanded: a typo may name billions of steps.
  if (scheduleSteps > commandLine.explore.maxSteps)
    return fail(console, ExitUsage,
                "schedule does not match the program: it has " +
                    (scheduleSteps > MaxScheduleSteps
                         ? "more than " + std::to_string(MaxScheduleSteps)
                         : std::to_string(scheduleSteps)) +
                    " steps, more than --max-steps " +
                    std::to_string(commandLine.explore.maxSteps));
  if (replaying)
    parseSchedule(commandLine.schedule, schedule);
  // Set by SIGINT, SIGTERM or SIGHUP (cli/interrupt.h): everything below
  // stops at the next point where it looks.
  const std::atomic<int> &interrupt = interruptSignal();

  LaunchOptions launch;
  ScratchDirectory scratch;
  StaticPass staticChecks;
  std::string error;
  std::vector<Suppression> suppressions;
  if (!commandLine.suppressionsFile.empty() &&
      !readSuppressions(commandLine.suppressionsFile, suppressions, error))
    return fail(console, ExitUsage, error);
  if (!target.sourceFile.empty()) {
    if (!scratch.create(error))
      return fail(console, ExitInternal, error);
    // The blind-update pass runs in the compile (cli/blind_updates.h).
    BlindUpdatePass blind(blindUpdatePluginPath(runtimeLibraryPath(argv0)),
                          scratch);
    std::string binary;
    bool interrupted = false;
    if (int code = compileTarget(target, argv0, blind.compilerFlags(), scratch,
                                 console, binary, interrupted))
      return interrupted ? reportInterrupted(console, commandLine) : code;
    launch.argv = {binary};
    launch.argv.insert(launch.argv.end(), target.programArgs.begin(),
                       target.programArgs.end());
    std::string blindWarning;
    BlindCode code = blind.resolve(binary, blindWarning);
    launch.blindSites = std::move(code.sites);
    launch.blindWrappers = std::move(code.wrappers);
    launch.forwarders = std::move(code.forwarders);
    launch.programSpins = std::move(code.spins);
    launch.programSpinWrappers = std::move(code.spinWrappers);
    if (!blindWarning.empty())
      console.err << "tangle: warning: " << blindWarning << "\n";
    if (!replaying && commandLine.staticChecks)
      staticChecks = runStaticChecks(withTangleIncludes(target, argv0));
  } else {
    launch.argv = target.argv;
    if (int code = resolveBuiltProgram(launch.argv, console))
      return code;
  }

  // Found in any executable: a prebuilt one has its symbols too.
  launch.librarySpins = librarySpinCode(launch.argv[0]);
  launch.runtimeLibrary = runtimeLibraryPath(argv0);
  if (!llvm::sys::fs::exists(launch.runtimeLibrary))
    return fail(console, ExitInternal,
                "the tangle runtime " + launch.runtimeLibrary +
                    " is missing; rebuild or reinstall tangle");
  launch.showOutput = commandLine.showOutput;
  launch.realTime = commandLine.realTime;
  // Without either option, TANGLE_REUSE_PROCESS=0 or 1 decides, silently
  // (to run a test suite both ways: docs/runtime.md, "The reuse worker").
  const char *reuseEverywhere = getenv("TANGLE_REUSE_PROCESS");
  launch.reuseProcess = commandLine.reuseProcess;
  if (!commandLine.reuseProcessGiven && reuseEverywhere &&
      (!strcmp(reuseEverywhere, "0") || !strcmp(reuseEverywhere, "1")))
    launch.reuseProcess = reuseEverywhere[0] == '1';
  // The same for fibers, with TANGLE_FIBERS.
  const char *fibersEverywhere = getenv("TANGLE_FIBERS");
  launch.fibers = commandLine.fibers;
  if (!commandLine.fibersGiven && fibersEverywhere &&
      (!strcmp(fibersEverywhere, "0") || !strcmp(fibersEverywhere, "1")))
    launch.fibers = fibersEverywhere[0] == '1';
  ReuseTally reuseTally;
  launch.reuseTally = &reuseTally;
  launch.maxSteps = commandLine.explore.maxSteps;
  launch.interrupt = &interrupt;
  setLimits(commandLine, launch);
  if (!readProgramInput(commandLine.stdinFile, launch.stdinData, error,
                        interrupt)) {
    if (interrupt.load())
      return reportInterrupted(console, commandLine);
    return fail(console, ExitUsage, error);
  }
  SandboxPlan sandbox;
  if (commandLine.sandbox) {
    if (!scratch.created() && !scratch.create(error))
      return fail(console, ExitInternal, error);
    if (!prepareSandbox(scratch.path(), sandbox, error))
      return fail(console, ExitInternal, error);
    // Refused by this machine's kernel: the user must choose (exit 2).
    error = sandboxUnavailable(sandbox);
    if (!error.empty())
      return fail(console, ExitUsage, error);
    launch.sandbox = &sandbox;
  }
  if (interrupt.load())
    return reportInterrupted(console, commandLine);

  // --jobs: each worker with its own fork server pinned to its own CPU
  // (docs/exploration.md, "Parallel exploration").
  const std::vector<int> cpus = allowedCpus();
  CommandLine checking = commandLine;
  // (No --jobs: one worker. Two are faster on long explorations, but which
  // of two equally simple counterexamples is kept still depends on the
  // order the workers meet them: see docs/exploration.md.)
  uint32_t jobs = commandLine.jobs == CommandLine::JobsAuto
                      ? uint32_t(std::max<size_t>(cpus.size(), 1))
                      : std::max<uint32_t>(commandLine.jobs, 1);
  checking.explore.jobs = replaying ? 1 : jobs;
  // Every run at the same addresses, whatever the kernel's randomisation
  // and the environment: what the program does may depend on them (it
  // hashes a thread's handle, a lock is picked by an object's address), and
  // the report must not (docs/runtime.md, "The same addresses in every
  // run"). The fork servers of --jobs need it too.
  launch.fixedLayout = true;
  // One job on two CPUs or more: the program on the CPU after tangle's.
  int mainCpu = sched_getcpu();
  size_t mainAt = std::find(cpus.begin(), cpus.end(), mainCpu) - cpus.begin();
  if (checking.explore.jobs == 1 && cpus.size() >= 2 && mainAt < cpus.size() &&
      splitWanted(cpus.size()))
    launch.programCpu = cpus[(mainAt + 1) % cpus.size()];

  // After the LiveProgram's end, whatever of the program escaped its fork
  // server (killed from outside) is killed too.
  OrphanSweep sweep(scratch.guardPid());
  std::unique_ptr<LiveProgram> program = LiveProgram::launch(launch, error);
  if (!program && interrupt.load())
    return reportInterrupted(console, commandLine);
  if (!program)
    return fail(console, ExitInternal,
                "cannot run " + target.displayName() + ": " + error);

  // Worker `index`'s copy: the same program on the next CPU. A copy whose
  // modules load elsewhere (the kernel would not turn randomisation off)
  // would name the objects by other addresses: it does not take part.
  ProgramFactory copies = [&](uint32_t index, std::string &copyError)
      -> std::unique_ptr<Program> {
    LaunchOptions mine = launch;
    mine.programCpu = -1;
    if (!cpus.empty())
      mine.cpu = cpus[(mainAt + index) % cpus.size()];
    std::unique_ptr<LiveProgram> copy = LiveProgram::launch(mine, copyError);
    if (copy && !sameLayout(*copy, *program)) {
      copyError = "its copy loads at other addresses";
      return nullptr;
    }
    return copy;
  };
  Report report;
  std::optional<PredictionOutcome> predicted;
  {
    ProgressLine progress(console.err, console.showProgress);
    // The exploration watches the interrupt inside the analysis of an
    // execution too (a long one can take longer than the execution).
    CommandLine watched = checking;
    watched.explore.interrupt = &interrupt;
    if (replaying)
      report = replay(*program, schedule, commandLine.explore);
    else
      report = exploreWithPrediction( // docs/prediction.md
          *program, launch, watched,
          [&](const ExploreStats &stats) {
            return progress.update(stats) && !interrupt.load();
          },
          predicted, copies);
  }
  if (commandLine.reuseProcessGiven && commandLine.reuseProcess) {
    program->tallyReuse(); // the copies did as they ended
    report.stats.reuseAsked = true;
    report.stats.reusedExecutions = reuseTally.executions;
    report.stats.reuseWorkers = reuseTally.workers;
    report.stats.reuseRefusal = reuseTally.refusal;
    report.stats.reuseTainted = reuseTally.tainted;
    report.stats.reuseTaint = reuseTally.taint;
    report.stats.reuseDeclined = reuseTally.declined;
    report.stats.fiberExecutions = reuseTally.fiberExecutions;
    report.stats.fibersDeclined = reuseTally.fibersDeclined;
  }
  bool interrupted = interrupt.load() && !report.stats.complete;
  if (interrupted) {
    report.stats.stoppedBy = "interrupted";
    report.stats.complete = false;
    report.stats.error.clear(); // whatever the interrupt cut short
  }
  if (replaying && !interrupted) {
    std::string mismatch = scheduleMismatch(report, schedule.size());
    if (!mismatch.empty())
      return fail(console, ExitUsage, mismatch);
  }
  // (An error in the first execution leaves nothing queued: stoppedBy is
  // empty then, but the error is still the answer.)
  if (report.findings.empty() &&
      (report.stats.stoppedBy == "error" || !report.stats.error.empty()))
    return fail(console, ExitInternal,
                "exploration failed: " + report.stats.error);

  // A random schedule's witness can have hundreds of preemptions when one
  // or two show the same bug: shrink them before they are explained.
  if (!replaying && !interrupted) {
    ExploreOptions shrinking = commandLine.explore;
    shrinking.interrupt = &interrupt;
    // A candidate that hangs would wait out --execution-timeout: past 20
    // times the exploration's mean execution (at least half a second) it
    // is dropped, as one cut at a limit is.
    if (report.stats.executions && report.stats.seconds > 0)
      shrinking.executionTimeout =
          std::min(shrinking.executionTimeout,
                   std::max(0.5, 20 * report.stats.seconds /
                                     double(report.stats.executions)));
    uint64_t budget =
        shrinkBudget(report.stats, commandLine.explore.timeoutSeconds);
    ShrinkStats shrunk =
        shrinkWitnesses(*program, report.findings, shrinking, budget,
                        shrinkStepBudget(report.stats, budget));
    report.stats.shrinkExecutions = shrunk.executions;
  }

  Symbolizer symbolizer(program->modules());
  useForwarders(symbolizer, launch);
  ObjectNamer namer(symbolizer);
  std::vector<Explanation> explanations;
  std::string replayTail =
      replayTarget(target, commandLine.explore, commandLine.realTime);
  for (const Finding &finding : report.findings)
    explanations.push_back(explain(finding, symbolizer, namer, replayTail));
  // Suppressed findings are left out of the report, the trace and the
  // verdict; the report says how many.
  size_t suppressed = 0;
  if (!suppressions.empty()) {
    std::vector<Finding> keptFindings;
    std::vector<Explanation> keptExplanations;
    for (size_t i = 0; i < explanations.size(); ++i) {
      if (suppressing(suppressions, explanations[i])) {
        ++suppressed;
        continue;
      }
      keptFindings.push_back(std::move(report.findings[i]));
      keptExplanations.push_back(std::move(explanations[i]));
    }
    report.findings = std::move(keptFindings);
    explanations = std::move(keptExplanations);
    auto &statics = staticChecks.findings;
    size_t before = statics.size();
    statics.erase(std::remove_if(statics.begin(), statics.end(),
                                 [&](const StaticFinding &f) {
                                   return suppressing(suppressions, f);
                                 }),
                  statics.end());
    suppressed += before - statics.size();
  }

  if (!commandLine.traceFile.empty()) {
    std::string traceError = writeFindingsTrace(
        commandLine.traceFile, target.displayName(), *program, report);
    if (!traceError.empty())
      return fail(console, ExitUsage, traceError);
  }

  RunSummary run;
  run.suppressed = suppressed;
  run.program = target.displayName();
  run.command = replaying ? "replay" : "check";
  run.stats = report.stats;
  if (predicted)
    notePrediction(run, *predicted, commandLine.verbose);
  if (std::optional<Frame> at = symbolizer.userFrame(report.stats.stoppedAt))
    run.stoppedAt = at->location;
  run.retryBound = commandLine.explore.retryBound;
  if (commandLine.explore.shardCount && !replaying) {
    run.shardIndex = commandLine.explore.shardIndex;
    run.shardCount = commandLine.explore.shardCount;
    run.fingerprint = shardFingerprint(commandLine, launch);
    run.notes.push_back(tr(
        "shard {0}/{1}: this run explored its part of the interleavings "
        "alone ({2} of the {3} subtrees at the top of the tree); tangle "
        "merge combines the JSON reports of all {1} shards into the report "
        "of one run",
        run.shardIndex, run.shardCount, report.stats.shardRoots,
        report.stats.shardFrontier));
  }
  if (!report.stats.reuseDeclined.empty())
    run.notes.push_back(tr("--reuse-process: the first execution did what a "
                           "worker process would have to end or refuse for "
                           "({0}), so every execution ran in a process of its "
                           "own, as without the option",
                           report.stats.reuseDeclined));
  else if (!report.stats.reuseRefusal.empty())
    run.notes.push_back(tr("--reuse-process: a worker process could not run "
                           "an execution ({0}); that one and the ones after "
                           "it ran in a process each, as without the option",
                           report.stats.reuseRefusal));
  if (!report.stats.fibersDeclined.empty() &&
      report.stats.reuseDeclined.empty())
    run.notes.push_back(tr("--reuse-process: the workers ran the program's "
                           "threads as OS threads, not as fibers of one OS "
                           "thread, because of {0}",
                           report.stats.fibersDeclined));
  if (report.stats.reuseTainted)
    run.notes.push_back(tr("--reuse-process: {0} of the executions changed "
                           "what a rewind of memory cannot undo ({1}): each "
                           "ended its worker process, and the next began in a "
                           "new one",
                           report.stats.reuseTainted, report.stats.reuseTaint));
  // A program that never started a second thread or process had nothing
  // to interleave: "clean" is true but says little, and the usual cause is
  // a program that stopped at its usage line for want of arguments.
  if (!replaying && !run.shardCount && report.stats.complete &&
      report.stats.pctThreads == 1 && report.findings.empty()) {
    if (report.stats.failedExitStatus == 0)
      run.notes.push_back(tr("the program ran one thread only: nothing ran "
                             "concurrently, so there was nothing to "
                             "interleave"));
    else
      run.notes.push_back(tr(
          "the program ran one thread only and exited with status {0}: "
          "nothing ran concurrently, so there was nothing to interleave; if "
          "it needs arguments, give them after its command line: {1}",
          report.stats.failedExitStatus, argumentsExample(target)));
  }
  // A shard that explored its part to the end has not explored the
  // others': a static finding it did not see is unexplored, not refuted
  // (tangle merge decides that over every shard).
  if (run.shardCount) {
    Report part = report;
    part.stats.complete = false;
    confirmStaticFindings(staticChecks, part);
  } else {
    confirmStaticFindings(staticChecks, report);
  }
  if (!staticChecks.error.empty())
    console.err << "tangle: warning: static checks skipped: "
                << staticChecks.error << "\n";
  run.verdict = verdictOf(report, staticChecks);
  run.staticChecks = std::move(staticChecks);
  renderReport(console.out, commandLine.format, run, explanations);
  console.out.flush();
  if (!commandLine.htmlFile.empty()) {
    std::string htmlError =
        writeHtmlReport(commandLine.htmlFile, run, explanations);
    if (!htmlError.empty())
      return fail(console, ExitUsage, htmlError);
  }
  return interrupted ? interruptExitCode() : exitCodeOf(run.verdict);
}

} // namespace tangle
