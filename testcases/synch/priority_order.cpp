// A priority queue (queue.PriorityQueue) hands out the smallest item first,
// whatever order two producers put them in. The consumer starts after both
// producers are joined, so it must see 1, 2, 3, 4. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <cassert>
#include <tangle/sync.h>
#include <thread>

tangle::PriorityQueue<int> q;

int main() {
  std::thread odd([] {
    q.put(3);
    q.put(1);
  });
  std::thread even([] {
    q.put(4);
    q.put(2);
  });
  odd.join();
  even.join();
  assert(q.qsize() == 4);
  for (int expected = 1; expected <= 4; expected++)
    assert(q.get() == expected);
  assert(q.empty());
  return 0;
}
