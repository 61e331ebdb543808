// Two workers each publish a value, meet at a std::barrier, and read the
// other's. Then each overwrites its own value for the next round, but
// without meeting again: the other worker may still be reading it.
// race.data. Fix: arrive_and_wait once more before the next write
// (-DFIXED).
//
// libstdc++'s barrier waits for the phase word with its atomic wait (a spin
// of loads, then a futex wait on the waiter pool's version word); a futex
// wake commutes with the loads of that word (docs/exploration.md, "Futex
// words and their atomics"), and the repeated turns of the spin stand for
// one ("libstdc++'s spin"). With two threads the barrier's tree has one
// node, so the executions do not depend on the threads' ids: 228 for the
// fixed program (580 with the futex rule alone, 814 with neither).
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 -DFIXED > %t.fixed.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
// FIXED-DAG: "executions":{{ ?}}228,
#include <barrier>
#include <thread>

int value[2];

int main() {
  std::barrier meet(2);
  auto worker = [&](int i) {
    value[i] = 1;
    meet.arrive_and_wait();
    int other = value[1 - i];
#ifdef FIXED
    meet.arrive_and_wait();
#endif
    value[i] = other + 1; // the next round's value
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  return 0;
}
