// The consumer takes an item with get_nowait(), which throws tangle::Empty
// when the producer has not put it yet. Nothing catches it, so in that
// interleaving the program terminates (std::terminate aborts). Fixed twin:
// get_nowait_handled.cpp.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: "id":{{ ?}}"program.assert"
#include <tangle/sync.h>
#include <thread>

tangle::Queue<int> q;
int taken;

int main() {
  std::thread producer([] { q.put(42); });
  std::thread consumer([] {
    // TEXT: get_nowait_unhandled.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[program.assert]
    taken = q.get_nowait(); // throws tangle::Empty if the put comes later
  });
  producer.join();
  consumer.join();
  return 0;
}
