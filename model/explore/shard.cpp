// The top of the tree for --shard (shard.h).
//
// Why the union of the shards' parts is the whole tree, with nothing
// shared between them (docs/exploration.md, "Shards"): at every state
// above the roots, every enabled thread not asleep is a branch, each with
// the sleep set of classic DPOR (the threads asleep there or branched there
// before it, that it does not conflict with). Exploring every such branch
// covers every interleaving from the state (Godefroid's sleep-set theorem),
// so a race whose reversal would start above a root asks for nothing that
// is not there already: the explorer leaves those races alone, and no part
// ever adds a branch to another's. A part relies on the others only through
// the sleep set of its root, as classic sleep sets do, whatever the order
// the parts are explored in. Those sleepers are never settled for optimal
// DPOR's rule: a root's own subtree may leave a reordering at a state above
// it to itself before it is explored to its end, which in one run marks
// that state as not covering (Explorer::relyOn), and no shard knows whether
// another shard's root did.
#include "model/explore/shard.h"

#include "model/explore/replay.h"

#include <algorithm>
#include <chrono>
#include <memory>

namespace tangle {
namespace {

struct Node {
  ExplorationRoot root;
  std::shared_ptr<Execution> run; // its first execution, once run
  uint32_t level = 0;             // expansions above it
  bool last = false;              // no state below it with two branches
  /// Its first execution ended sleep-blocked: most likely every one below
  /// it does (an order DPOR would not have tried, that full expansion
  /// does), so it is not expanded further nor counted as a part's work.
  bool blocked() const { return run->end == EndReason::SleepBlocked; }
};

template <typename T> bool contains(const std::vector<T> &set, T t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

/// The branches of the first state at or below the node's root where more
/// than one thread can run and is not asleep, each with its sleep set, the
/// thread the node's execution took there first; none when there is no
/// such state in that execution.
std::vector<Node> expand(const Node &node, const ExploreOptions &options) {
  const Execution &e = *node.run;
  Replayer replay(e, options.retryBound, options.spuriousWakeups);
  const Machine &m = replay.machine();
  std::vector<ThreadId> sleep = node.root.sleep;
  Outcome outcome;
  std::string error;
  for (size_t i = 0; i < e.events.size(); ++i) {
    const ThreadId took = e.events[i].thread;
    if (i >= node.root.prefix.size()) {
      std::vector<ThreadId> branches;
      replay.forEachPending([&](ThreadId t) {
        if (replay.schedulable(t) && !contains(sleep, t))
          branches.push_back(t);
      });
      if (branches.size() >= 2) {
        auto at = std::find(branches.begin(), branches.end(), took);
        if (at != branches.end())
          std::rotate(branches.begin(), at, at + 1);
        std::vector<ThreadId> prefix;
        for (size_t k = 0; k < i; ++k)
          prefix.push_back(e.events[k].thread);
        std::vector<Node> children;
        std::vector<ThreadId> before = sleep; // asleep or branched already
        for (ThreadId t : branches) {
          Node child;
          child.root.prefix = prefix;
          child.root.prefix.push_back(t);
          for (ThreadId q : before)
            if (q != t && !m.conflicts(t, q))
              child.root.sleep.push_back(q);
          child.level = node.level + 1;
          if (t == took) // the same schedule: the same execution
            child.run = node.run;
          children.push_back(std::move(child));
          before.push_back(t);
        }
        return children;
      }
    }
    // The step wakes the sleepers it conflicts with (as walkStates).
    if (i >= node.root.prefix.size())
      sleep.erase(std::remove_if(sleep.begin(), sleep.end(),
                                 [&](ThreadId q) {
                                   return q == took || m.conflicts(took, q);
                                 }),
                  sleep.end());
    if (!replay.step(outcome, error))
      break;
  }
  return {};
}

} // namespace

ShardPlan planShard(Program &program, const ExploreOptions &options) {
  ShardPlan plan;
  const auto start = std::chrono::steady_clock::now();
  const uint32_t count = std::max<uint32_t>(options.shardCount, 1);
  const size_t wanted = size_t(RootsPerShard) * count;
  // Runs a node's first execution; false when the plan must stop.
  auto run = [&](Node &node) {
    if (node.run)
      return true;
    if (options.interrupt && options.interrupt->load() != 0) {
      plan.stoppedBy = "interrupted";
      return false;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (options.timeoutSeconds > 0 && seconds >= options.timeoutSeconds) {
      plan.stoppedBy = "timeout";
      return false;
    }
    ExecutionRequest request;
    request.prefix = node.root.prefix;
    request.sleeping = node.root.sleep;
    request.maxSteps = options.maxSteps;
    request.timeoutSeconds = options.executionTimeout;
    request.retryBound = options.retryBound;
    request.spuriousWakeups = options.spuriousWakeups;
    node.run = std::make_shared<Execution>(program.run(request));
    ++plan.executions;
    plan.steps += node.run->events.size();
    if (node.run->end != EndReason::Error &&
        node.run->end != EndReason::Diverged)
      return true;
    plan.stoppedBy = "error";
    plan.error = node.run->error.empty()
                     ? "the program could not be run"
                     : (node.run->end == EndReason::Diverged
                            ? "the program did not repeat its behaviour "
                              "under the same schedule: "
                            : "") +
                           node.run->error;
    return false;
  };
  std::vector<Node> frontier(1);
  if (!run(frontier[0]))
    return plan;
  for (;;) {
    // The shallowest node that may still branch, the leftmost of them:
    // the frontier grows level by level, the same in every shard.
    size_t next = frontier.size(), live = 0;
    for (size_t i = 0; i < frontier.size(); ++i) {
      if (frontier[i].blocked())
        continue;
      ++live;
      if (!frontier[i].last &&
          (next == frontier.size() || frontier[i].level < frontier[next].level))
        next = i;
    }
    if (next == frontier.size() || live >= wanted)
      break;
    std::vector<Node> children = expand(frontier[next], options);
    if (children.empty()) {
      frontier[next].last = true;
      continue;
    }
    // A branch whose first execution ends sleep-blocked and that cannot
    // branch below is its whole subtree, and that subtree runs nothing to
    // its end: no root (the full expansion makes many, an order DPOR
    // would never try).
    std::vector<Node> kept;
    for (Node &child : children) {
      if (!run(child))
        return plan;
      if (child.run->end == EndReason::SleepBlocked &&
          expand(child, options).empty())
        continue;
      kept.push_back(std::move(child));
    }
    frontier.erase(frontier.begin() + next);
    frontier.insert(frontier.begin() + next,
                    std::make_move_iterator(kept.begin()),
                    std::make_move_iterator(kept.end()));
  }
  // The roots that ran an execution to its end, and the others, are each
  // shared out in turn: the first are where the work is.
  plan.frontier = uint32_t(frontier.size());
  size_t live = 0, blocked = 0;
  for (Node &node : frontier)
    if ((node.blocked() ? blocked++ : live++) % count ==
        options.shardIndex - 1)
      plan.roots.push_back(std::move(node.root));
  return plan;
}

} // namespace tangle
