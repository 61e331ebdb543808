// The finding ids, from finding_ids.def.
#include "model/detect/finding.h"

#include <algorithm>
#include <cstdio>

namespace tangle {

const char *findingId(FindingKind kind) {
  switch (kind) {
#define FINDING(name, id)                                                      \
  case FindingKind::name:                                                      \
    return id;
#include "model/detect/finding_ids.def"
#undef FINDING
  }
  return "?";
}

const std::vector<FindingKind> &allFindingKinds() {
  static const std::vector<FindingKind> kinds = {
#define FINDING(name, id) FindingKind::name,
#include "model/detect/finding_ids.def"
#undef FINDING
  };
  return kinds;
}

std::optional<FindingKind> misuseKind(const std::string &id) {
  if (id.rfind("sync.", 0) != 0)
    return std::nullopt;
  for (FindingKind kind : allFindingKinds())
    if (id == findingId(kind))
      return kind;
  return std::nullopt;
}

std::string findingKey(FindingKind kind, std::vector<uint64_t> sites,
                       bool unordered) {
  if (unordered)
    std::sort(sites.begin(), sites.end());
  std::string key = findingId(kind);
  for (uint64_t site : sites) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, ":%llx",
                  static_cast<unsigned long long>(site));
    key += buffer;
  }
  return key;
}

bool betterWitness(const Finding &a, const Finding &b) {
  // A race's witness should show the failure, not just the two accesses:
  // that matters more than a short schedule.
  if (a.lostUpdate != b.lostUpdate)
    return a.lostUpdate;
  // A free's race lists the fields it raced with: more of them, more of
  // the story (two for any other race).
  if (a.accesses.size() != b.accesses.size())
    return a.accesses.size() > b.accesses.size();
  // A detached thread cut off holding a lock shows what is lost: the lock
  // is never released.
  if (a.kind == FindingKind::LifecycleDetachedCutOff && !a.threads.empty() &&
      !b.threads.empty() &&
      a.threads[0].holds.empty() != b.threads[0].holds.empty())
    return !a.threads[0].holds.empty();
  if (a.accessGap != b.accessGap)
    return a.accessGap < b.accessGap;
  if (a.preemptions != b.preemptions)
    return a.preemptions < b.preemptions;
  size_t aSteps = a.execution ? a.execution->events.size() : 0;
  size_t bSteps = b.execution ? b.execution->events.size() : 0;
  return aSteps < bSteps;
}

} // namespace tangle
