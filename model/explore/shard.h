// Sharding one exploration over N independent processes (`tangle check
// --shard I/N`, docs/exploration.md, "Shards"): every shard runs the same
// first executions and expands the top of the tree in full, state by state,
// until it has at least RootsPerShard * N states (whose first execution ran
// to its end) below which the rest of the search is independent; the roots
// are dealt out to the shards in turn, in depth-first order.
#pragma once

#include "model/explore/explorer.h"

namespace tangle {

/// Roots wanted per shard at least (when the tree has that many), not
/// counting the sleep-blocked ones: more roots spread uneven subtrees over
/// the shards, each costs every shard executions to find.
constexpr uint32_t RootsPerShard = 4;

/// The top of the tree, expanded in full, and this shard's roots.
struct ShardPlan {
  std::vector<ExplorationRoot> roots; // this shard's, in depth-first order
  uint32_t frontier = 0;              // the roots of every shard
  uint64_t executions = 0; // run to find them (the same in every shard)
  uint64_t steps = 0;      // of those executions
  /// Why the expansion stopped before it had the roots ("interrupted",
  /// "timeout"); or the program's error ("error", with `error`).
  std::string stoppedBy;
  std::string error;
};

/// Expands the top of `program`'s tree for shard `options.shardIndex` of
/// `options.shardCount` (both from 1). Deterministic for a program that is.
ShardPlan planShard(Program &program, const ExploreOptions &options);

} // namespace tangle
