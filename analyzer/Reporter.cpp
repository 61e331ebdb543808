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

void Reporter::otherContextNotes(
    Finding *F, const Program &P,
    const std::vector<std::pair<const ContextEvent *, const ContextEvent *>>
        &Others,
    const ContextEvent &FirstA, const ContextEvent &FirstB) {
  if (!F)
    return;
  auto Verb = [](const ContextEvent &E) {
    return E.E->Kind == EventKind::GlobalRead ||
                   E.E->Kind == EventKind::FileRead
               ? "read"
               : "written";
  };
  // Distinct notes only: two events at one site (`g.n++` reads and
  // writes) are one place to look at.
  std::vector<std::pair<FullSourceLoc, std::string>> Notes;
  std::set<std::string> Distinct;
  auto Add = [&](FullSourceLoc Loc, std::string Message) {
    SourcePosition Pos = position(Loc);
    if (Distinct
            .insert(Pos.File + ":" + std::to_string(Pos.Line) + ":" +
                    std::to_string(Pos.Column) + " " + Message)
            .second)
      Notes.push_back({Loc, std::move(Message)});
  };
  for (const ContextEvent *First : {&FirstA, &FirstB})
    Add(First->E->Site, std::string("also ") + Verb(*First) + " here in " +
                            P.contexts()[First->Context].Name);
  Notes.clear();
  for (const auto &[A, B] : Others) {
    const Context &CA = P.contexts()[A->Context];
    const Context &CB = P.contexts()[B->Context];
    if (A->E != FirstA.E || B->E != FirstB.E) {
      const ContextEvent &At = A->E != FirstA.E ? *A : *B;
      Add(At.E->Site, std::string("also ") + Verb(At) + " here in " +
                          P.contexts()[At.Context].Name);
      continue;
    }
    std::string Pair = A->Context == B->Context ? "two instances of " + CA.Name
                                                : CA.Name + " and " + CB.Name;
    Add(CA.SpawnSite.isValid() ? CA.SpawnSite : A->E->Site,
        "the same accesses also meet between " + Pair);
  }
  constexpr size_t Shown = 3;
  for (size_t I = 0; I < Notes.size() && I < Shown; ++I)
    note(F, Notes[I].first, Notes[I].second);
  if (Notes.size() > Shown)
    F->Notes.push_back(
        {F->Where, "and " + std::to_string(Notes.size() - Shown) + " more"});
}

} // namespace tangle::analyzer
