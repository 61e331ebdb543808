// The finding ids, from finding_ids.def.
#include "model/detect/finding.h"

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

} // namespace tangle
