// The `tangle` command: parse the command line, dispatch the subcommand,
// report usage errors once, as one line, with exit code 2.
#include "cli/tangle.h"

#include "cli/attach_command.h"
#include "cli/check_command.h"
#include "cli/grade_command.h"
#include "cli/merge_command.h"
#include "cli/options.h"
#include "cli/predict_command.h"
#include "cli/run_command.h"

#include "analyzer/Lint.h"

#include "llvm/Config/llvm-config.h"

namespace tangle {

int runTangle(llvm::ArrayRef<std::string> args, Console &console) {
  CommandLine commandLine;
  std::string error;
  if (!parseCommandLine(args, commandLine, error)) {
    console.err << "tangle: error: " << error << "\n";
    return 2;
  }
  // JSON is for programs: always English (docs/cli.md, "--lang").
  setLanguage(commandLine.format == OutputFormat::Json
                  ? Language::English
                  : commandLine.language.value_or(languageFromEnvironment()));
  switch (commandLine.command) {
  case Command::Help:
    console.out << usageOverview();
    return 0;
  case Command::Version:
    console.out << "tangle " << TANGLE_VERSION << " (LLVM "
                << LLVM_VERSION_STRING << ")\n";
    return 0;
  case Command::Lint:
    // Its own --lang, or the locale's language set above.
    return analyzer::lintMain(
        commandLine.lintArgs, console.out, console.err,
        {&chooseLanguage, static_cast<const char *(*)(const char *)>(&tr)});
  case Command::Grade:
    return runGrade(commandLine.gradeArgs, console,
                    args.empty() ? "tangle" : args.front());
  case Command::Merge:
    return runMerge(commandLine.mergeArgs, console);
  case Command::Run:
    return runRecorded(commandLine, console,
                       args.empty() ? "tangle" : args.front());
  case Command::Attach:
    return runAttach(commandLine, console);
  case Command::TraceDump:
    return dumpTrace(commandLine, console);
  case Command::Predict:
    return runPredict(commandLine, console,
                      args.empty() ? "tangle" : args.front());
  case Command::Check:
  case Command::Replay:
    return runCheckOrReplay(commandLine, console,
                            args.empty() ? "tangle" : args.front());
  }
  return 4;
}

} // namespace tangle
