// A get with a timeout either receives the item or, when the timeout passes
// first, throws tangle::Empty; tangle explores the timeout as a scheduling
// choice (no real waiting), so both outcomes occur and both are handled.
// Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <cassert>
#include <tangle/sync.h>
#include <thread>

tangle::Queue<int> q(1);

int main() {
  std::thread producer([] { q.put(42); });
  int item;
  try {
    item = q.get(true, 0.5); // waits at most half a second
  } catch (const tangle::Empty &) {
    item = q.get(); // timed out: the producer is late, wait for it
  }
  producer.join();
  assert(item == 42);
  assert(q.empty());
  return 0;
}
