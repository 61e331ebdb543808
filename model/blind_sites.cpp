// See blind_sites.h. Allocation-free: the runtime calls it on every atomic
// update of a controlled thread.
#include "model/blind_sites.h"

#include <algorithm>

namespace tangle {

bool inRanges(const CodeRange *ranges, size_t count, uint64_t address) {
  // The last range that begins at or before address.
  const CodeRange *end = ranges + count;
  const CodeRange *after = std::upper_bound(
      ranges, end, address,
      [](uint64_t a, const CodeRange &r) { return a < r.begin; });
  return after != ranges && address < (after - 1)->end;
}

bool blindCallSite(const BlindSiteTable &table, const uint64_t *returns,
                   int count) {
  if (table.siteCount == 0)
    return false;
  // A return address is one past its call: the call's last byte is the one
  // before it.
  int i = 0;
  while (i < count && i < MaxWrapperFrames && returns[i] != 0 &&
         inRanges(table.wrappers, table.wrapperCount, returns[i] - 1))
    ++i;
  return i < count && returns[i] != 0 &&
         inRanges(table.sites, table.siteCount, returns[i] - 1);
}

size_t normalizeRanges(CodeRange *ranges, size_t count) {
  std::sort(ranges, ranges + count, [](const CodeRange &a, const CodeRange &b) {
    return a.begin < b.begin;
  });
  size_t out = 0;
  for (size_t i = 0; i < count; ++i) {
    if (ranges[i].begin >= ranges[i].end)
      continue;
    if (out > 0 && ranges[i].begin <= ranges[out - 1].end) {
      ranges[out - 1].end = std::max(ranges[out - 1].end, ranges[i].end);
      continue;
    }
    ranges[out++] = ranges[i];
  }
  return out;
}

} // namespace tangle
