// Two readers wait with std::atomic::wait for main's flag, then read `data`.
// Main sets the flag and notifies, and only then writes `data`: a reader
// woken (or never asleep) may read it at the same time. race.data. Fix:
// write the data before the flag (-DFIXED).
//
// libstdc++'s wait loads the flag up to 16 times before its futex wait, and
// each load that reads what the one before read is one more turn of a spin
// whose only result is whether some turn saw the change: a race of such a
// turn is answered at the first turn of the repetition (docs/exploration.md,
// "libstdc++'s spin"). The fixed program takes 25 executions (81 with the
// futex rule alone, 185 with neither).
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --strategy dpor --format json -- -std=c++20 -DFIXED > %t.fixed.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
// FIXED-DAG: "executions":{{ ?}}25,
#include <atomic>
#include <thread>

std::atomic<int> flag{0};
int data;

int main() {
  auto reader = [] {
    flag.wait(0);
    int seen = data;
    (void)seen;
  };
  std::thread a(reader), b(reader);
#ifdef FIXED
  data = 1;
  flag.store(1);
  flag.notify_all();
#else
  flag.store(1);
  flag.notify_all();
  data = 1; // after the flag: a reader may be reading it
#endif
  a.join();
  b.join();
  return 0;
}
