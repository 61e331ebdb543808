// A static finding as the front ends render it: plain data, already resolved
// to file/line/column so that it outlives the AST it came from.
#ifndef TANGLE_ANALYZER_FINDING_H
#define TANGLE_ANALYZER_FINDING_H

#include <string>
#include <vector>

namespace tangle::analyzer {

struct SourcePosition {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

struct FindingNote {
  SourcePosition Where;
  std::string Message;
};

struct Finding {
  std::string CheckId;
  std::string Message;
  SourcePosition Where;
  std::vector<FindingNote> Notes;
};

} // namespace tangle::analyzer

#endif
