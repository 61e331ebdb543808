// Two workers each fill their slot and count a std::latch down; main waits
// on the latch, then reads both slots: the latch orders the writes before
// the reads. Clean. latch_one_short.cpp counts one too few.
//
// RUN: %tangle check %s --format json -- -std=c++20 > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <latch>
#include <thread>

int main() {
  std::latch done(2);
  int slot[2] = {};
  std::thread a([&] {
    slot[0] = 1;
    done.count_down();
  });
  std::thread b([&] {
    slot[1] = 2;
    done.count_down();
  });
  done.wait();
  int sum = slot[0] + slot[1];
  a.join();
  b.join();
  return sum == 3 ? 0 : 1;
}
