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

} // namespace tangle
