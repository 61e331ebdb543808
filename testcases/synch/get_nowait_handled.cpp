// Clean twin of get_nowait_unhandled.cpp: the consumer catches tangle::Empty
// and then waits for the item with a blocking get().
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <cassert>
#include <tangle/sync.h>
#include <thread>

tangle::Queue<int> q;
int taken;

int main() {
  std::thread producer([] { q.put(42); });
  std::thread consumer([] {
    try {
      taken = q.get_nowait();
    } catch (const tangle::Empty &) {
      taken = q.get(); // not there yet: wait for it
    }
  });
  producer.join();
  consumer.join();
  assert(taken == 42);
  return 0;
}
