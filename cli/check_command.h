// `tangle check` and `tangle replay`: prepare the program (compile it or
// find it), launch it under the runtime, explore or replay, and report.
#pragma once

#include "cli/options.h"
#include "cli/scratch_directory.h"
#include "cli/tangle.h"
#include "model/blind_sites.h"

#include <vector>

namespace tangle {

/// Runs a parsed check or replay command; returns the exit code.
int runCheckOrReplay(const CommandLine &commandLine, Console &console,
                     const std::string &argv0);

/// The target with tangle/sync.h's directory first on the include path.
ProgramTarget withTangleIncludes(const ProgramTarget &target,
                                 const std::string &argv0);

/// Compiles a source target as `tangle check` does (tangle/sync.h on the
/// include path, `extraFlags` after the user's) into `scratch` (created if
/// need be). Returns 0 with `binary` set, or the exit code after printing
/// one line: 2 when the file is missing or does not compile (the
/// compiler's message first), 4 for tangle's own failures; `interrupted`
/// when an interrupt stopped the compiler (nothing printed then).
int compileTarget(const ProgramTarget &target, const std::string &argv0,
                  const std::vector<std::string> &extraFlags,
                  ScratchDirectory &scratch, Console &console,
                  std::string &binary, bool &interrupted);

/// compileTarget with the tangle_blind plugin in the compile, for a command
/// that needs only the program's forwarders from it (tangle run, predict):
/// `forwarders` gets them (none when the plugin is missing).
int compileWithForwarders(const ProgramTarget &target, const std::string &argv0,
                          ScratchDirectory &scratch, Console &console,
                          std::string &binary, bool &interrupted,
                          std::vector<CodeRange> &forwarders);

/// Resolves argv[0] of a built program like a shell would and checks that
/// tangle can run it under its runtime. Returns 0, or 2 after printing one
/// line.
int resolveBuiltProgram(std::vector<std::string> &argv, Console &console);

/// The program part of a replay command line: the source files, then
/// `-- flags` and `-- program args` when there are any; or `-- argv...`
/// for a built program. Each word shell-quoted.
std::string replayProgram(const ProgramTarget &target);

/// `<dir of the tangle executable>/../lib/libtangle_rt.so`.
std::string runtimeLibraryPath(const std::string &argv0);

/// `<dir of the tangle executable>/../include`, which holds tangle/sync.h.
std::string includeDirectoryPath(const std::string &argv0);

} // namespace tangle
