#include "cli/source_lines.h"

#include "llvm/Support/LineIterator.h"
#include "llvm/Support/MemoryBuffer.h"

namespace tangle {

llvm::StringRef SourceLines::line(llvm::StringRef path, uint32_t line) {
  if (path.empty() || line == 0)
    return "";
  auto [it, added] = files_.try_emplace(path);
  if (added) {
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    // A generated file of many megabytes is not worth holding for one line.
    if (buffer && (*buffer)->getBufferSize() < (8u << 20))
      for (llvm::line_iterator l(**buffer, /*SkipBlanks=*/false);
           !l.is_at_eof(); ++l)
        it->second.push_back(l->str());
  }
  const std::vector<std::string> &lines = it->second;
  return line <= lines.size() ? llvm::StringRef(lines[line - 1])
                              : llvm::StringRef();
}

} // namespace tangle
