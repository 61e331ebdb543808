// Entry point of the `tangle` executable.
#include "cli/interrupt.h"
#include "cli/standard_streams.h"
#include "cli/tangle.h"
#include "cli/tunables.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"

int main(int argc, char **argv) {
  // The launcher started this process with huge pages for malloc; what
  // it starts gets the user's tunables (cli/tunables.h).
  tangle::restoreUserTunables();
  // First of all: descriptors 0-2 open, so that none of tangle's own lands
  // there (cli/standard_streams.h).
  tangle::openStandardStreams();
  // Not LLVM's SIGPIPE handler, which exits 74 from inside the handler:
  // tangle's (installed below, after LLVM's) lets the write fail instead.
  llvm::InitLLVM init(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  tangle::installInterruptHandlers();
  std::vector<std::string> args(argv, argv + argc);
  tangle::Console console{llvm::outs(), llvm::errs()};
  console.showProgress = llvm::sys::Process::StandardErrIsDisplayed();
  int code = tangle::runTangle(args, console);
  return tangle::finishStandardStreams(code);
}
