// Collects the findings of the checks for one run.
#include "analyzer/Reporter.h"

using namespace clang;

namespace tangle::analyzer {

SourcePosition Reporter::position(FullSourceLoc Loc) {
  if (Loc.isInvalid() || !Loc.hasManager())
    return {};
  const SourceManager &SM = Loc.getManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return {};
  return {P.getFilename(), P.getLine(), P.getColumn()};
}

Finding *Reporter::report(const char *CheckId, FullSourceLoc Loc,
                          std::string Message) {
  if (Loc.hasManager() &&
      Suppress.try_emplace(&Loc.getManager(), Loc.getManager())
          .first->second.isSuppressed(CheckId, Loc))
    return nullptr;
  SourcePosition Where = position(Loc);
  std::string Key = std::string(CheckId) + "|" + Where.File + ":" +
                    std::to_string(Where.Line) + ":" +
                    std::to_string(Where.Column) + "|" + Message;
  if (!Seen.insert(Key).second)
    return nullptr;
  Findings.push_back({CheckId, std::move(Message), Where, {}});
  return &Findings.back();
}

void Reporter::note(Finding *F, FullSourceLoc Loc, std::string Message) {
  if (F)
    F->Notes.push_back({position(Loc), std::move(Message)});
}

void Reporter::contextNotes(Finding *F, const Program &P,
                            const ContextEvent &E) {
  if (!F)
    return;
  const Context &C = P.contexts()[E.Context];
  if (C.SpawnSite.isValid())
    note(F, C.SpawnSite,
         C.Name + (C.Kind == ContextKind::SignalHandler ? " is installed here"
                   : C.MultipleInstances ? " is started here, more than once"
                                         : " is started here"));
  for (FullSourceLoc Call : E.Chain)
    note(F, Call, "in " + C.Name + ", through this call");
}

} // namespace tangle::analyzer
