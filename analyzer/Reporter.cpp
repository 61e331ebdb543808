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
                          const Sentence &Text) {
  if (Loc.hasManager() &&
      Suppress.try_emplace(&Loc.getManager(), Loc.getManager())
          .first->second.isSuppressed(CheckId, Loc))
    return nullptr;
  SourcePosition Where = position(Loc);
  std::string Message = Text.str();
  std::string Key = std::string(CheckId) + "|" + Where.File + ":" +
                    std::to_string(Where.Line) + ":" +
                    std::to_string(Where.Column) + "|" + Message;
  if (!Seen.insert(Key).second)
    return nullptr;
  Findings.push_back({CheckId, std::move(Message), Where, {}, Text});
  return &Findings.back();
}

void Reporter::note(Finding *F, FullSourceLoc Loc, const Sentence &Text) {
  if (F)
    F->Notes.push_back({position(Loc), Text.str(), Text});
}

void Reporter::contextNotes(Finding *F, const Program &P,
                            const ContextEvent &E) {
  if (!F)
    return;
  const Context &C = P.contexts()[E.Context];
  if (C.SpawnSite.isValid())
    note(F, C.SpawnSite,
         C.Kind == ContextKind::SignalHandler
             ? msg("{0} is installed here", C.Name)
         : C.MultipleInstances ? msg("{0} is started here, more than once",
                                     C.Name)
                               : msg("{0} is started here", C.Name));
  for (FullSourceLoc Call : E.Chain)
    note(F, Call, msg("in {0}, through this call", C.Name));
}

void Reporter::otherContextNotes(
    Finding *F, const Program &P,
    const std::vector<std::pair<const ContextEvent *, const ContextEvent *>>
        &Others,
    const ContextEvent &FirstA, const ContextEvent &FirstB) {
  if (!F)
    return;
  auto IsRead = [](const ContextEvent &E) {
    return E.E->Kind == EventKind::GlobalRead ||
           E.E->Kind == EventKind::FileRead;
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
    Add(E.E->Site, &E, E.Context, 0, IsRead(E) ? 0 : 1);
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
      return IsRead(*N.Access)
                 ? msg("also read here in {0}", P.contexts()[N.A].Name)
                 : msg("also written here in {0}", P.contexts()[N.A].Name);
    const Context &CA = P.contexts()[N.A], &CB = P.contexts()[N.B];
    return N.A == N.B
               ? msg("the same accesses also meet between two instances of "
                     "{0}",
                     CA.Name)
               : msg("the same accesses also meet between {0} and {1}",
                     CA.Name, CB.Name);
  };
  constexpr size_t Shown = 3;
  for (size_t I = 0; I < Notes.size() && I < Shown; ++I)
    note(F, Notes[I].Loc, Text(Notes[I]));
  if (Notes.size() > Shown) {
    Sentence More = msg("and {0} more", Notes.size() - Shown);
    F->Notes.push_back({F->Where, More.str(), More});
  }
}

} // namespace tangle::analyzer
