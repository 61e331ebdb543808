// Code addresses of the checked program to source locations, with LLVM's
// Symbolize library: runtime address -> module -> file address -> line.
#pragma once

#include "cli/live_program.h"
#include "model/blind_sites.h"
#include "model/event.h"

#include "llvm/DebugInfo/Symbolize/Symbolize.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tangle {

struct SourceLocation {
  std::string file; // relative to the working directory when under it
  uint32_t line = 0;
  uint32_t column = 0;
  std::string function;
  bool known() const { return !file.empty() && line != 0; }
  /// "prog.c:18" (or "prog.c:18:3" with the column).
  std::string str(bool withColumn = false) const;
};

/// One frame of a stack, symbolised.
struct Frame {
  uint64_t pc = 0;
  uint64_t framePointer = 0;
  const LoadedModule *module = nullptr;
  SourceLocation location;
  /// The student's own code: debug info with a file outside /usr/, not in
  /// tangle's runtime nor in tangle/sync.h, and not a forwarder.
  bool user = false;
  /// In a function of the student's that only forwards its parameters to a
  /// library call (CS:APP's `P(&s)` for `sem_wait(s)`): the report names
  /// the line that called it, and this frame only when no user frame is
  /// left.
  bool forwarder = false;
};

class Symbolizer {
public:
  explicit Symbolizer(std::vector<LoadedModule> modules);

  const std::vector<LoadedModule> &modules() const { return modules_; }
  const LoadedModule *moduleAt(uint64_t address) const;

  /// The location of the instruction at `address` (e.g. a function entry).
  SourceLocation codeAt(uint64_t address);
  /// The frames of a stack of return addresses, innermost first; code
  /// inlined at a return address adds a frame (with the same pc) for each
  /// level of inlining.
  std::vector<Frame> frames(const Stack &stack);
  /// The innermost frame in the student's code, if any (else the innermost
  /// forwarder's).
  std::optional<Frame> userFrame(const Stack &stack);
  /// The outermost frame in the student's code, if any.
  std::optional<Frame> outermostUserFrame(const Stack &stack);
  /// The forwarders' code in `binary` (file addresses, normalised): its
  /// frames are not user frames (BlindCode::forwarders).
  void setForwarders(const std::string &binary, std::vector<CodeRange> ranges);
  /// The file address of a runtime address in its module.
  static uint64_t fileAddress(const LoadedModule &module, uint64_t address) {
    return address - module.loadBias;
  }

  /// `path` relative to the working directory when it is under it.
  std::string displayPath(llvm::StringRef path) const;

private:
  SourceLocation lookup(uint64_t address);
  bool inForwarder(uint64_t fileAddress) const;
  /// The code inlined at `address`, innermost first, ending with the
  /// function the address is in.
  const std::vector<SourceLocation> &lookupInlined(uint64_t address);

  std::vector<LoadedModule> modules_;
  llvm::symbolize::LLVMSymbolizer symbolizer_;
  std::map<uint64_t, SourceLocation> cache_;
  std::map<uint64_t, std::vector<SourceLocation>> inlinedCache_;
  std::string workingDirectory_;
  size_t forwarderModule_ = SIZE_MAX; // an index in modules_
  std::vector<CodeRange> forwarders_;
};

/// Gives `symbolizer` the forwarders of the program `launch` runs, if the
/// compile found any (tangle check, run and predict of a source file).
void useForwarders(Symbolizer &symbolizer, const LaunchOptions &launch);

/// Whether a path belongs to the system (libc, libstdc++ headers).
bool isSystemPath(llvm::StringRef path);

/// Whether a path is tangle/sync.h: library code, so a report names the line
/// in the student's code that called it.
bool isTangleHeader(llvm::StringRef path);

} // namespace tangle
