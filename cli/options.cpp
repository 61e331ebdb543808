// The command line of `tangle`: every option is declared once, in kOptions,
// with its help text and what it sets; llvm::cl parses and prints --help.
#include "cli/options.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <memory>

namespace tangle {
namespace {

namespace cl = llvm::cl;
using llvm::StringRef;

enum SubcommandMask : unsigned { InCheck = 1, InReplay = 2, InBoth = 3 };

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

bool parseCount(StringRef name, StringRef value, uint64_t &out,
                std::string &error) {
  if (value.getAsInteger(10, out)) {
    error =
        ("--" + name + " expects a whole number, got '" + value + "'").str();
    return false;
  }
  return true;
}

bool parseSeconds(StringRef name, StringRef value, double &out,
                  std::string &error) {
  if (value.getAsDouble(out) || out < 0) {
    error = ("--" + name + " expects a number of seconds, got '" + value + "'")
                .str();
    return false;
  }
  return true;
}

const OptionSpec kOptions[] = {
    {"format", "text|json",
     "Output format: compiler-style text (default) or one JSON object", InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v == "text" || v == "json") {
         r.format = v == "json" ? OutputFormat::Json : OutputFormat::Text;
         return true;
       }
       error = ("--format expects text or json, got '" + v + "'").str();
       return false;
     }},
    {"preemption-bound", "N",
     "Explore only schedules with at most N preemptions (default: unbounded)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("preemption-bound", v, n, error))
         return false;
       if (n > 1000000) {
         error = "--preemption-bound is too large";
         return false;
       }
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
    {"retry-bound", "N",
     "Failed try-locks a thread may make while others can run, before "
     "retry loops are cut as explored (default: 2)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("retry-bound", v, n, error))
         return false;
       if (n > 1000) {
         error = "--retry-bound is too large (at most 1000)";
         return false;
       }
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
    {"max-findings", "N", "Stop after N distinct findings (default: 20)",
     InCheck,
     [](StringRef v, CommandLine &r, std::string &error) {
       uint64_t n;
       if (!parseCount("max-findings", v, n, error))
         return false;
       if (n == 0 || n > UINT32_MAX) {
         error = ("--max-findings expects a number from 1 to " +
                  llvm::Twine(UINT32_MAX) + ", got '" + v + "'")
                     .str();
         return false;
       }
       r.explore.maxFindings = static_cast<uint32_t>(n);
       return true;
     }},
    {"max-steps", "N",
     "Per execution: record at most N visible operations; the rest runs "
     "unrecorded and the verdict is incomplete (default: 1000000)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (!parseCount("max-steps", v, r.explore.maxSteps, error))
         return false;
       if (r.explore.maxSteps == 0) {
         error = "--max-steps must be at least 1";
         return false;
       }
       return true;
     }},
    {"execution-timeout", "SECONDS",
     "Per execution: stop after SECONDS; a hang only when a thread loops "
     "without visible operations, else incomplete (default: 10)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (!parseSeconds("execution-timeout", v, r.explore.executionTimeout,
                         error))
         return false;
       if (r.explore.executionTimeout == 0) {
         error = "--execution-timeout must be more than 0 seconds";
         return false;
       }
       return true;
     }},
    {"trace", "FILE",
     "Write the executions of the reported findings to FILE "
     "(docs/trace-format.md)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--trace expects a file name";
         return false;
       }
       r.traceFile = v.str();
       return true;
     }},
    {"suppressions", "FILE",
     "Do not report findings FILE suppresses: one 'id:function-or-file' "
     "per line, both globs (docs/cli.md)",
     InBoth,
     [](StringRef v, CommandLine &r, std::string &error) {
       if (v.empty()) {
         error = "--suppressions expects a file name";
         return false;
       }
       r.suppressionsFile = v.str();
       return true;
     }},
    {"show-output", nullptr,
     "Show the program's own output (hidden by default)", InBoth,
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
    {"schedule", "S",
     "The interleaving to run, as printed by `tangle check` (required)",
     InReplay,
     [](StringRef v, CommandLine &r, std::string &) {
       // Empty is valid: no choice differs from the default scheduler's.
       r.schedule = v.str();
       r.hasSchedule = true;
       return true;
     }},
};

/// The llvm::cl objects built from kOptions, created once per process.
struct Registry {
  cl::OptionCategory category{"tangle options"};
  cl::SubCommand check{"check", "Explore every interleaving of a program"};
  cl::SubCommand replay{"replay", "Run one interleaving of a program"};
  cl::list<std::string> positional{
      cl::Positional, cl::sub(check), cl::sub(replay),
      cl::desc("<FILE.c|FILE.cpp>"), cl::cat(category)};
  std::vector<std::unique_ptr<cl::Option>> options;

  Registry() {
    for (const OptionSpec &spec : kOptions)
      options.push_back(makeOption(spec));
    cl::HideUnrelatedOptions(category, check);
    cl::HideUnrelatedOptions(category, replay);
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
    default:
      return makeOption(spec, cl::sub(check), cl::sub(replay));
    }
  }

  std::string value(size_t i) const {
    if (auto *flag = dynamic_cast<cl::opt<bool> *>(options[i].get()))
      return *flag ? "true" : "";
    return static_cast<cl::opt<std::string> &>(*options[i]).getValue();
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

/// Checks the words before `--` against kOptions so that every usage error
/// gets one clear line (llvm::cl would print some of them itself).
bool checkWords(llvm::ArrayRef<std::string> words, StringRef command,
                unsigned subcommand, std::string &error) {
  for (size_t i = 0; i < words.size(); ++i) {
    StringRef word = words[i];
    if (!word.startswith("-") || word == "-")
      continue;
    StringRef name = word.ltrim('-');
    bool hasValue = name.contains('=');
    name = name.split('=').first;
    if (name == "help" || name == "h" || name == "help-list")
      continue;
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
    if (spec->valueName && !hasValue)
      ++i; // the value, even when it starts with '-'
  }
  return true;
}

bool isSourceFile(StringRef path) {
  return path.endswith(".c") || path.endswith(".cpp") || path.endswith(".cc") ||
         path.endswith(".cxx") || path.endswith(".C");
}

bool setTarget(llvm::ArrayRef<std::string> positional,
               llvm::ArrayRef<std::string> afterDashes, StringRef command,
               ProgramTarget &target, std::string &error) {
  if (positional.size() > 1) {
    error = "expected one source file, got '" + positional[0] + "' and '" +
            positional[1] + "'";
    return false;
  }
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
  if (!isSourceFile(positional[0])) {
    error = "'" + positional[0] +
            "' is not a C or C++ source file (.c, .cpp, .cc, .cxx); to check "
            "a built program write 'tangle " +
            command.str() + " -- " + positional[0] + "'";
    return false;
  }
  target.sourceFile = positional[0];
  target.compilerFlags = afterDashes.vec();
  return true;
}

} // namespace

std::string ProgramTarget::displayName() const {
  if (!sourceFile.empty())
    return sourceFile;
  return argv.empty() ? std::string() : argv.front();
}

const char *usageOverview() {
  return "tangle: find deadlocks and lock misuse in C and C++ programs by "
         "exploring every thread interleaving\n"
         "\n"
         "usage:\n"
         "  tangle check FILE.c|FILE.cpp [options] [-- compiler flags]\n"
         "  tangle check [options] -- ./program args...\n"
         "  tangle replay --schedule S [options] FILE.c | -- ./program "
         "args...\n"
         "  tangle lint [options] FILE... [-- compiler flags]  (as tangle-lint)\n"
         "  tangle --version\n"
         "\n"
         "`tangle check --help`, `tangle replay --help` and `tangle lint "
         "--help` list the options.\n"
         "Exit codes: 0 clean, 1 findings, 2 bad usage or input, 3 incomplete "
         "without findings, 4 internal error.\n";
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
  unsigned subcommand;
  if (first == "check") {
    result.command = Command::Check;
    subcommand = InCheck;
  } else if (first == "replay") {
    result.command = Command::Replay;
    subcommand = InReplay;
  } else {
    error = ("unknown command '" + first +
             "'; expected 'check', 'replay' or 'lint' (see tangle --help)")
                .str();
    return false;
  }

  auto dashes = llvm::find(args, "--");
  std::vector<std::string> before(args.begin(), dashes);
  std::vector<std::string> after(dashes == args.end() ? dashes : dashes + 1,
                                 args.end());
  if (!checkWords(llvm::makeArrayRef(before).drop_front(2), first, subcommand,
                  error))
    return false;

  Registry &reg = registry();
  cl::ResetAllOptionOccurrences();
  std::vector<const char *> argv;
  for (const std::string &word : before)
    argv.push_back(word.c_str());
  std::string clErrors;
  llvm::raw_string_ostream clStream(clErrors);
  if (!cl::ParseCommandLineOptions(argv.size(), argv.data(), "", &clStream)) {
    clStream.flush();
    // llvm::cl starts its messages with the program's name.
    StringRef line = StringRef(clErrors).split('\n').first;
    if (line.contains(": "))
      line = line.split(": ").second;
    error = line.empty() ? "invalid command line" : line.str();
    return false;
  }

  for (size_t i = 0; i < llvm::array_lengthof(kOptions); ++i) {
    if (!(kOptions[i].subcommands & subcommand) ||
        !reg.options[i]->getNumOccurrences())
      continue;
    if (!kOptions[i].apply(reg.value(i), result, error))
      return false;
  }
  std::vector<std::string> positional(reg.positional.begin(),
                                      reg.positional.end());
  if (!setTarget(positional, after, first, result.target, error))
    return false;
  if (result.command == Command::Replay && !result.hasSchedule) {
    error = "tangle replay needs --schedule S (printed by tangle check)";
    return false;
  }
  return true;
}

} // namespace tangle
