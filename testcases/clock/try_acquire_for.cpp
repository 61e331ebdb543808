// std::counting_semaphore::try_acquire_for on a semaphore nobody releases:
// libstdc++ waits on a futex with an absolute deadline and, when the wait
// times out, looks at the clock and waits again while the deadline is
// ahead. On the real clock a timeout the explorer chose left the deadline
// ahead, so the thread polled on until tangle took it for stuck: a false
// deadlock.stall ("main thread polls; it sleeps and looks again and
// again"). On the virtual clock the timed-out futex wait leaves the clock at
// the deadline: try_acquire_for returns false after its 100 ms, clean.
//
// RUN: %tangle check %s --no-lint --format json -- -std=c++20 > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-NOT: deadlock.stall
// CHECK: "verdict":{{ ?}}"clean"
// CHECK-NOT: deadlock.stall
#include <cassert>
#include <chrono>
#include <semaphore>
#include <thread>

using namespace std::chrono_literals;

int main() {
  std::counting_semaphore<1> slots(0); // never released
  std::thread helper([] {});
  auto start = std::chrono::steady_clock::now();
  bool got = slots.try_acquire_for(100ms);
  assert(!got && std::chrono::steady_clock::now() - start >= 100ms);
  helper.join();
  return 0;
}
