// What tangle was given to check, looked at before anything runs: a source
// file must be a readable regular file; a built program must be a 64-bit,
// dynamically linked ELF executable for this machine (read from its header),
// since the runtime reaches it through LD_PRELOAD. Each wrong kind gets its
// own one-line message.
#pragma once

#include <string>

namespace tangle {

/// "" when `path` is a readable regular file; otherwise why not.
std::string checkSourceFile(const std::string &path);

/// "" when the program at `path` (already found and executable) can run
/// under tangle's runtime; otherwise why not, e.g. "prog is a 32-bit
/// program (ELFCLASS32); tangle checks 64-bit programs: build it without
/// -m32".
std::string checkProgramBinary(const std::string &path);

} // namespace tangle
