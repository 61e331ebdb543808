// The command line of `tangle`: subcommands, their options (declared once,
// with help text, in options.cpp) and the program they check.
#pragma once

#include "cli/messages.h"
#include "cli/run_limits.h"
#include "model/explore/explorer.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace tangle {

enum class Command { Check, Replay, Run, TraceDump, Predict, Attach, Lint, Grade, Merge, Help, Version };
enum class OutputFormat { Text, Json, Sarif, Github };

/// What to check: a source file tangle compiles, or a built program.
struct ProgramTarget {
  std::string sourceFile;                 // empty for a built program
  /// Further source files compiled and linked with sourceFile
  /// (`tangle check main.c queue.c thread.c`).
  std::vector<std::string> moreSources;
  /// sourceFile and moreSources, in the order given.
  std::vector<std::string> sources() const;
  std::vector<std::string> compilerFlags; // after `--`, for a source file
  std::vector<std::string> argv;          // after `--`, for a built program
  /// tangle run FILE.c: the program's arguments, after a second `--`.
  std::vector<std::string> programArgs;
  /// How the program is named in reports and replay command lines.
  std::string displayName() const;
};

/// `tangle check` stops exploring by itself after this many seconds and
/// says what it covered (`--timeout 0`: no budget).
constexpr double DefaultBudgetSeconds = 60;

/// The exploration options of a command line without flags.
inline ExploreOptions withBudget() {
  ExploreOptions options;
  options.timeoutSeconds = DefaultBudgetSeconds;
  options.strategy = Strategy::Portfolio;
  return options;
}

/// The smallest --limit-memory: what the program adds to the address space
/// (tangle's runtime's own mappings are not counted), its threads' stacks
/// included (8 MiB each by default).
constexpr uint64_t MinMemoryLimit = 64ull << 20;

struct CommandLine {
  Command command = Command::Help;
  ProgramTarget target;
  OutputFormat format = OutputFormat::Text;
  ExploreOptions explore = withBudget();
  std::string traceFile;
  std::string suppressionsFile; // --suppressions
  bool showOutput = false;
  /// --real-time: the program reads the real clock, not tangle's virtual
  /// one (docs/runtime.md, "The virtual clock").
  bool realTime = false;
  /// Executions in a long-lived reuse worker process (runtime/reuse_worker.h)
  /// rather than a fresh process each: the default; --no-reuse-process
  /// turns it off. `reuseProcessGiven`: either option was given (it then
  /// wins over TANGLE_REUSE_PROCESS), and with --reuse-process the report
  /// says how it went (notes, explored.reuse).
  bool reuseProcess = true;
  bool reuseProcessGiven = false;
  /// In a reuse worker, the threads of an execution as fibers of one OS
  /// thread (runtime/fibers.h) where the program allows it: the default;
  /// --no-fibers turns it off. `fibersGiven`: either option was given (it
  /// then wins over TANGLE_FIBERS).
  bool fibers = true;
  bool fibersGiven = false;
  std::string schedule;      // replay only; empty = the default scheduler
  bool hasSchedule = false;
  bool staticChecks = true;            // check only: false with --no-lint
  std::string stdinFile; // --stdin: a file, "-" for tangle's own input, or
                         // "" for an empty input
  RunLimits limits;
  bool sandbox = false;
  double hangAfterSeconds = 3; // run: --hang-after
  bool predict = true;  // run, check: --no-predict (docs/prediction.md)
  uint32_t jobs = 0;    // check: --jobs; 0 (not given): one worker
  /// --jobs auto: one worker per CPU tangle may run on (sched_getaffinity).
  static constexpr uint32_t JobsAuto = UINT32_MAX;
  bool verbose = false; // run, predict: --verbose
  std::vector<std::string> lintArgs;   // lint: everything after `lint`
  int attachPid = 0;    // attach PID
  std::string coreFile; // attach --core FILE BINARY (the binary: target.argv)
  std::vector<std::string> gradeArgs;  // grade: everything after `grade`
  std::vector<std::string> mergeArgs;  // merge: everything after `merge`
  std::optional<Language> language;  // --lang; unset: from the environment
  std::string htmlFile;              // --html
};

/// Parses `args` (args[0] is the program name). Returns false with a
/// one-line `error` (no "tangle: error:" prefix) on bad usage.
bool parseCommandLine(llvm::ArrayRef<std::string> args, CommandLine &result,
                      std::string &error);

/// The overview printed by `tangle`, `tangle help` and `tangle --help`.
const char *usageOverview();

} // namespace tangle
