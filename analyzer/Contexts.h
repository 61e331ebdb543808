// The concurrency contexts of a translation unit — the main thread, each
// thread entry, each forked child — with their events flattened through the
// calls they make, and the rule that says which two may run concurrently.
#ifndef TANGLE_ANALYZER_CONTEXTS_H
#define TANGLE_ANALYZER_CONTEXTS_H

#include "analyzer/FunctionSummary.h"
#include "analyzer/Sentence.h"
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tangle::analyzer {

enum class ContextKind { Spawner, Thread, ChildProcess, SignalHandler };

// One call on the way from a context's root to an event: a parameter of
// `Function` stands for the argument `Call` passed (the root's parameters
// for the spawn's arguments).
struct CallFrame {
  const clang::FunctionDecl *Function = nullptr;
  const Event *Call = nullptr; // null: the context's root
  const CallFrame *Parent = nullptr;
};

struct Context {
  unsigned Id = 0;
  ContextKind Kind = ContextKind::Spawner;
  const clang::FunctionDecl *Root = nullptr; // whose body it runs
  const clang::FunctionDecl *Spawner = nullptr;
  clang::FullSourceLoc SpawnSite;
  unsigned SpawnOffset = 0;
  unsigned JoinOffset = ~0u; // first join after the spawn; ~0u: never
  bool MultipleInstances = false;
  OffsetRange Region; // ChildProcess: the child's branch in Root
  Sentence Name;      // "thread 'worker'", "child process", "main thread"
  // What the root's parameters receive (see Event::ArgKeys, Instances).
  std::vector<std::string> ArgKeys;
  std::vector<int64_t> Instances;
  std::vector<const clang::Expr *> SpawnArgs;
  const Event *SpawnEvent = nullptr; // in Spawner's summary
  const std::string &argKey(unsigned Param) const {
    static const std::string None;
    return Param < ArgKeys.size() ? ArgKeys[Param] : None;
  }
};

// An immutable value shared by the events that have it: the neighbouring
// events of one function hold the same locks and are reached through the
// same calls, and each context's copy of a root's events shares them too.
// The values live in the Program (stable addresses, freed with it), so an
// event holds a pointer: copying one costs no reference count and the
// flattened lists of a long `main` (40,000 events on pigz) stay small.
// Reads like the value (`for (const HeldLock &L : E.Held)`).
template <class T> class Shared {
public:
  Shared() : P(&none()) {}
  explicit Shared(const T *Value) : P(Value) {}
  operator const T &() const { return *P; }
  const T &get() const { return *P; }
  auto begin() const { return P->begin(); }
  auto end() const { return P->end(); }
  size_t size() const { return P->size(); }
  bool empty() const { return P->empty(); }
  const auto &operator[](size_t I) const { return (*P)[I]; }

private:
  static const T &none() {
    static const T None;
    return None;
  }
  const T *P;
};

// An event as seen from a context: `Offset` is the place in the context's
// root function (the call site for events inside callees) and `Chain` the
// call sites that lead from the root to it.
struct ContextEvent {
  const Event *E;
  Shared<LockSet> Held;
  Shared<std::vector<clang::FullSourceLoc>> Chain;
  const CallFrame *Frame; // the call the event happens in
  unsigned Offset;
  unsigned Context;
};

class Program {
public:
  Program(Summaries &S, std::vector<const clang::FunctionDecl *> Functions);

  const std::vector<Context> &contexts() const { return Contexts; }
  const std::vector<ContextEvent> &events(unsigned Context) const {
    return Events[Context];
  }
  const std::vector<const clang::FunctionDecl *> &functions() const {
    return Functions;
  }
  Summaries &summaries() const { return S; }
  // Functions that start a context: their lock state at entry is empty.
  bool isContextRoot(const clang::FunctionDecl *F) const;

  // Whether the two events may run at the same time.
  bool mayRunConcurrently(const ContextEvent &A, const ContextEvent &B) const;
  // Whether the two contexts share memory (threads of one process).
  bool shareMemory(unsigned A, unsigned B) const;
  // Events of one context with the same phase are on the same side of every
  // spawn and join that mayRunConcurrently compares them with: they run
  // concurrently with the same events of other contexts.
  unsigned phase(const ContextEvent &E) const;
  // The root's parameters an array index at the event derives from.
  ParamMask rootParams(const ContextEvent &E) const;
  // Whether the two accesses are to elements each thread indexes by its
  // own argument (`slot[id]` in threads started with different ids).
  bool ownElements(const ContextEvent &A, const ContextEvent &B) const;

private:
  void findContexts();
  size_t flattenedSize(const clang::FunctionDecl *F,
                       std::vector<const clang::FunctionDecl *> &Stack,
                       size_t Budget);
  void flatten(const CallFrame *Frame, const LockSet &Outer, unsigned Offset,
               std::vector<clang::FullSourceLoc> &Chain,
               std::vector<const clang::FunctionDecl *> &Stack,
               std::vector<ContextEvent> &Out);

  Summaries &S;
  std::vector<const clang::FunctionDecl *> Functions;
  std::vector<Context> Contexts;
  std::vector<std::vector<ContextEvent>> Events;
  std::deque<CallFrame> Frames; // stable addresses for ContextEvent::Frame
  // What the events' Shared<> members point to.
  std::deque<LockSet> LockSets;
  std::deque<std::vector<clang::FullSourceLoc>> Chains;
  // Per context: the offsets mayRunConcurrently compares its events with.
  std::vector<std::vector<unsigned>> Boundaries;
  // Per context: for main, the part of its body between the first thread
  // or process start (through any call) and the last join after it;
  // before and after, main runs alone. [0, ~0u] otherwise.
  std::vector<OffsetRange> Threaded;
  // Per context: the spawns it makes through a call (a helper that starts
  // threads), at the offset of that call in its root.
  std::vector<std::map<const Event *, unsigned>> SpawnsViaCall;
};

} // namespace tangle::analyzer

#endif
