// The worker changes the flag but never calls notify_one: when main is
// already asleep in flag.wait(0), nothing wakes it. deadlock.stall under
// that schedule. Fix: notify after every change a waiter may wait for
// (atomic_wait_notify.cpp).
// libstdc++'s wait spins 16 times on the flag before it sleeps, and each
// turn counts as a failed retry: under the default --retry-bound 2 tangle
// lets the worker run first, so the schedule where main falls asleep
// before the store is only explored with a bound above 16.
//
// RUN: %tangle check %s --retry-bound 20 --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --retry-bound 20 -- -std=c++20 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
#include <atomic>
#include <thread>

std::atomic<int> flag{0};

int main() {
  std::thread worker([] { flag.store(1); });
  // TEXT: {{.*}}atomic_wait_no_notify.cpp:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}main thread waits to see a change of flag{{.*}}[deadlock.stall]
  flag.wait(0);
  worker.join();
  return 0;
}
