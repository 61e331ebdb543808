// The latch expects two count_downs, but only one worker counts down: main
// waits at the latch forever. deadlock.stall, "waits to pass a std::latch".
// Fix: create the latch with the number of count_downs that will come
// (latch_all_arrive.cpp).
//
// RUN: %tangle check %s --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s -- -std=c++20 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
#include <latch>
#include <thread>

int main() {
  std::latch done(2);
  int slot = 0;
  std::thread a([&] {
    slot = 1;
    done.count_down();
  });
  // TEXT: {{.*}}latch_one_short.cpp:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}main thread waits to pass a std::latch{{.*}}[deadlock.stall]
  done.wait();
  a.join();
  return slot;
}
