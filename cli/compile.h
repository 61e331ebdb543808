// Compiling a student's source file for checking: clang or clang++ with
// debug info and frame pointers, into a private directory removed at exit.
#pragma once

#include "cli/scratch_directory.h"

#include <string>
#include <vector>

namespace tangle {

struct CompileResult {
  bool ok = false;
  std::string binary;         // the executable, when ok
  std::string compilerOutput; // what the compiler printed (errors, warnings)
  std::string error;          // one line, when the compiler could not run
};

/// The C++ standard of a program whose flags name none, and the one it is
/// compiled as when it does not compile as that (compileSource).
constexpr const char *DefaultCxxStandard = "c++17";
constexpr const char *RetryCxxStandard = "c++20";

/// The compiler command for `source`: clang for C, clang++ (C++17 unless
/// `userFlags` has -std=) for C++, with -g -O0 -fno-omit-frame-pointer
/// -pthread and then the user's flags. argv[0] is the compiler's path.
/// With `runtimeLibrary` (libtangle_rt.so), memory accesses are instrumented
/// (-fsanitize=thread -fno-sanitize-link-runtime) and the program is linked
/// against the runtime, which implements the __tsan_* hooks (docs/races.md).
/// `moreSources` are compiled and linked with `source` (same language).
std::vector<std::string>
compileCommand(const std::string &source,
               const std::vector<std::string> &userFlags,
               const std::string &output,
               const std::string &runtimeLibrary = "",
               const std::vector<std::string> &moreSources = {});

/// A note for a compile error where clang, which tangle compiles with, is
/// stricter than GCC, which the program may have been written for (the
/// C11 atomic functions on an object that is not _Atomic); "" for others.
std::string compileHint(const std::string &compilerOutput);

/// Compiles `source` (and `moreSources`, linked with it) into `directory`.
/// A C++ program without -std= that does not compile as C++17 is compiled
/// again as C++20.
CompileResult compileSource(const std::string &source,
                            const std::vector<std::string> &userFlags,
                            const ScratchDirectory &directory,
                            const std::string &runtimeLibrary = "",
                            const std::vector<std::string> &moreSources = {});

} // namespace tangle
