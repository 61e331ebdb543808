// Entry point of the `tangle` executable.
#include "cli/tangle.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  std::vector<std::string> args(argv, argv + argc);
  tangle::Console console{llvm::outs(), llvm::errs()};
  console.showProgress = llvm::sys::Process::StandardErrIsDisplayed();
  console.readStdin = !llvm::sys::Process::StandardInIsUserInput();
  return tangle::runTangle(args, console);
}
