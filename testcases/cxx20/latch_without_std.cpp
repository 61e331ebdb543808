// A C++20 program (std::latch) checked without `-- -std=c++20`: tangle
// compiles C++ as C++17 unless the flags name a standard, and a program
// that does not compile as C++17 is compiled again as C++20 (so are the
// static checks). It used to stop at "latch.cpp does not compile".
// Three workers fill their slot and count down; main waits on the latch and
// then reads all three: clean. -DEARLY reads before the wait: a data race.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// CHECK-NOT: does not compile
// CHECK-NOT: static checks skipped
// CHECK: tangle: clean: {{.*}}every interleaving explored
//
// RUN: %tangle check %s -- -DEARLY > %t.early 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=EARLY --input-file %t.early
// EARLY: main thread reads it at {{.*}}latch_without_std.cpp:[[#@LINE+22]] {{.*}}[race.data]
// EARLY: tangle: bugs:
//
// RUN: %tangle-lint %s > %t.lint 2>&1; test $? -lt 2
// RUN: FileCheck %s --check-prefix=LINT --input-file %t.lint
// LINT-NOT: does not compile
#include <latch>
#include <thread>
#include <vector>

int slots[3];

int main() {
  std::latch filled(3);
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i)
    workers.emplace_back([&filled, i] {
      slots[i] = i + 1;
      filled.count_down();
    });
  int sum = 0;
#ifdef EARLY
  sum = slots[0];
#endif
  filled.wait();
  sum += slots[0] + slots[1] + slots[2];
  for (std::thread &worker : workers)
    worker.join();
  return sum >= 6 ? 0 : 1;
}
