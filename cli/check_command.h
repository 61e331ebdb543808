// `tangle check` and `tangle replay`: prepare the program (compile it or
// find it), launch it under the runtime, explore or replay, and report.
#pragma once

#include "cli/options.h"
#include "cli/tangle.h"

namespace tangle {

/// Runs a parsed check or replay command; returns the exit code.
int runCheckOrReplay(const CommandLine &commandLine, Console &console,
                     const std::string &argv0);

/// `<dir of the tangle executable>/../lib/libtangle_rt.so`.
std::string runtimeLibraryPath(const std::string &argv0);

/// `<dir of the tangle executable>/../include`, which holds tangle/sync.h.
std::string includeDirectoryPath(const std::string &argv0);

} // namespace tangle
