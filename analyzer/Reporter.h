// Collects the findings of the checks for one translation unit: turns AST
// locations into file/line/column, adds the notes that place an event in its
// context, and drops what NOLINT comments suppress.
#ifndef TANGLE_ANALYZER_REPORTER_H
#define TANGLE_ANALYZER_REPORTER_H

#include "analyzer/Contexts.h"
#include "analyzer/Finding.h"
#include "analyzer/Suppressions.h"
#include "clang/AST/ASTContext.h"
#include <deque>
#include <set>

namespace tangle::analyzer {

class Reporter {
public:
  explicit Reporter(const clang::ASTContext &Ctx)
      : SM(Ctx.getSourceManager()), Suppress(SM) {}

  // Null when the finding is suppressed or was already reported at the same
  // place with the same message.
  Finding *report(const char *CheckId, clang::SourceLocation Loc,
                  std::string Message);
  void note(Finding *F, clang::SourceLocation Loc, std::string Message);
  // Where the context was started and the calls from its entry to the event.
  void contextNotes(Finding *F, const Program &P, const ContextEvent &E);

  std::vector<Finding> take() {
    return std::vector<Finding>(Findings.begin(), Findings.end());
  }
  SourcePosition position(clang::SourceLocation Loc) const;

private:
  const clang::SourceManager &SM;
  Suppressions Suppress;
  std::deque<Finding> Findings; // stable addresses for report()'s result
  std::set<std::string> Seen;
};

} // namespace tangle::analyzer

#endif
