// A baseline: the warnings a code base already has, so that a CI job can
// adopt tangle-lint and report only the new ones. A warning is known by its
// check, its file (relative to the source root), the code on the line of
// its site with the whitespace normalised, and its message; not by line
// numbers, so it keeps its identity when code elsewhere moves.
#ifndef TANGLE_ANALYZER_BASELINE_H
#define TANGLE_ANALYZER_BASELINE_H

#include "analyzer/Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <vector>

namespace tangle::analyzer {

// The first line of a baseline file.
extern const char *const BaselineHeader;

class Baseline {
public:
  // Reads `Path`; false with a one-line `Error` when it is missing or not a
  // baseline.
  bool read(const std::string &Path, std::string &Error);
  // The findings that are not in the baseline. A key the baseline holds N
  // times absorbs N findings: a second copy of a known problem is new.
  std::vector<Finding> newFindings(std::vector<Finding> Findings,
                                   const std::string &SourceRoot) const;

private:
  std::map<std::string, unsigned> Known;
};

// One line per finding, after the header.
void writeBaseline(const std::vector<Finding> &Findings,
                   const std::string &SourceRoot, llvm::raw_ostream &OS);

// The key of one finding: check, file, code at the site, message, each
// separated by a tab.
std::string baselineKey(const Finding &F, const std::string &SourceRoot);

} // namespace tangle::analyzer

#endif
