// Three workers each publish a value, meet at a std::barrier and read a
// neighbour's: clean. libstdc++'s barrier starts each arrival at the tree
// node picked by a hash of the thread's id (the address of its
// descriptor), so the steps that depend on each other, and the executions
// DPOR runs, depend on where the threads' stacks are: with address
// randomisation 196, 392, 588 or 1,344 executions in ten runs. tangle runs
// the program at the same addresses every time (docs/runtime.md, "The same
// addresses in every run"): three runs with environments of different
// sizes explore the same executions. (How many depends on the machine's
// layout: 392 on the one this was written on.)
//
// RUN: env PAD=a %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.1.json
// RUN: env PAD=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.2.json
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.3.json
// RUN: %python %S/../Inputs/same_exploration.py %t.1.json %t.2.json %t.3.json | FileCheck %s
//
// CHECK: the same exploration in 3 runs: clean,
#include <barrier>
#include <thread>
#include <vector>

int published[3];

int main() {
  std::barrier meet(3);
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i)
    workers.emplace_back([&, i] {
      published[i] = i + 1;
      meet.arrive_and_wait();
      int neighbour = published[(i + 1) % 3];
      (void)neighbour;
    });
  for (auto &w : workers)
    w.join();
}
