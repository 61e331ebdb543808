// Three workers each fill their slot of `part` and count down a std::latch;
// main waits for it and adds the parts up. The third worker also records
// that it is done, in `finished`, but after its count_down: main may read
// `finished` while the worker writes it. race.data. Fix: write everything main
// reads before count_down (-DFIXED).
//
// libstdc++ builds the latch on an atomic counter and the futex the
// waiter sleeps on (docs/objects.md, "Futexes"). A futex wake or wait
// touches the word's wait queue, not its value, so it commutes with the
// loads of the counter (docs/exploration.md, "Futex words and their
// atomics"); and the turns of libstdc++'s spin on the counter that read
// what the turn before read stand for one ("libstdc++'s spin"). The fixed
// program takes 96 executions (342 with the futex rule alone, 1,020 with
// neither).
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 -DFIXED > %t.fixed.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
// FIXED-DAG: "executions":{{ ?}}96,
#include <latch>
#include <thread>
#include <vector>

int part[3];
int finished;

int main() {
  std::latch done(3);
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i)
    workers.emplace_back([&, i] {
      part[i] = i + 1;
#ifdef FIXED
      if (i == 2)
        finished = 1;
      done.count_down();
#else
      done.count_down();
      if (i == 2)
        finished = 1; // after the count-down: main may be reading it
#endif
    });
  done.wait();
  int sum = part[0] + part[1] + part[2] + finished;
  for (auto &t : workers)
    t.join();
  return sum == 7 ? 0 : 1;
}
