// A static finding as the front ends render it: plain data, already resolved
// to file/line/column so that it outlives the AST it came from.
#ifndef TANGLE_ANALYZER_FINDING_H
#define TANGLE_ANALYZER_FINDING_H

#include "analyzer/Sentence.h"

#include <string>
#include <vector>

namespace tangle::analyzer {

struct SourcePosition {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

// Message is the English text (JSON, SARIF, baselines and the plugin use
// it); Text is the same words as data, for a report in another language.
// Reporter fills both from one Sentence.
struct FindingNote {
  SourcePosition Where;
  std::string Message;
  Sentence Text;
};

struct Finding {
  std::string CheckId;
  std::string Message;
  SourcePosition Where;
  std::vector<FindingNote> Notes;
  Sentence Text;
};

} // namespace tangle::analyzer

#endif
