// The --limit-* defaults, apart from cli/options.h so that the launcher
// (cli/launcher.cpp), which links no LLVM, starts a program with the same
// limits as the full tangle.
#pragma once

#include <cstdint>

namespace tangle {

/// --limit-*: what a run of an untrusted program may use; 0: no limit.
/// CPU time and memory are per execution, the others for the program as a
/// whole (cli/live_program.h, docs/cli.md).
struct RunLimits {
  uint64_t cpuSeconds = 60;
  uint64_t memoryBytes = 4ull << 30;
  uint64_t processes = 1024; // beyond the user's processes at launch
  uint64_t fileSizeBytes = 1ull << 30;
  uint64_t openFiles = 1024;
};

/// `tangle run`'s defaults: one run of the user's own program, which should
/// meet the limits it meets without tangle. No limit on open files or file
/// size (the user's own stay, hard ones included: a server that raises its
/// descriptors to 4,096 failed under 1,024), only on processes (a fork bomb
/// ends at a limit, not in a hung machine; root is exempt anyway). Per
/// execution limits (CPU, memory) are check's and replay's.
inline RunLimits recordedRunLimits() {
  RunLimits limits;
  limits.fileSizeBytes = 0;
  limits.openFiles = 0;
  return limits;
}

} // namespace tangle
