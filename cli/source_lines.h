// The lines of the program's source files, read once per file: the HTML
// report shows a step's line on hover, and the object namer reads the line
// that allocates a heap block to find the pointer it is assigned to.
#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tangle {

class SourceLines {
public:
  /// Line `line` (1-based) of the source file `path`, as written; empty
  /// when the file cannot be read, is larger than 8 MiB, or is shorter.
  llvm::StringRef line(llvm::StringRef path, uint32_t line);

private:
  llvm::StringMap<std::vector<std::string>> files_;
};

} // namespace tangle
