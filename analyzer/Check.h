// The interface every static check implements; checks are listed in
// CheckRegistry.cpp and live one per file in checks/.
#ifndef TANGLE_ANALYZER_CHECK_H
#define TANGLE_ANALYZER_CHECK_H

#include "analyzer/Contexts.h"
#include "analyzer/Reporter.h"
#include "llvm/ADT/DenseMap.h"
#include <functional>
#include <map>
#include <vector>

namespace tangle::analyzer {

class Check {
public:
  virtual ~Check() = default;
  virtual const char *id() const = 0;
  // One sentence for `--list-checks` and SARIF's rule description.
  virtual const char *summary() const = 0;
  virtual void run(const Program &P, Reporter &R) = 0;
};

// One finding per problem: pairs of accesses (ContextEvent pointers)
// grouped by the sites they share (transitively), each
// group in the order its first pair was found.
template <typename PairT>
std::vector<std::vector<PairT>> groupBySite(const std::vector<PairT> &Pairs) {
  // Union-find over the events, iterative, paths compressed.
  llvm::DenseMap<const Event *, const Event *> Parent;
  auto Find = [&](const Event *E) {
    const Event *Root = E;
    for (;;) {
      const Event *Up = Parent.try_emplace(Root, Root).first->second;
      if (Up == Root)
        break;
      Root = Up;
    }
    while (E != Root) {
      const Event *Next = Parent[E];
      Parent[E] = Root;
      E = Next;
    }
    return Root;
  };
  for (const PairT &P : Pairs) {
    const Event *A = Find(P.first->E), *B = Find(P.second->E);
    if (A != B)
      Parent[B] = A;
  }
  llvm::DenseMap<const Event *, size_t> GroupOf;
  std::vector<std::vector<PairT>> Groups;
  for (const PairT &P : Pairs) {
    auto [It, New] = GroupOf.try_emplace(Find(P.first->E), Groups.size());
    if (New)
      Groups.emplace_back();
    Groups[It->second].push_back(P);
  }
  return Groups;
}

} // namespace tangle::analyzer

#endif
