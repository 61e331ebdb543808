// The interface every static check implements; checks are listed in
// CheckRegistry.cpp and live one per file in checks/.
#ifndef TANGLE_ANALYZER_CHECK_H
#define TANGLE_ANALYZER_CHECK_H

#include "analyzer/Contexts.h"
#include "analyzer/Reporter.h"

namespace tangle::analyzer {

class Check {
public:
  virtual ~Check() = default;
  virtual const char *id() const = 0;
  // One sentence for `--list-checks` and SARIF's rule description.
  virtual const char *summary() const = 0;
  virtual void run(const Program &P, Reporter &R) = 0;
};

} // namespace tangle::analyzer

#endif
