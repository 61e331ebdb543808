// tangle-shared-file-unlocked: one file written, or read and then written
// back, by two threads or processes that may run at the same time, without a
// lock held by both across the read-modify-write — the course's ticket
// example, which no other static checker reports.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include <map>
#include <set>
#include <tuple>

namespace tangle::analyzer {
namespace {

struct Write {
  const ContextEvent *At;
  const ContextEvent *ReadBefore; // the read it writes back, if any
  LockSet Protecting;             // held across the whole update
};

// The locks held at both the read and the write by the same acquisition:
// releasing and retaking in between lets another update slip in.
LockSet heldAcross(const ContextEvent &Read, const ContextEvent &W) {
  LockSet Across;
  for (const HeldLock &L : W.Held)
    for (const HeldLock &M : Read.Held)
      if (L.Key == M.Key && L.AcquireId == M.AcquireId)
        Across.push_back(L);
  return Across;
}

bool before(const ContextEvent &A, const ContextEvent &B) {
  if (A.Offset != B.Offset)
    return A.Offset < B.Offset;
  return A.E->Offset < B.E->Offset;
}

bool commonLock(const LockSet &A, const LockSet &B) {
  for (const HeldLock &L : A)
    if (!L.Shared && holds(B, L.Key))
      return true;
  return false;
}

class SharedFileUnlockedCheck : public Check {
public:
  const char *id() const override { return ids::SharedFileUnlocked; }
  const char *summary() const override {
    return "A file is updated by two threads or processes that may run at "
           "the same time, without a lock held by both across the update.";
  }

  // A lost update: a read written back by one context and a write by
  // another; or a write another context reads. Writes only (a log, a
  // report) lose nothing.
  void run(const Program &P, Reporter &R) override {
    std::map<std::string, std::vector<Write>> ByFile;
    std::map<std::string, std::vector<const ContextEvent *>> Reads;
    for (const Context &C : P.contexts()) {
      const std::vector<ContextEvent> &Events = P.events(C.Id);
      std::set<const ContextEvent *> WrittenBack;
      for (const ContextEvent &W : Events) {
        if (W.E->Kind != EventKind::FileWrite)
          continue;
        const ContextEvent *Read = nullptr;
        for (const ContextEvent &Rd : Events)
          if (Rd.E->Kind == EventKind::FileRead &&
              Rd.E->Object == W.E->Object && before(Rd, W) &&
              (!Read || before(*Read, Rd)))
            Read = &Rd;
        if (Read)
          WrittenBack.insert(Read);
        ByFile[W.E->Object].push_back(
            {&W, Read, Read ? heldAcross(*Read, W) : W.Held});
      }
      for (const ContextEvent &Rd : Events)
        if (Rd.E->Kind == EventKind::FileRead && !WrittenBack.count(&Rd))
          Reads[Rd.E->Object].push_back(&Rd);
    }
    for (const auto &[File, Writes] : ByFile) {
      using Pair = std::pair<const ContextEvent *, const ContextEvent *>;
      std::vector<Pair> Found;
      std::map<const ContextEvent *, const Write *> WriteAt;
      std::set<std::tuple<const Event *, const Event *, unsigned, unsigned>>
          Done;
      auto Add = [&](const ContextEvent *A, const ContextEvent *B) {
        auto Sites = std::minmax(A->E, B->E);
        auto Contexts = std::minmax(A->Context, B->Context);
        if (Done.insert({Sites.first, Sites.second, Contexts.first,
                         Contexts.second})
                .second)
          Found.push_back({A, B});
      };
      for (const Write &A : Writes) {
        WriteAt[A.At] = &A;
        if (!A.ReadBefore)
          continue;
        for (const Write &B : Writes) {
          if (commonLock(A.Protecting, B.Protecting) ||
              !P.mayRunConcurrently(*A.At, *B.At))
            continue;
          if (A.At->Context == B.At->Context && A.At != B.At &&
              Writes.size() > 1 && &A > &B)
            continue;
          Add(A.At, B.At);
        }
      }
      for (const Write &A : Writes)
        for (const ContextEvent *Rd : Reads[File])
          if (Rd->Context != A.At->Context &&
              !commonLock(A.Protecting, Rd->Held) &&
              P.mayRunConcurrently(*A.At, *Rd))
            Add(A.At, Rd);
      for (const std::vector<Pair> &G : groupBySite(Found)) {
        const Pair &First = G.front();
        Finding *F = report(R, P, *WriteAt[First.first], *First.second);
        R.otherContextNotes(F, P, {G.begin() + 1, G.end()}, *First.first,
                            *First.second);
      }
    }
  }

private:
  Finding *report(Reporter &R, const Program &P, const Write &A,
                  const ContextEvent &B) {
    const Context &CA = P.contexts()[A.At->Context];
    const Context &CB = P.contexts()[B.Context];
    bool Same = A.At->Context == B.Context;
    bool Reads = B.E->Kind == EventKind::FileRead;
    Sentence Other = Same ? msg("another instance of {0}", CB.Name) : CB.Name;
    std::string File = A.At->E->Display;
    // One whole sentence per case, so that a language orders its parts.
    Sentence Msg =
        A.ReadBefore
            ? Reads ? msg("file {0} is read and written back in {1} and read "
                          "in {2} with no lock held by both; the reader can "
                          "see a partial update",
                          File, CA.Name, Other)
                    : msg("file {0} is read and written back in {1} and "
                          "written in {2} with no lock held by both across "
                          "the update; concurrent updates can be lost",
                          File, CA.Name, Other)
        : Reads ? msg("file {0} is written in {1} and read in {2} with no "
                      "lock held by both; the reader can see a partial update",
                      File, CA.Name, Other)
                : msg("file {0} is written in {1} and written in {2} with no "
                      "lock held by both across the update; concurrent "
                      "updates can be lost",
                      File, CA.Name, Other);
    Finding *F = R.report(ids::SharedFileUnlocked, A.At->E->Site, Msg);
    if (A.ReadBefore)
      R.note(F, A.ReadBefore->E->Site,
             msg("the value written back is read here"));
    R.contextNotes(F, P, *A.At);
    if (!Same || A.At != &B) {
      R.note(F, B.E->Site,
             Reads ? msg("file {0} is read here in {1}", File, Other)
                   : msg("file {0} is written here in {1}", File, Other));
      if (!Same)
        R.contextNotes(F, P, B);
    }
    return F;
  }
};

} // namespace

std::unique_ptr<Check> makeSharedFileUnlockedCheck() {
  return std::make_unique<SharedFileUnlockedCheck>();
}

} // namespace tangle::analyzer
