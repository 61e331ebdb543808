// tangle-shared-file-unlocked: one file written, or read and then written
// back, by two threads or processes that may run at the same time, without a
// lock held by both across the read-modify-write — the course's ticket
// example, which no other static checker reports.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include <map>
#include <set>

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

  void run(const Program &P, Reporter &R) override {
    std::map<std::string, std::vector<Write>> ByFile;
    for (const Context &C : P.contexts()) {
      const std::vector<ContextEvent> &Events = P.events(C.Id);
      for (const ContextEvent &W : Events) {
        if (W.E->Kind != EventKind::FileWrite)
          continue;
        const ContextEvent *Read = nullptr;
        for (const ContextEvent &Rd : Events)
          if (Rd.E->Kind == EventKind::FileRead &&
              Rd.E->Object == W.E->Object && before(Rd, W) &&
              (!Read || before(*Read, Rd)))
            Read = &Rd;
        ByFile[W.E->Object].push_back(
            {&W, Read, Read ? heldAcross(*Read, W) : W.Held});
      }
    }
    for (const auto &[File, Writes] : ByFile) {
      std::set<std::pair<unsigned, unsigned>> ContextPairs;
      for (const Write &A : Writes)
        for (const Write &B : Writes) {
          if (commonLock(A.Protecting, B.Protecting) ||
              !P.mayRunConcurrently(*A.At, *B.At))
            continue;
          if (A.At->Context == B.At->Context && A.At != B.At &&
              Writes.size() > 1 && &A > &B)
            continue;
          auto Pair = std::minmax(A.At->Context, B.At->Context);
          if (!ContextPairs.insert(Pair).second)
            continue;
          report(R, P, A, B);
        }
    }
  }

private:
  void report(Reporter &R, const Program &P, const Write &A, const Write &B) {
    const Context &CA = P.contexts()[A.At->Context];
    const Context &CB = P.contexts()[B.At->Context];
    bool Same = A.At->Context == B.At->Context;
    std::string Other = Same ? "another instance of " + CB.Name : CB.Name;
    std::string File = A.At->E->Display;
    std::string What = A.ReadBefore ? "read and written back" : "written";
    Finding *F = R.report(ids::SharedFileUnlocked, A.At->E->Site,
                          "file " + File + " is " + What + " in " + CA.Name +
                              " and written in " + Other +
                              " with no lock held by both across the update; "
                              "concurrent updates can be lost");
    if (A.ReadBefore)
      R.note(F, A.ReadBefore->E->Site, "the value written back is read here");
    R.contextNotes(F, P, *A.At);
    if (!Same || A.At != B.At) {
      R.note(F, B.At->E->Site, "file " + File + " is written here in " + Other);
      if (!Same)
        R.contextNotes(F, P, *B.At);
    }
  }
};

} // namespace

std::unique_ptr<Check> makeSharedFileUnlockedCheck() {
  return std::make_unique<SharedFileUnlockedCheck>();
}

} // namespace tangle::analyzer
