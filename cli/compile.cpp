// Compiling a student's source file for checking.
#include "cli/compile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace tangle {

using llvm::StringRef;

static bool isCSource(StringRef path) { return path.endswith(".c"); }

static bool hasStandardFlag(const std::vector<std::string> &flags) {
  return llvm::any_of(flags, [](const std::string &flag) {
    return StringRef(flag).startswith("-std=") ||
           StringRef(flag).startswith("--std");
  });
}

std::vector<std::string>
compileCommand(const std::string &source,
               const std::vector<std::string> &userFlags,
               const std::string &output,
               const std::string &runtimeLibrary,
               const std::vector<std::string> &moreSources) {
  bool c = isCSource(source);
  std::vector<std::string> argv = {c ? TANGLE_CLANG : TANGLE_CLANGXX, "-g",
                                   "-O0", "-fno-omit-frame-pointer",
                                   "-pthread"};
  if (!c && !hasStandardFlag(userFlags))
    argv.push_back("-std=" + std::string(DefaultCxxStandard));
  argv.insert(argv.end(), userFlags.begin(), userFlags.end());
  argv.insert(argv.end(), {"-o", output, source});
  argv.insert(argv.end(), moreSources.begin(), moreSources.end());
  if (!runtimeLibrary.empty()) {
    // The hooks resolve against the runtime at link time; at run time it is
    // the same library tangle preloads (found again through the rpath when
    // the binary runs on its own, where it stays in passthrough mode).
    StringRef dir = llvm::sys::path::parent_path(runtimeLibrary);
    // -tsan-instrument-read-before-write: ThreadSanitizer drops the read
    // of `x++` (a read followed by a write of the same place in one basic
    // block); the lost-update check needs it, to tell the read an update
    // came from from an earlier read of the thread (races.cpp).
    argv.insert(argv.end(), {"-fsanitize=thread", "-fno-sanitize-link-runtime",
                             "-mllvm", "-tsan-instrument-read-before-write",
                             runtimeLibrary, "-Wl,-rpath," + dir.str()});
  }
  return argv;
}

static CompileResult compileOnce(const std::vector<std::string> &argv,
                                 const ScratchDirectory &directory) {
  CompileResult result;
  llvm::SmallString<128> log(directory.path());
  llvm::sys::path::append(log, "compiler-output.txt");
  std::vector<StringRef> args(argv.begin(), argv.end());
  llvm::Optional<StringRef> redirects[] = {StringRef(""), StringRef(log),
                                           StringRef(log)};
  std::string message;
  bool failedToRun = false;
  int status = llvm::sys::ExecuteAndWait(argv[0], args, llvm::None, redirects,
                                         /*SecondsToWait=*/120, 0, &message,
                                         &failedToRun);
  if (auto buffer = llvm::MemoryBuffer::getFile(log))
    result.compilerOutput = (*buffer)->getBuffer().str();
  if (failedToRun)
    result.error = "cannot run the compiler " + argv[0] + ": " + message;
  result.ok = !failedToRun && status == 0;
  return result;
}

CompileResult compileSource(const std::string &source,
                            const std::vector<std::string> &userFlags,
                            const ScratchDirectory &directory,
                            const std::string &runtimeLibrary,
                            const std::vector<std::string> &moreSources) {
  llvm::SmallString<128> binary(directory.path());
  llvm::sys::path::append(binary, llvm::sys::path::stem(source));
  CompileResult result =
      compileOnce(compileCommand(source, userFlags, std::string(binary),
                                 runtimeLibrary, moreSources),
                  directory);
  // C++17 compiles faster (C++20's headers take clang++ about 0.2 s more
  // here), so a C++ program without -std= is tried as C++20 only when it
  // does not compile as C++17: std::latch, std::barrier, std::jthread and
  // atomic waits need it. The second attempt's messages are the ones shown.
  if (!result.ok && result.error.empty() && !isCSource(source) &&
      !hasStandardFlag(userFlags)) {
    std::vector<std::string> flags = userFlags;
    flags.push_back("-std=" + std::string(RetryCxxStandard));
    result = compileOnce(compileCommand(source, flags, std::string(binary),
                                        runtimeLibrary, moreSources),
                         directory);
  }
  if (result.ok)
    result.binary = std::string(binary);
  return result;
}

std::string compileHint(const std::string &compilerOutput) {
  if (compilerOutput.find("must be a pointer to _Atomic type") !=
      std::string::npos)
    return "clang takes the C11 atomic functions (atomic_fetch_add, "
           "atomic_load...) on _Atomic objects only, where GCC also takes "
           "plain ones: declare the variable _Atomic (atomic_int, "
           "atomic_size_t, _Atomic(T))";
  return "";
}

} // namespace tangle
