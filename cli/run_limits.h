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

} // namespace tangle
