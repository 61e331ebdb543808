// The `tangle` command as a function, so that tests run it in-process.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace tangle {

/// Where a run reads and writes; main() fills it from the process.
struct Console {
  llvm::raw_ostream &out;
  llvm::raw_ostream &err;
  bool showProgress = false; // stderr is a terminal
};

/// Runs `tangle args...` (args[0] is the program name) and returns the exit
/// code: 0 clean, 1 findings, 2 bad usage or input, 3 incomplete without
/// findings, 4 internal error.
int runTangle(llvm::ArrayRef<std::string> args, Console &console);

} // namespace tangle
