// Which atomic read-modify-writes are blind updates (objects/atomic.h),
// decided at run time from the call stack of the operation against code
// ranges tangle computes before the program runs: the call sites whose
// result the program discards (found by a compile-time pass over the
// source, analyzer/BlindUpdates.h, and placed by the debug info,
// cli/blind_sites.h), and the library functions that only hand an update's
// result back to their caller (std::atomic's operator++ and the like).
// Plain data and one function, so that the runtime uses it as it is.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tangle {

/// Code addresses [begin, end).
struct CodeRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

/// Both lists sorted by begin, without overlaps.
struct BlindSiteTable {
  const CodeRange *sites = nullptr; // calls whose result is discarded
  size_t siteCount = 0;
  const CodeRange *wrappers = nullptr; // functions that return an update's
  size_t wrapperCount = 0;             // result unchanged
};

/// How many wrapper frames may lie between an update and its call site
/// (std::atomic_fetch_add -> atomic_fetch_add_explicit -> the update).
constexpr int MaxWrapperFrames = 3;

/// Whether an update whose stack is `returns` (return addresses, innermost
/// first: returns[0] is where the update's own call returns to; 0 ends the
/// list) is blind: past at most MaxWrapperFrames frames in wrappers, the
/// first frame is a call in one of the sites. Anything else -- no table,
/// a frame in ordinary code, a stack cut short -- is not blind.
bool blindCallSite(const BlindSiteTable &table, const uint64_t *returns,
                   int count);

/// Whether `address` lies in one of `ranges` (sorted and merged by
/// normalizeRanges).
bool inRanges(const CodeRange *ranges, size_t count, uint64_t address);

/// Sorts ranges by begin and merges those that touch or overlap; returns
/// the new count.
size_t normalizeRanges(CodeRange *ranges, size_t count);

} // namespace tangle
