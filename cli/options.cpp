// The command line of `tangle`: every option is declared once, in kOptions,
// with its help text and what it sets; llvm::cl parses and prints --help.
#include "cli/options.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <cmath>
#include <cstdio>
#include <memory>

namespace tangle {
namespace {

namespace cl = llvm::cl;
using llvm::StringRef;

enum SubcommandMask : unsigned {
  InCheck = 1,
  InReplay = 2,
  InBoth = 3,
  InRun = 4,
  InAll = 7,
};

/// Stores an option's value into the command line; false with `error` when
/// the value is malformed.
using ApplyFn = bool (*)(StringRef value, CommandLine &result,
                         std::string &error);

struct OptionSpec {
  const char *name;
  const char *valueName; // nullptr for a flag
  const char *help;
  unsigned subcommands;
  ApplyFn apply;
};

// Every number is checked here, once: a whole number or a finite number of
// seconds within the option's range, else one line naming the option, what
// it accepts and what it got.

bool parseCount(StringRef name, StringRef value, uint64_t &out,
                std::string &error, uint64_t min = 0,
                uint64_t max = UINT64_MAX) {
  if (value.getAsInteger(10, out) || out < min || out > max) {
    error = ("--" + name + " expects a whole number" +
             (max == UINT64_MAX
                  ? (min ? " from " + llvm::Twine(min) : llvm::Twine())
                  : " from " + llvm::Twine(min) + " to " + llvm::Twine(max)) +
             ", got '" + value + "'")
                .str();
    return false;
  }
  return true;
}

/// The longest wait tangle accepts: beyond it a deadline overflows the
/// clock (1e10 s made every execution time out at once).
constexpr double MaxSeconds = 1e6;

bool parseSeconds(StringRef name, StringRef value, double &out,
                  std::string &error, double min = 0) {
  // getAsDouble takes "nan" and "inf" too: both are refused below.
  if (value.getAsDouble(out) || !std::isfinite(out) || out < min ||
      out > MaxSeconds) {
    char range[64];
    snprintf(range, sizeof(range), "from %g to %.0f", min, MaxSeconds);
    error = ("--" + name + " expects a number of seconds " + range + ", got '" +
             value + "'")
                .str();
    return false;
  }
  return true;
}

/// "none" or 0: no limit; otherwise a whole number from `min`.
bool parseLimit(StringRef name, StringRef value, uint64_t &out,
                std::string &error, uint64_t min) {
  if (value == "none" || value == "0") {
    out = 0;
    return true;
  }
  if (value.getAsInteger(10, out) || out < min || out > (1ull << 40)) {
    error = ("--" + name + " expects 'none' or a whole number from " +
             llvm::Twine(min) + ", got '" + value + "'")
                .str();
    return false;
  }
  return true;
}

/// "none" or 0: no limit; otherwise bytes, with an optional K, M, G or T
/// (powers of 1024).
bool parseSize(StringRef name, StringRef value, uint64_t &out,
               std::string &error, uint64_t min) {
  if (value == "none" || value == "0") {
    out = 0;
    return true;
  }
  StringRef digits = value;
  unsigned shift = 0;
  if (!digits.empty()) {
    switch (llvm::toUpper(digits.back())) {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    }
    if (shift)
      digits = digits.drop_back();
  }
  uint64_t n;
  if (digits.getAsInteger(10, n) || n > (1ull << 50) >> shift ||
      (n << shift) < min) {
    error = ("--" + name + " expects 'none' or a size in bytes from " +
             llvm::Twine(min >> 20) +
             "M to 1024T, with K, M, G or T for 1024, 1024^2, ... (e.g. "
             "512M), got '" +
             value + "'")
                .str();
    return false;
  }
  out = n << shift;
  return true;
}

const OptionSpec kOptions[] = {
    {"format", "text|json|sarif|github",
     "Output format: compiler-style text (default), one JSON object, SARIF "
     "2.1.0, or GitHub Actions annotations",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       for (auto [name, format] : {std::pair{"text", OutputFormat::Text},
                                   std::pair{"json", OutputFormat::Json},
                                   std::pair{"sarif", OutputFormat::Sarif},
                                   std::pair{"github", OutputFormat::Github}})
         if (v == name) {
           r.format = format;
           return true;
         }
       error = ("--format expects text, json, sarif or github, got '" + v + "'")
                   .str();
       return false;
     }},
    {"preemption-bound", "N",
     "Explore only schedules with at most N preemptions (default: unbounded)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("preemption-bound", v, n, error, 0, 1000000))
         return false;
       r.explore.preemptionBound = static_cast<int>(n);
       return true;
     }},
    {"spurious-wakeups", nullptr,
     "Let condition waits also wake up without a signal, as POSIX allows",
     InBoth,
     [](StringRef, CommandLine &r, std::string &) {
       r.explore.spuriousWakeups = true;
       return true;
     }},
    {"real-time", nullptr,
     "Let the program read the real clock instead of tangle's virtual one "
     "(then the time may make executions differ)",
     InBoth,
     [](StringRef, CommandLine &r, std::string &) {
       r.realTime = true;
       return true;
     }},
    {"retry-bound", "N",
     "Failed try-locks a thread may make while others can run, before "
     "retry loops are cut as explored (default: 2)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("retry-bound", v, n, error, 0, 1000))
         return false;
       r.explore.retryBound = static_cast<uint32_t>(n);
       return true;
     }},
    {"max-executions", "N", "Stop after N executions (default: unlimited)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseCount("max-executions", v, r.explore.maxExecutions, error);
     }},
    {"timeout", "SECONDS",
     "Stop exploring after SECONDS of wall-clock time and say what was "
     "covered (default: 60; 0: unlimited)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseSeconds("timeout", v, r.explore.timeoutSeconds, error);
     }},
    {"strategy", "dpor|pct|pos|sym|portfolio",
     "How to choose executions: DPOR alone, random PCT or POS schedules, the "
     "symmetric preemption search then DPOR, or DPOR with the others once "
     "the budget cannot cover the space (default: portfolio)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       for (Strategy s :
            {Strategy::Dpor, Strategy::Pct, Strategy::Pos, Strategy::Symmetric,
             Strategy::Portfolio})
         if (v == strategyName(s)) {
           r.explore.strategy = s;
           return true;
         }
       error =
           ("--strategy expects dpor, pct, pos, sym or portfolio, got '" + v +
            "'")
               .str();
       return false;
     }},
    {"seed", "N",
     "Seed of the random schedules; the same seed gives the same schedules "
     "(default: 1)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseCount("seed", v, r.explore.seed, error);
     }},
    {"jobs", "N",
     "Explore with N workers at once, each with its own copy of the program "
     "on its own CPU, from 0.25 s of exploration on; auto: one per CPU "
     "tangle may use (default: 1)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v == "auto") { // the CPUs tangle may run on
         r.jobs = CommandLine::JobsAuto;
         return true;
       }
       uint64_t n;
       if (!parseCount("jobs", v, n, error, 1, 256)) {
         error = ("--jobs expects a whole number from 1 to 256 or 'auto', "
                  "got '" + v + "'").str();
         return false;
       }
       r.jobs = static_cast<uint32_t>(n);
       return true;
     }},
    {"shard", "I/N",
     "Explore only part I of N of the interleavings (from 1/N to N/N); "
     "tangle merge combines the N JSON reports into the report of one run",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       auto [first, second] = v.split('/');
       uint32_t index = 0, count = 0;
       if (first.getAsInteger(10, index) || second.getAsInteger(10, count) ||
           count < 1 || count > 10000 || index < 1 || index > count) {
         error = ("--shard expects I/N, a part I from 1 to N of N parts "
                  "(at most 10000), got '" + v + "'").str();
         return false;
       }
       r.explore.shardIndex = index;
       r.explore.shardCount = count;
       return true;
     }},
    {"max-findings", "N", "Stop after N distinct findings (default: 20)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("max-findings", v, n, error, 1, UINT32_MAX))
         return false;
       r.explore.maxFindings = static_cast<uint32_t>(n);
       return true;
     }},
    {"max-steps", "N",
     "Per execution: record at most N visible operations; the rest runs "
     "unrecorded and the verdict is incomplete (default: 1000000)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       // The event buffer is sized by it: 10^8 steps is ~40 GB of events.
       return parseCount("max-steps", v, r.explore.maxSteps, error, 1,
                         100000000);
     }},
    {"execution-timeout", "SECONDS",
     "Per execution: stop after SECONDS; a hang only when a thread loops "
     "without visible operations, else incomplete (default: 10)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseSeconds("execution-timeout", v, r.explore.executionTimeout,
                           error, 0.01);
     }},
    {"trace", "FILE",
     "Write the executions of the reported findings (check, replay) or the "
     "recorded run (run) to FILE (docs/trace-format.md)",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--trace expects a file name";
         return false;
       }
       r.traceFile = v.str();
       return true;
     }},
    {"lang", "en|zh",
     "Language of the text and HTML reports: English or Chinese (default: "
     "from LC_ALL, LC_MESSAGES or LANG; JSON is always English)",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       Language language;
       if (v != "en" && v != "zh") {
         error = ("--lang expects en or zh, got '" + v + "'").str();
         return false;
       }
       parseLanguage(v, language);
       r.language = language;
       return true;
     }},
    {"html", "FILE",
     "Also write the report as one self-contained HTML page to FILE "
     "(docs/html-report.md)",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--html expects a file name";
         return false;
       }
       r.htmlFile = v.str();
       return true;
     }},
    {"suppressions", "FILE",
     "Do not report findings FILE suppresses: one 'id:function-or-file' "
     "per line, both globs (docs/cli.md)",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--suppressions expects a file name";
         return false;
       }
       r.suppressionsFile = v.str();
       return true;
     }},
    {"show-output", nullptr,
     "Show the program's own output (hidden by default)", InAll,
     [](StringRef, CommandLine &r, std::string &) {
       r.showOutput = true;
       return true;
     }},
    {"no-lint", nullptr,
     "Skip the static checks that run on a source file besides the "
     "exploration (docs/cli.md)",
     InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.staticChecks = false;
       return true;
     }},
    {"reuse-process", nullptr,
     "Run executions one after another in one process, its memory rewound "
     "in between, instead of a fresh process each (the default), and say "
     "in the report how it went (docs/runtime.md, \"The reuse worker\")",
     InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.reuseProcess = true;
       r.reuseProcessGiven = true;
       return true;
     }},
    {"no-reuse-process", nullptr,
     "Run every execution in a fresh process of its own", InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.reuseProcess = false;
       r.reuseProcessGiven = true;
       return true;
     }},
    {"fibers", nullptr,
     "In a reuse worker, run the threads of an execution as fibers of one "
     "OS thread where the program allows it (the default; docs/runtime.md, "
     "\"Fibers\")",
     InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.fibers = true;
       r.fibersGiven = true;
       return true;
     }},
    {"no-fibers", nullptr,
     "In a reuse worker, run the threads of an execution as OS threads",
     InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.fibers = false;
       r.fibersGiven = true;
       return true;
     }},
    {"no-lock-order", nullptr,
     "Do not build the lock-order graph of the explored executions (no "
     "lock.order-inversion warnings)",
     InBoth,
     [](StringRef, CommandLine &r, std::string &) {
       r.explore.lockOrder = false;
       return true;
     }},
    {"schedule", "S",
     "The interleaving to run, as printed by `tangle check` (required)",
     InReplay,
     [](StringRef v, CommandLine &r, std::string &) {
       // Empty is valid: no choice differs from the default scheduler's.
       r.schedule = v.str();
       r.hasSchedule = true;
       return true;
     }},
    {"stdin", "FILE|-",
     "Give the program FILE as its standard input, or with '-' tangle's own "
     "(read once); every execution reads the same bytes (default: empty)",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--stdin expects a file name, or '-' for tangle's input";
         return false;
       }
       r.stdinFile = v.str();
       return true;
     }},

    // Per-run limits for untrusted programs (docs/cli.md). A program that
    // runs into one is stopped there, and the run is incomplete: a limit is
    // never a finding.
    {"no-predict", nullptr,
     "Do not predict deadlocks from the recorded run (docs/prediction.md)",
     InRun | InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.predict = false;
       return true;
     }},
    {"verbose", nullptr,
     "Say what the prediction did: each candidate, the answer and the time "
     "it took",
     InRun | InCheck,
     [](StringRef, CommandLine &r, std::string &) {
       r.verbose = true;
       return true;
     }},
    {"hang-after", "SECONDS",
     "Report a hang once no thread made progress for SECONDS while threads "
     "are blocked or loop (default: 3)",
     InRun,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseSeconds("hang-after", v, r.hangAfterSeconds, error, 0.1);
     }},
    {"limit-cpu", "SECONDS",
     "Per execution: CPU time (default: 60; 'none': no limit)", InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseLimit("limit-cpu", v, r.limits.cpuSeconds, error, 1);
     }},
    {"limit-memory", "SIZE",
     "Per execution: memory (address space) the program may add, thread "
     "stacks included, e.g. 512M or 4G (default: 4G; 'none')",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseSize("limit-memory", v, r.limits.memoryBytes, error,
                        MinMemoryLimit);
     }},
    {"limit-processes", "N",
     "Processes the program may run at once beyond yours at launch "
     "(default: 1024; 'none')",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseLimit("limit-processes", v, r.limits.processes, error, 1);
     }},
    {"limit-file-size", "SIZE",
     "The largest file the program may write, e.g. 10M (default: 1G; in "
     "run: none; 'none')",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       return parseSize("limit-file-size", v, r.limits.fileSizeBytes, error,
                        1 << 20);
     }},
    {"limit-open-files", "N",
     "Files the program may have open at once (default: 1024; in run: "
     "none; 'none')",
     InAll,
     [](StringRef v, CommandLine &r, std::string &error) {
       // The runtime and stdio need a few of their own.
       return parseLimit("limit-open-files", v, r.limits.openFiles, error, 16);
     }},
    {"sandbox", nullptr,
     "Run the program in its own user, mount and network namespaces: it "
     "sees the files read-only, its writes go to tangle's scratch folder, "
     "it has no network",
     InAll,
     [](StringRef, CommandLine &r, std::string &) {
       r.sandbox = true;
       return true;
     }},
};

/// The llvm::cl objects built from kOptions, created once per process, for
/// --help.
struct Registry {
  cl::OptionCategory category{"tangle options"};
  cl::SubCommand check{"check", "Explore every interleaving of a program"};
  cl::SubCommand replay{"replay", "Run one interleaving of a program"};
  cl::SubCommand run{"run", "Run a program once at full speed, recording "
                            "it, and explain a hang"};
  cl::list<std::string> positional{
      cl::Positional, cl::sub(check), cl::sub(replay), cl::sub(run),
      cl::desc("<FILE.c|FILE.cpp>..."), cl::cat(category)};
  std::vector<std::unique_ptr<cl::Option>> options;

  Registry() {
    for (const OptionSpec &spec : kOptions)
      options.push_back(makeOption(spec));
    cl::HideUnrelatedOptions(category, check);
    cl::HideUnrelatedOptions(category, replay);
    cl::HideUnrelatedOptions(category, run);
  }

  /// llvm::cl registers an option in its subcommands when it is built.
  template <class... Mods>
  std::unique_ptr<cl::Option> makeOption(const OptionSpec &spec,
                                         const Mods &...mods) {
    if (!spec.valueName)
      return std::make_unique<cl::opt<bool>>(StringRef(spec.name),
                                             cl::desc(spec.help),
                                             cl::cat(category), mods...);
    return std::make_unique<cl::opt<std::string>>(
        StringRef(spec.name), cl::desc(spec.help),
        cl::value_desc(spec.valueName), cl::cat(category), mods...);
  }

  std::unique_ptr<cl::Option> makeOption(const OptionSpec &spec) {
    switch (spec.subcommands) {
    case InCheck:
      return makeOption(spec, cl::sub(check));
    case InReplay:
      return makeOption(spec, cl::sub(replay));
    case InRun:
      return makeOption(spec, cl::sub(run));
    case InAll:
      return makeOption(spec, cl::sub(check), cl::sub(replay), cl::sub(run));
    default:
      return makeOption(spec, cl::sub(check), cl::sub(replay));
    }
  }
};

Registry &registry() {
  static Registry instance;
  return instance;
}

const OptionSpec *findOption(StringRef name, unsigned subcommand) {
  for (const OptionSpec &spec : kOptions)
    if (name == spec.name && (spec.subcommands & subcommand))
      return &spec;
  return nullptr;
}

std::string suggestion(StringRef name, unsigned subcommand) {
  const char *best = nullptr;
  unsigned bestDistance = 3;
  for (const OptionSpec &spec : kOptions) {
    if (!(spec.subcommands & subcommand))
      continue;
    unsigned d = name.edit_distance(spec.name, true, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = spec.name;
    }
  }
  return best ? (llvm::Twine("; did you mean '--") + best + "'?").str() : "";
}

/// An option given on the command line, with its value ("true" for a flag).
struct GivenOption {
  const OptionSpec *spec;
  std::string value;
};

/// Reads the words before `--` against kOptions: options with their
/// values, and the positional words. llvm::cl only prints --help: values
/// that start with '-' (`--max-executions=-1`) would confuse it, and every
/// error here gets one clear line.
bool scanWords(llvm::ArrayRef<std::string> words, StringRef command,
               unsigned subcommand, std::vector<GivenOption> &given,
               std::vector<std::string> &positional, bool &help,
               std::string &error) {
  for (size_t i = 0; i < words.size(); ++i) {
    StringRef word = words[i];
    if (!word.startswith("-") || word == "-") {
      positional.push_back(word.str());
      continue;
    }
    StringRef name = word.ltrim('-');
    bool hasValue = name.contains('=');
    StringRef value = name.split('=').second;
    name = name.split('=').first;
    if (name == "help" || name == "h" || name == "help-list") {
      help = true;
      continue;
    }
    const OptionSpec *spec = findOption(name, subcommand);
    if (!spec) {
      error = ("unknown option '" + word.split('=').first + "' for 'tangle " +
               command + "'" + suggestion(name, subcommand) + " (see tangle " +
               command + " --help)")
                  .str();
      return false;
    }
    if (spec->valueName && !hasValue && i + 1 == words.size()) {
      error =
          ("option '--" + name + "' needs a value (" + spec->valueName + ")")
              .str();
      return false;
    }
    if (!spec->valueName && hasValue) {
      error = ("option '--" + name + "' takes no value").str();
      return false;
    }
    if (!spec->valueName)
      given.push_back({spec, "true"});
    else if (hasValue)
      given.push_back({spec, value.str()});
    else
      given.push_back({spec, words[++i]}); // even when it starts with '-'
  }
  return true;
}

/// Prints the subcommand's --help through llvm::cl, which exits.
void printHelp(StringRef subcommand) {
  registry();
  cl::ResetAllOptionOccurrences();
  std::string program = "tangle", command = subcommand.str(), flag = "--help";
  const char *argv[] = {program.c_str(), command.c_str(), flag.c_str()};
  cl::ParseCommandLineOptions(3, argv, "");
}

bool isSourceFile(StringRef path) {
  return path.endswith(".c") || path.endswith(".cpp") || path.endswith(".cc") ||
         path.endswith(".cxx") || path.endswith(".C");
}

bool setTarget(llvm::ArrayRef<std::string> positional,
               llvm::ArrayRef<std::string> afterDashes, StringRef command,
               ProgramTarget &target, std::string &error) {
  if (positional.empty()) {
    if (afterDashes.empty()) {
      error = ("no program to check: write 'tangle " + command +
               " FILE.c' or 'tangle " + command + " -- ./program args...'")
                  .str();
      return false;
    }
    target.argv = afterDashes.vec();
    return true;
  }
  for (const std::string &file : positional) {
    if (isSourceFile(file))
      continue;
    error = "'" + file +
            "' is not a C or C++ source file (.c, .cpp, .cc, .cxx); to check "
            "a built program write 'tangle " +
            command.str() + " -- " + file + "'";
    return false;
  }
  // One program from several files: compiled by one driver, so in one
  // language (clang++ would compile a .c file as C++).
  auto isC = [](StringRef file) { return file.endswith(".c"); };
  for (const std::string &file : positional)
    if (isC(file) != isC(positional[0])) {
      error = "'" + positional[0] + "' and '" + file +
              "' are in different languages (C and C++): build the program "
              "yourself and write 'tangle " +
              command.str() + " -- ./program'";
      return false;
    }
  target.sourceFile = positional[0];
  target.moreSources.assign(positional.begin() + 1, positional.end());
  target.compilerFlags = afterDashes.vec();
  return true;
}

} // namespace

std::vector<std::string> ProgramTarget::sources() const {
  std::vector<std::string> all;
  if (!sourceFile.empty())
    all.push_back(sourceFile);
  all.insert(all.end(), moreSources.begin(), moreSources.end());
  return all;
}

std::string ProgramTarget::displayName() const {
  if (!sourceFile.empty()) {
    std::string name = sourceFile;
    for (const std::string &file : moreSources)
      name += " " + file;
    return name;
  }
  return argv.empty() ? std::string() : argv.front();
}

const char *usageOverview() {
  return "tangle: find deadlocks and lock misuse in C and C++ programs by "
         "exploring every thread interleaving\n"
         "\n"
         "usage:\n"
         "  tangle check FILE.c|FILE.cpp [MORE.c...] [options] [-- compiler "
         "flags]\n"
         "  tangle check [options] -- ./program args...\n"
         "  tangle replay --schedule S [options] FILE.c | -- ./program "
         "args...\n"
         "  tangle run FILE.c|FILE.cpp [options] [-- compiler flags] [-- "
         "program args]\n"
         "  tangle run [options] -- ./program args...\n"
         "  tangle trace-dump FILE\n"
         "  tangle attach PID | --core CORE BINARY [--format text|json]\n"
         "  tangle predict TRACE [--format json] [--verbose] [-- ./program args]\n"
         "  tangle lint [options] FILE... [-- compiler flags]  (as tangle-lint)\n"
         "  tangle grade DIR|FILE... [--format md|csv|json|html] [--jobs N] "
         "[--timeout S] [--reports DIR] [-- check options]\n"
         "  tangle merge [--format text|json] REPORT.json... (of tangle check "
         "--shard I/N --format json)\n"
         "  tangle --version\n"
         "\n"
         "`tangle check --help`, `tangle replay --help`, `tangle run --help` and "
         "`tangle lint --help` list the options.\n"
         "Exit codes: 0 clean, 1 findings, 2 bad usage or input, 3 incomplete "
         "without findings, 4 internal error, 5 (attach) not hung.\n";
}

/// tangle attach PID | --core CORE BINARY, with --format and
/// --suppressions (docs/attach.md).
static bool parseAttach(llvm::ArrayRef<std::string> args, CommandLine &result,
                        std::string &error) {
  result.command = Command::Attach;
  std::vector<std::string> positional;
  for (size_t i = 2; i < args.size(); ++i) {
    StringRef word = args[i];
    auto value = [&](StringRef name, std::string &into) {
      if (word.consume_front(name)) {
        if (word.consume_front("="))
          into = word.str();
        else if (word.empty() && i + 1 < args.size())
          into = args[++i];
        else
          return false;
        return true;
      }
      return false;
    };
    std::string format;
    if (word == "--help" || word == "-h") {
      result.command = Command::Help; // the overview shows attach's forms
      return true;
    }
    if (value("--format", format)) {
      if (format != "text" && format != "json") {
        error = "--format expects text or json, got '" + format + "'";
        return false;
      }
      result.format =
          format == "json" ? OutputFormat::Json : OutputFormat::Text;
    } else if (value("--core", result.coreFile) ||
               value("--suppressions", result.suppressionsFile)) {
    } else if (word.startswith("-")) {
      error = ("unknown option '" + word +
               "' for attach; expected --core, --format or --suppressions")
                  .str();
      return false;
    } else {
      positional.push_back(word.str());
    }
  }
  if (!result.coreFile.empty()) {
    if (positional.size() != 1) {
      error = "expected 'tangle attach --core CORE BINARY' (the executable "
              "the core was dumped from)";
      return false;
    }
    result.target.argv = positional;
    return true;
  }
  unsigned pid = 0;
  if (positional.size() != 1 ||
      StringRef(positional[0]).getAsInteger(10, pid) || pid == 0 ||
      pid > INT32_MAX) {
    error = "expected 'tangle attach PID' (a process id) or 'tangle attach "
            "--core CORE BINARY'";
    return false;
  }
  result.attachPid = int(pid);
  return true;
}

bool parseCommandLine(llvm::ArrayRef<std::string> args, CommandLine &result,
                      std::string &error) {
  result = CommandLine();
  StringRef first = args.size() > 1 ? StringRef(args[1]) : StringRef();
  if (first.empty() || first == "help" || first == "--help" ||
      first == "-help" || first == "-h") {
    result.command = Command::Help;
    return true;
  }
  if (first == "--version" || first == "-version" || first == "version") {
    result.command = Command::Version;
    return true;
  }
  if (first == "lint") {
    // The static checks parse their own command line (analyzer/Lint.cpp).
    result.command = Command::Lint;
    result.lintArgs.assign(args.begin() + 2, args.end());
    return true;
  }
  if (first == "merge") {
    // Merging shards' reports parses its own words (cli/merge_command.cpp).
    result.command = Command::Merge;
    result.mergeArgs.assign(args.begin() + 2, args.end());
    return true;
  }
  if (first == "grade") {
    // Batch grading parses its own words (cli/grade_command.cpp).
    result.command = Command::Grade;
    result.gradeArgs.assign(args.begin() + 2, args.end());
    return true;
  }
  unsigned subcommand;
  if (first == "trace-dump") {
    result.command = Command::TraceDump;
    if (args.size() != 3 || StringRef(args[2]).startswith("-")) {
      error = "expected 'tangle trace-dump FILE'";
      return false;
    }
    result.traceFile = args[2];
    return true;
  }
  if (first == "attach")
    return parseAttach(args, result, error);
  if (first == "predict") {
    // tangle predict TRACE [--format text|json] [--verbose] [-- ./prog args]
    result.command = Command::Predict;
    auto dashes = llvm::find(args, "--");
    for (auto it = args.begin() + 2; it != dashes; ++it) {
      StringRef word = *it;
      if (word == "--verbose") {
        result.verbose = true;
      } else if (word == "--format" || word.startswith("--format=")) {
        StringRef value = word.startswith("--format=")
                              ? word.drop_front(9)
                              : (it + 1 != dashes ? StringRef(*++it) : "");
        if (value != "text" && value != "json") {
          error = "--format expects 'text' or 'json', got '" + value.str() +
                  "'";
          return false;
        }
        result.format =
            value == "json" ? OutputFormat::Json : OutputFormat::Text;
      } else if (!word.startswith("-") && result.traceFile.empty()) {
        result.traceFile = word.str();
      } else {
        error = "expected 'tangle predict TRACE [--format text|json] "
                "[--verbose] [-- ./program args]', got '" +
                word.str() + "'";
        return false;
      }
    }
    if (result.traceFile.empty()) {
      error = "expected 'tangle predict TRACE' (a trace of tangle run "
              "--trace)";
      return false;
    }
    if (dashes != args.end())
      result.target.argv.assign(dashes + 1, args.end());
    return true;
  }
  if (first == "check") {
    result.command = Command::Check;
    subcommand = InCheck;
  } else if (first == "run") {
    result.command = Command::Run;
    subcommand = InRun;
    result.limits = recordedRunLimits(); // before the options given
  } else if (first == "replay") {
    result.command = Command::Replay;
    subcommand = InReplay;
  } else {
    error = ("unknown command '" + first +
             "'; expected 'check', 'replay', 'run', 'predict', 'attach', 'trace-dump', 'lint', 'grade' or 'merge' (see tangle --help)")
                .str();
    return false;
  }

  auto dashes = llvm::find(args, "--");
  std::vector<std::string> before(args.begin(), dashes);
  std::vector<std::string> after(dashes == args.end() ? dashes : dashes + 1,
                                 args.end());
  std::vector<GivenOption> given;
  std::vector<std::string> positional;
  bool help = false;
  if (!scanWords(llvm::makeArrayRef(before).drop_front(2), first, subcommand,
                 given, positional, help, error))
    return false;
  if (help)
    printHelp(first);
  // Given twice, the last one counts (scripts append overrides).
  for (const GivenOption &option : given)
    if (!option.spec->apply(option.value, result, error))
      return false;
  // tangle check|replay|run FILE.c [-- compiler flags] [-- program args]
  std::vector<std::string> programArgs;
  bool runsSource = result.command == Command::Run ||
                    result.command == Command::Check ||
                    result.command == Command::Replay;
  if (runsSource && !positional.empty()) {
    auto second = llvm::find(after, "--");
    if (second != after.end()) {
      programArgs.assign(second + 1, after.end());
      after.erase(second, after.end());
    }
  }
  if (!setTarget(positional, after, first, result.target, error))
    return false;
  result.target.programArgs = std::move(programArgs);
  // The roots of a shard's part come from the full expansion of the top of
  // the tree, whatever their preemptions (docs/exploration.md, "Shards").
  if (result.explore.shardCount && result.explore.preemptionBound >= 0) {
    error = "--shard and --preemption-bound do not go together yet: the "
            "parts of a sharded run start at any number of preemptions";
    return false;
  }
  if (result.command == Command::Replay && !result.hasSchedule) {
    error = "tangle replay needs --schedule S (printed by tangle check)";
    return false;
  }
  return true;
}

} // namespace tangle
