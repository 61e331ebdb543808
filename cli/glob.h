// Glob patterns, as suppressions use them: `*` (any run of characters), `?`
// (one character), `[a-z]` and `[!a-z]` or `[^a-z]` (a class, or its
// complement), `\` (the next character as it is); bytes, not UTF-8
// characters. Matching takes at most pattern x text steps, whatever the
// pattern: LLVM 14's GlobPattern backtracks exponentially on several `*`
// (the suppressions fuzzer found `*****...a` to run for minutes).
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace tangle {

/// "" when `pattern` is a valid glob, else why not (one line).
std::string globError(llvm::StringRef pattern);

/// Whether `text` matches `pattern` (a valid glob) as a whole.
bool globMatch(llvm::StringRef pattern, llvm::StringRef text);

} // namespace tangle
