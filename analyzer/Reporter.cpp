// Collects the findings of the checks for one run.
#include "analyzer/Reporter.h"

#include <tuple>

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
  // A note is a place and what happened there: an access ("also read here
  // in C") or a pair of contexts ("the same accesses also meet between A
  // and B"). Distinct notes only, compared without text (two events at one
  // site, `g.n++` reading and writing, are one place to look at); the text
  // is made for the notes shown.
  struct Pending {
    FullSourceLoc Loc;
    const ContextEvent *Access; // null: a pair of contexts
    unsigned A, B;
  };
  std::vector<Pending> Notes;
  std::set<std::tuple<const SourceManager *, unsigned, int, unsigned, unsigned>>
      Distinct;
  auto Add = [&](FullSourceLoc Loc, const ContextEvent *Access, unsigned A,
                 unsigned B, int Kind) {
    const SourceManager *SM = Loc.hasManager() ? &Loc.getManager() : nullptr;
    unsigned At = SM ? SM->getExpansionLoc(Loc).getRawEncoding() : 0;
    if (Distinct.insert({SM, At, Kind, A, B}).second)
      Notes.push_back({Loc, Access, A, B});
  };
  auto AddAccess = [&](const ContextEvent &E) {
    Add(E.E->Site, &E, E.Context, 0, std::string(Verb(E)) == "read" ? 0 : 1);
  };
  AddAccess(FirstA);
  AddAccess(FirstB);
  Notes.clear();
  for (const auto &[A, B] : Others) {
    const Context &CA = P.contexts()[A->Context];
    if (A->E != FirstA.E || B->E != FirstB.E) {
      AddAccess(A->E != FirstA.E ? *A : *B);
      continue;
    }
    Add(CA.SpawnSite.isValid() ? CA.SpawnSite : A->E->Site, nullptr, A->Context,
        B->Context, 2);
  }
  auto Text = [&](const Pending &N) {
    if (N.Access)
      return std::string("also ") + Verb(*N.Access) + " here in " +
             P.contexts()[N.A].Name;
    const Context &CA = P.contexts()[N.A], &CB = P.contexts()[N.B];
    return "the same accesses also meet between " +
           (N.A == N.B ? "two instances of " + CA.Name
                       : CA.Name + " and " + CB.Name);
  };
  constexpr size_t Shown = 3;
  for (size_t I = 0; I < Notes.size() && I < Shown; ++I)
    note(F, Notes[I].Loc, Text(Notes[I]));
  if (Notes.size() > Shown)
    F->Notes.push_back(
        {F->Where, "and " + std::to_string(Notes.size() - Shown) + " more"});
}

} // namespace tangle::analyzer
