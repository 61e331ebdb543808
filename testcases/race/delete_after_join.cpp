// The twin of delete_while_reading.cpp: the object is deleted after the
// reader is joined, and a block freed and allocated again (the vector's
// reallocation) is new memory, not a use after free. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <thread>
#include <vector>

struct Counter {
  int hits = 0;
};

int seen;

int main() {
  Counter *counter = new Counter;
  std::thread reader([counter] { seen = counter->hits; });
  reader.join();
  delete counter;
  std::vector<int> values;
  for (int i = 0; i < 100; ++i)
    values.push_back(i);
  std::thread summer([&values] {
    long sum = 0;
    for (int v : values)
      sum += v;
    seen = int(sum);
  });
  summer.join();
  return 0;
}
