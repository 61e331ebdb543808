// Back-off with std::timed_mutex: the second thread takes b first, then only
// TRIES a for a while. If that fails it releases b and starts again in the
// global order (a, then b). It never blocks on a while holding b, so there is
// no deadlock, whatever the timing. (Helgrind reports a false inversion.)
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <chrono>
#include <mutex>
#include <thread>

std::timed_mutex a, b;
int shared;

void in_order() {
  std::lock_guard<std::timed_mutex> la(a);
  std::lock_guard<std::timed_mutex> lb(b);
  shared++;
}

void with_backoff() {
  b.lock();
  if (a.try_lock_for(std::chrono::milliseconds(10))) {
    shared--; // got both
    a.unlock();
    b.unlock();
    return;
  }
  b.unlock(); // back off: give b back, then take both in the global order
  std::lock_guard<std::timed_mutex> la(a);
  std::lock_guard<std::timed_mutex> lb(b);
  shared--;
}

int main() {
  std::thread t1(in_order), t2(with_backoff);
  t1.join();
  t2.join();
}
