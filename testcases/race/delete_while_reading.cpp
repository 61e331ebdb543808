// C++: main deletes the shared counter object while a std::thread may still
// be reading it. delete is a write to the whole object: race.data. Fix:
// join before delete, or share ownership with std::shared_ptr
// (delete_after_join.cpp).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
#include <thread>

struct Counter {
  int hits = 0;
};

int seen;

int main() {
  Counter *counter = new Counter;
  std::thread reader([counter] { seen = counter->hits; });
  delete counter;
  reader.join();
  return 0;
}
