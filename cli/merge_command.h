// `tangle merge REPORT.json...`: the JSON reports of the N shards of one
// run (`tangle check --shard I/N --format json`) combined into the report
// of one run; docs/cli.md, "merge".
#pragma once

#include "cli/tangle.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace tangle {

/// Runs `tangle merge` on the words after `merge`; returns the exit code
/// `tangle check` would give the merged report (2: bad usage or a report
/// that does not belong, one line).
int runMerge(llvm::ArrayRef<std::string> words, Console &console);

} // namespace tangle
