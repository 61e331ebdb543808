// Collects the findings of the checks for one run: turns AST locations
// (of any of its translation units) into file/line/column, adds the notes that
// place an event in its context, and drops what NOLINT comments suppress.
#ifndef TANGLE_ANALYZER_REPORTER_H
#define TANGLE_ANALYZER_REPORTER_H

#include "analyzer/Contexts.h"
#include "analyzer/Finding.h"
#include "analyzer/Suppressions.h"
#include "clang/AST/ASTContext.h"
#include <deque>
#include <map>
#include <set>

namespace tangle::analyzer {

class Reporter {
public:
  // Null when the finding is suppressed or was already reported at the same
  // place with the same message.
  Finding *report(const char *CheckId, clang::FullSourceLoc Loc,
                  const Sentence &Message);
  void note(Finding *F, clang::FullSourceLoc Loc, const Sentence &Message);
  // Where the context was started and the calls from its entry to the event.
  void contextNotes(Finding *F, const Program &P, const ContextEvent &E);

  // One warning per problem: the other pairs of accesses grouped with the
  // first (FirstA, FirstB) as notes, at most three, then a count: another
  // site, or the same sites in another pair of contexts.
  void otherContextNotes(
      Finding *F, const Program &P,
      const std::vector<std::pair<const ContextEvent *, const ContextEvent *>>
          &Others,
      const ContextEvent &FirstA, const ContextEvent &FirstB);

  std::vector<Finding> take() {
    return std::vector<Finding>(Findings.begin(), Findings.end());
  }
  static SourcePosition position(clang::FullSourceLoc Loc);

private:
  // One per translation unit: NOLINT comments are read from its buffers.
  std::map<const clang::SourceManager *, Suppressions> Suppress;
  std::deque<Finding> Findings; // stable addresses for report()'s result
  std::set<std::string> Seen;
};

} // namespace tangle::analyzer

#endif
